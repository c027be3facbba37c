"""`DeskStore`: the desk's SQL (drafts, tickets, conversation, ratings), nothing else."""

from __future__ import annotations

import json
from typing import Any

from bot.clock import Clock, utc_now_iso
from bot.desk.intake import IntakeState
from bot.desk.models import Entry, Kind, Status, Ticket
from bot.storage import Database

__all__ = ["DESK_USER_TABLES", "DeskStore", "Draft"]

# Every desk table with a user_id column: what /forget clears (messages and ratings also go
# with their tickets through ON DELETE CASCADE).
DESK_USER_TABLES = ("desk_ratings", "desk_messages", "desk_tickets", "desk_intake")

Draft = IntakeState


class DeskStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _now(self) -> str:
        return utc_now_iso(self._clock)

    # -- conversation state (one per user) ------------------------------------------------

    async def load_state(self, user_id: int) -> tuple[str, IntakeState] | None:
        """The user's conversation in progress as (kind, state); kind may be a non-intake one
        ("rating_comment", "verify") whose state only carries `answers`."""
        row = await self._db.fetch_one("SELECT * FROM desk_intake WHERE user_id = ?", (user_id,))
        if row is None:
            return None
        kind = str(row["kind"])
        state_kind = Kind(kind) if kind in Kind.__members__.values() else Kind.TICKET
        state = IntakeState(
            kind=state_kind,
            step=str(row["step"]),
            answers=json.loads(row["answers"] or "{}"),
            editing=bool(row["editing"]),
            language=str(row["language"]),
        )
        return kind, state

    async def save_state(self, user_id: int, kind: str, state: IntakeState) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO desk_intake (user_id, kind, step, answers, editing, language,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                " kind = excluded.kind, step = excluded.step, answers = excluded.answers,"
                " editing = excluded.editing, language = excluded.language,"
                " updated_at = excluded.updated_at",
                (
                    user_id,
                    kind,
                    state.step,
                    json.dumps(state.answers, ensure_ascii=False),
                    int(state.editing),
                    state.language,
                    self._now(),
                ),
            )

    async def clear_state(self, user_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM desk_intake WHERE user_id = ?", (user_id,))

    # -- tickets ---------------------------------------------------------------------------

    async def create_ticket(
        self, user_id: int, kind: Kind, category: str, language: str, answers: dict[str, Any]
    ) -> Ticket:
        now = self._now()
        async with self._db.write() as tx:
            ticket_id = await tx.execute(
                "INSERT INTO desk_tickets (user_id, kind, category, status, language, answers,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    user_id,
                    kind.value,
                    category,
                    Status.OPEN.value,
                    language,
                    json.dumps(answers, ensure_ascii=False),
                    now,
                    now,
                ),
            )
            # The draft becomes the ticket in the same transaction: never both, never neither.
            await tx.execute("DELETE FROM desk_intake WHERE user_id = ?", (user_id,))
        ticket = await self.ticket(ticket_id)
        assert ticket is not None
        return ticket

    async def ticket(self, ticket_id: int) -> Ticket | None:
        row = await self._db.fetch_one(
            "SELECT * FROM desk_tickets WHERE ticket_id = ?", (ticket_id,)
        )
        return Ticket.from_row(row) if row else None

    async def user_tickets(self, user_id: int) -> list[Ticket]:
        rows = await self._db.fetch_all(
            "SELECT * FROM desk_tickets WHERE user_id = ? ORDER BY ticket_id DESC", (user_id,)
        )
        return [Ticket.from_row(r) for r in rows]

    async def latest_open_ticket(self, user_id: int) -> Ticket | None:
        row = await self._db.fetch_one(
            "SELECT * FROM desk_tickets WHERE user_id = ? AND status = ?"
            " ORDER BY ticket_id DESC LIMIT 1",
            (user_id, Status.OPEN.value),
        )
        return Ticket.from_row(row) if row else None

    async def ticket_by_thread(self, chat_id: int, thread_id: int) -> Ticket | None:
        row = await self._db.fetch_one(
            "SELECT * FROM desk_tickets WHERE staff_chat_id = ? AND staff_thread_id = ?",
            (chat_id, thread_id),
        )
        return Ticket.from_row(row) if row else None

    async def ticket_by_staff_message(self, chat_id: int, message_id: int) -> Ticket | None:
        """The ticket a message in the staff chat belongs to: its header or a relayed line."""
        row = await self._db.fetch_one(
            "SELECT t.* FROM desk_tickets t WHERE t.staff_chat_id = ? AND ("
            " t.staff_header_message_id = ? OR EXISTS (SELECT 1 FROM desk_messages m"
            " WHERE m.ticket_id = t.ticket_id AND m.staff_message_id = ?))",
            (chat_id, message_id, message_id),
        )
        return Ticket.from_row(row) if row else None

    async def ticket_by_user_message(self, user_id: int, message_id: int) -> Ticket | None:
        """The ticket of a message in the user's private chat (an agent's relayed reply)."""
        row = await self._db.fetch_one(
            "SELECT t.* FROM desk_tickets t JOIN desk_messages m ON m.ticket_id = t.ticket_id"
            " WHERE m.user_id = ? AND m.user_message_id = ? LIMIT 1",
            (user_id, message_id),
        )
        return Ticket.from_row(row) if row else None

    async def set_staff_place(
        self, ticket_id: int, chat_id: int, thread_id: int | None, header_message_id: int
    ) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE desk_tickets SET staff_chat_id = ?, staff_thread_id = ?,"
                " staff_header_message_id = ?, updated_at = ? WHERE ticket_id = ?",
                (chat_id, thread_id, header_message_id, self._now(), ticket_id),
            )

    async def set_status(self, ticket_id: int, status: Status) -> bool:
        """Change the status; False if it already was `status`."""
        closed_at = self._now() if status is Status.CLOSED else None
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "UPDATE desk_tickets SET status = ?, closed_at = ?, outcome = NULL,"
                " updated_at = ? WHERE ticket_id = ? AND status != ?",
                (status.value, closed_at, self._now(), ticket_id, status.value),
            )
        return changed > 0

    async def set_assignee(self, ticket_id: int, assignee_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE desk_tickets SET assignee_id = ?, updated_at = ? WHERE ticket_id = ?",
                (assignee_id, self._now(), ticket_id),
            )

    async def set_outcome(self, ticket_id: int, outcome: str) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE desk_tickets SET outcome = ?, updated_at = ? WHERE ticket_id = ?",
                (outcome, self._now(), ticket_id),
            )

    async def mark_off_hours_notice(self, ticket_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE desk_tickets SET off_hours_notice_at = ? WHERE ticket_id = ?",
                (self._now(), ticket_id),
            )

    # -- conversation ----------------------------------------------------------------------

    async def add_entry(
        self,
        ticket: Ticket,
        direction: str,
        text: str,
        *,
        author_id: int | None = None,
        media: str | None = None,
        file_name: str | None = None,
        user_message_id: int | None = None,
        staff_message_id: int | None = None,
    ) -> int:
        async with self._db.write() as tx:
            return await tx.execute(
                "INSERT INTO desk_messages (ticket_id, user_id, direction, author_id, text,"
                " media, file_name, user_message_id, staff_message_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ticket.ticket_id,
                    ticket.user_id,
                    direction,
                    author_id,
                    text,
                    media,
                    file_name,
                    user_message_id,
                    staff_message_id,
                    self._now(),
                ),
            )

    async def entries(self, ticket_id: int) -> list[Entry]:
        rows = await self._db.fetch_all(
            "SELECT * FROM desk_messages WHERE ticket_id = ? ORDER BY entry_id", (ticket_id,)
        )
        return [Entry.from_row(r) for r in rows]

    # -- ratings ---------------------------------------------------------------------------

    async def rate(self, ticket: Ticket, score: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO desk_ratings (ticket_id, user_id, score, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET"
                " score = excluded.score, created_at = excluded.created_at",
                (ticket.ticket_id, ticket.user_id, score, self._now()),
            )

    async def comment_rating(self, ticket_id: int, comment: str) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE desk_ratings SET comment = ? WHERE ticket_id = ?", (comment, ticket_id)
            )

    async def rating(self, ticket_id: int) -> dict[str, Any] | None:
        return await self._db.fetch_one(
            "SELECT score, comment FROM desk_ratings WHERE ticket_id = ?", (ticket_id,)
        )

    # -- forgetting ------------------------------------------------------------------------

    async def forget_user(self, user_id: int) -> None:
        async with self._db.write() as tx:
            for table in DESK_USER_TABLES:
                await tx.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
