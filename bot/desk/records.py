"""Records the user can take away (a ticket transcript) and the right to be forgotten.

The /forget contract: every service that stores data about a user implements
`forget_user(user_id)` (the `ForgetsUsers` protocol) and deletes every row of that user in its
own tables. `UserDataEraser.forget` calls it on the desk's own parts and on every other service
handed to it (the handler passes all of `Services`), then removes the user's `users` row and
their private `chats` row. One exception: a user the staff banned keeps a bare `users` row (id
and the ban, every personal field blanked), or /forget would be a way around the ban.

On SQLite the erase runs under `PRAGMA secure_delete` and ends with a WAL checkpoint, so the
values are gone from the database file, its free pages and its write-ahead log, not merely
unreachable.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from bot.desk.gateway import DeskGateway
from bot.desk.models import Entry, Person, Ticket, parse_ticket_number
from bot.desk.store import DeskStore
from bot.messages import Button, Reply
from bot.storage import Database
from bot.texts import Texts

__all__ = ["ForgetsUsers", "UserDataEraser", "UserRecords", "render_transcript"]

MAX_LISTED = 20
CHECKPOINT_TRIES = 5
CHECKPOINT_PAUSE_SECONDS = 0.2


@runtime_checkable
class ForgetsUsers(Protocol):
    async def forget_user(self, user_id: int) -> None: ...


class UserDataEraser:
    def __init__(self, db: Database, parts: Iterable[ForgetsUsers]) -> None:
        self._db = db
        self._parts = list(parts)

    async def forget(self, user_id: int, others: Iterable[object] = ()) -> None:
        scrub = getattr(self._db, "dialect", "sqlite") == "sqlite"
        if scrub:
            # Deleted rows are overwritten, not just unlinked: a freed page or cell would keep
            # the member's text readable in the file. Left on for the writer from then on.
            async with self._db.write() as tx:
                await tx.execute("PRAGMA secure_delete = ON")
        seen: set[int] = set()
        for part in [*self._parts, *others]:
            if id(part) in seen or not isinstance(part, ForgetsUsers):
                continue
            seen.add(id(part))
            await part.forget_user(user_id)
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE users SET first_name = NULL, username = NULL, language = NULL"
                " WHERE user_id = ? AND banned = 1",
                (user_id,),
            )
            await tx.execute("DELETE FROM users WHERE user_id = ? AND banned = 0", (user_id,))
            await tx.execute("DELETE FROM chats WHERE chat_id = ? AND type = 'private'", (user_id,))
        if scrub:
            await self._checkpoint()

    async def _checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it: it still holds the pages as
        they were before the erase. A reader in the middle of a query can hold it up, so a
        few tries."""
        for _ in range(CHECKPOINT_TRIES):
            row = await self._db.fetch_one("PRAGMA wal_checkpoint(TRUNCATE)")
            if row is None or not int(next(iter(row.values()))):  # busy = 0: done
                return
            await asyncio.sleep(CHECKPOINT_PAUSE_SECONDS)


class UserRecords:
    """/mytickets, /transcript and /forget: what the user can see, take away or erase."""

    def __init__(
        self, store: DeskStore, texts: Texts, gateway: DeskGateway, eraser: UserDataEraser
    ) -> None:
        self._store = store
        self._texts = texts
        self._gateway = gateway
        self._eraser = eraser

    def _t(self, key: str, lang: str, **fields: object) -> str:
        return self._texts.get(f"desk.{key}", lang, **fields)

    async def my_tickets(self, person: Person) -> list[Reply]:
        tickets = await self._store.user_tickets(person.user_id)
        lang = person.language
        if not tickets:
            return [Reply(self._t("mytickets_none", lang))]
        lines = [self._t("mytickets_title", lang)]
        for ticket in tickets[:MAX_LISTED]:
            lines.append(
                self._t(
                    "mytickets_line",
                    lang,
                    number=ticket.number,
                    status=self._t(f"status_{ticket.status.value}", lang),
                    category=self._t(ticket.category_key, lang),
                    date=ticket.created_at[:10],
                )
            )
        lines.append(self._t("mytickets_footer", lang))
        return [Reply("\n".join(lines))]

    async def transcript(self, person: Person, argument: str) -> list[Reply]:
        """/transcript [number]: the ticket's conversation as a UTF-8 text file."""
        lang = person.language
        tickets = await self._store.user_tickets(person.user_id)
        wanted = parse_ticket_number(argument) if argument.strip() else None
        if argument.strip() and wanted is None:
            return [Reply(self._t("transcript_usage", lang))]
        chosen = next((t for t in tickets if wanted in (None, t.ticket_id)), None)
        if chosen is None:
            key = "mytickets_none" if not tickets else "transcript_not_found"
            return [Reply(self._t(key, lang))]
        entries = await self._store.entries(chosen.ticket_id)
        body = render_transcript(self._texts, chosen, entries, lang)
        await self._gateway.send_document(
            person.user_id,
            f"{chosen.number}.txt",
            body.encode("utf-8"),
            self._t("transcript_caption", lang, number=chosen.number),
        )
        return []

    def ask_forget(self, person: Person) -> list[Reply]:
        lang = person.language
        rows = (
            (
                Button(self._t("button_forget_yes", lang), callback_data="desk:forget:yes"),
                Button(self._t("button_forget_no", lang), callback_data="desk:forget:no"),
            ),
        )
        return [Reply(self._t("forget_confirm", lang), buttons=rows)]

    async def forget(
        self, person: Person, confirmed: bool, other_services: Iterable[object] = ()
    ) -> list[Reply]:
        """Erase everything about the user, after they confirmed; `other_services` are asked
        to `forget_user` as well (the handler passes every service)."""
        if not confirmed:
            return [Reply(self._t("forget_kept", person.language))]
        await self._eraser.forget(person.user_id, other_services)
        return [Reply(self._t("forget_done", person.language))]


def render_transcript(texts: Texts, ticket: Ticket, entries: list[Entry], lang: str) -> str:
    """The ticket as plain text: the request, then the conversation; internal notes never."""

    def t(key: str, **fields: object) -> str:
        return texts.get(f"desk.{key}", lang, **fields)

    answers = ticket.answers
    lines = [
        t(f"transcript_title_{ticket.kind.value}", number=ticket.number),
        t(f"field_{ticket.category_field}_line", value=t(ticket.category_key)),
        t("transcript_status", status=t(f"status_{ticket.status.value}")),
        t("transcript_opened", date=_stamp(ticket.created_at)),
        "",
        t("transcript_request"),
    ]
    for name in ("uid", "contact", "when", "what", "wants"):
        if name in answers:
            lines.append(t(f"field_{name}_line", value=answers[name]))
    lines += ["", t("transcript_conversation")]
    for entry in entries:
        if entry.direction == "note":
            continue
        if entry.direction == "event":
            lines.append(f"[{_stamp(entry.created_at)}] " + t(f"transcript_event_{entry.text}"))
            continue
        who = t("transcript_you") if entry.direction == "user" else t("transcript_support")
        body = entry.text
        if entry.media:
            attached = t(
                "transcript_attachment", kind=entry.media, name=entry.file_name or ""
            ).rstrip()
            body = f"{attached} {body}".strip()
        lines.append(f"[{_stamp(entry.created_at)}] {who}: {body}")
    lines += ["", t("transcript_footer")]
    return "\n".join(lines) + "\n"


def _stamp(iso: str) -> str:
    """ "2026-11-26T11:40:05+00:00" -> "2026-11-26 11:40 UTC"."""
    return iso[:16].replace("T", " ") + " UTC"
