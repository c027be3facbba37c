"""`StaffDesk`: the staff chat side: a topic (or a header message) per ticket, relays both ways,
the agents' commands /close, /reopen, /assign and /note inside a ticket, and /ban and /unban
(inside a ticket, or anywhere in the staff chat with a user id).

Staff are recognised by numeric user id only (`STAFF_USER_IDS`); anyone else in the staff chat
is ignored, or told politely when they try a command.
"""

from __future__ import annotations

import logging

from bot.chats import ChatDirectory
from bot.desk.gateway import DeliveryFailed, DeskGateway, Unreachable
from bot.desk.models import DeskMessage, Kind, Person, Status, Ticket
from bot.desk.store import DeskStore
from bot.desk.verify import OfficialAccounts
from bot.ids import parse_id
from bot.messages import Button, Reply
from bot.texts import Texts

__all__ = ["STAFF_COMMANDS", "StaffDesk"]

log = logging.getLogger("beacon.desk")

STAFF_LANGUAGE = "en"
STAFF_COMMANDS = ("close", "reopen", "assign", "note", "ban", "unban")
_BAN_COMMANDS = ("ban", "unban")
_MAX_USER_ID = 2**53  # Telegram ids fit in 52 bits; larger "ids" are typos
_TOPIC_NAME_MAX = 128


class StaffDesk:
    def __init__(
        self,
        store: DeskStore,
        texts: Texts,
        gateway: DeskGateway,
        official: OfficialAccounts,
        chats: ChatDirectory,
        staff_chat_id: int | None,
    ) -> None:
        self._store = store
        self._texts = texts
        self._gateway = gateway
        self._official = official
        self._chats = chats
        self.staff_chat_id = staff_chat_id

    def _t(self, key: str, **fields: object) -> str:
        return self._texts.get(f"desk.{key}", STAFF_LANGUAGE, **fields)

    # -- tickets reach the staff chat ------------------------------------------------------

    async def hand_off(self, ticket: Ticket, person: Person) -> None:
        """Open the ticket's topic (forum) or header message, then copy the evidence in."""
        chat_id = self.staff_chat_id
        if chat_id is None:
            log.warning(
                "no STAFF_CHAT_ID: ticket stored but not handed off",
                extra={"ticket": ticket.number},
            )
            return
        thread_id: int | None = None
        if await self._gateway.is_forum(chat_id):
            category = self._t(ticket.category_key)
            name = f"{ticket.number} · {category} · {person.display_name}"[:_TOPIC_NAME_MAX]
            thread_id = await self._gateway.create_topic(chat_id, name)
        header = Reply(self._header(ticket, person))
        header_id = await self._gateway.send(chat_id, header, thread_id=thread_id)
        await self._store.set_staff_place(ticket.ticket_id, chat_id, thread_id, header_id)
        placed = await self._store.ticket(ticket.ticket_id)
        assert placed is not None
        for item in ticket.answers.get("evidence", []):
            text = str(item.get("text") or "")
            media = item.get("media")
            user_message_id = item.get("message_id")
            if user_message_id is not None and (media or not text):
                try:
                    staff_id = await self._post_copy(placed, ticket.user_id, int(user_message_id))
                except DeliveryFailed:  # the user deleted it meanwhile
                    lost = self._t("staff_evidence_lost", media=media or "message", text=text)
                    staff_id = await self._post_text(placed, lost)
            else:
                staff_id = await self._post_text(placed, self._t("staff_evidence", text=text))
            await self._store.add_entry(
                placed,
                "user",
                text,
                author_id=ticket.user_id,
                media=media,
                file_name=item.get("file_name"),
                user_message_id=user_message_id,
                staff_message_id=staff_id,
            )

    async def relay_from_user(
        self, ticket: Ticket, message: DeskMessage, safe_text: str, redacted: bool
    ) -> None:
        """A user's follow-up reaches the ticket; a message that held a secret goes as text."""
        staff_id: int | None = None
        if ticket.staff_chat_id is not None:
            if redacted:
                staff_id = await self._post_text(
                    ticket, self._t("staff_from_user_redacted", text=safe_text)
                )
            else:
                staff_id = await self._post_copy(ticket, message.chat_id, message.message_id)
        attachment = message.attachment
        await self._store.add_entry(
            ticket,
            "user",
            safe_text,
            author_id=message.person.user_id,
            media=attachment.media if attachment and not redacted else None,
            file_name=attachment.file_name if attachment and not redacted else None,
            user_message_id=message.message_id,
            staff_message_id=staff_id,
        )

    async def _post_copy(self, ticket: Ticket, from_chat_id: int, message_id: int) -> int:
        assert ticket.staff_chat_id is not None
        return await self._gateway.copy(
            ticket.staff_chat_id,
            from_chat_id,
            message_id,
            thread_id=ticket.staff_thread_id,
            reply_to_message_id=None
            if ticket.staff_thread_id is not None
            else ticket.staff_header_message_id,
        )

    async def _post_text(self, ticket: Ticket, text: str) -> int:
        assert ticket.staff_chat_id is not None
        reply_to = None if ticket.staff_thread_id is not None else ticket.staff_header_message_id
        return await self._gateway.send(
            ticket.staff_chat_id,
            Reply(text, reply_to_message_id=reply_to),
            thread_id=ticket.staff_thread_id,
        )

    def _header(self, ticket: Ticket, person: Person) -> str:
        answers = ticket.answers
        who = person.display_name + (f" (@{person.username})" if person.username else "")
        lines = [
            self._t(f"staff_header_{ticket.kind.value}", number=ticket.number),
            self._t(
                "staff_header_from", name=who, user_id=person.user_id, language=ticket.language
            ),
            self._t(
                f"field_{ticket.category_field}_line",
                value=self._t(ticket.category_key),
            ),
        ]
        for name in ("uid", "contact", "when", "what", "wants"):
            if name in answers:
                lines.append(self._t(f"field_{name}_line", value=answers[name]))
        lines.append(self._t("staff_header_evidence", count=len(answers.get("evidence", []))))
        lines.append("")
        lines.append(self._t("staff_header_howto"))
        return "\n".join(lines)

    # -- the staff chat --------------------------------------------------------------------

    async def ticket_for(self, message: DeskMessage) -> Ticket | None:
        """The ticket a staff-chat message belongs to: its topic, or the message it replies to."""
        if message.thread_id is not None:
            ticket = await self._store.ticket_by_thread(message.chat_id, message.thread_id)
            if ticket is not None:
                return ticket
        if message.reply_to_message_id is not None:
            return await self._store.ticket_by_staff_message(
                message.chat_id, message.reply_to_message_id
            )
        return None

    async def on_message(self, message: DeskMessage) -> list[Reply]:
        """An agent's message in a ticket's topic or thread reaches the user."""
        if message.chat_id != self.staff_chat_id:
            return []
        await self._official.record_staff_username(message.person.user_id, message.person.username)
        if not self._official.is_staff(message.person.user_id):
            return []
        ticket = await self.ticket_for(message)
        if ticket is None:
            return []
        if not ticket.is_open:
            return [self._answer(message, "staff_reopen_first", number=ticket.number)]
        try:
            user_message_id = await self._gateway.copy(
                ticket.user_id, message.chat_id, message.message_id
            )
        except Unreachable:
            return [self._answer(message, "staff_user_unreachable", number=ticket.number)]
        attachment = message.attachment
        await self._store.add_entry(
            ticket,
            "agent",
            message.text,
            author_id=message.person.user_id,
            media=attachment.media if attachment else None,
            file_name=attachment.file_name if attachment else None,
            user_message_id=user_message_id,
            staff_message_id=message.message_id,
        )
        if ticket.assignee_id is None:
            await self._store.set_assignee(ticket.ticket_id, message.person.user_id)
        return []

    async def command(self, message: DeskMessage, name: str, argument: str) -> list[Reply]:
        """/close, /reopen, /assign [me|user id], /note <text> inside a ticket; /ban and /unban
        inside a ticket or with a user id."""
        if message.chat_id != self.staff_chat_id:
            return []
        if not self._official.is_staff(message.person.user_id):
            return [self._answer(message, "staff_only")]
        await self._official.record_staff_username(message.person.user_id, message.person.username)
        ticket = await self.ticket_for(message)
        if name in _BAN_COMMANDS:
            return await self._ban(message, ticket, argument.strip(), banned=name == "ban")
        if ticket is None:
            return [self._answer(message, "staff_no_ticket")]
        if name == "close":
            return await self._close(message, ticket)
        if name == "reopen":
            return await self._reopen(message, ticket)
        if name == "assign":
            return await self._assign(message, ticket, argument.strip())
        if name == "note":
            if not argument.strip():
                return [self._answer(message, "staff_note_empty")]
            await self._store.add_entry(
                ticket,
                "note",
                argument.strip(),
                author_id=message.person.user_id,
                staff_message_id=message.message_id,
            )
            return [self._answer(message, "staff_note_saved")]
        return []

    async def _close(self, message: DeskMessage, ticket: Ticket) -> list[Reply]:
        if not await self._store.set_status(ticket.ticket_id, Status.CLOSED):
            return [self._answer(message, "staff_already_closed", number=ticket.number)]
        await self._store.add_entry(ticket, "event", "closed", author_id=message.person.user_id)
        await self._notify_user(ticket, self._closed_notice(ticket))
        return [self._answer(message, "staff_closed", number=ticket.number)]

    async def _reopen(self, message: DeskMessage, ticket: Ticket) -> list[Reply]:
        if not await self._store.set_status(ticket.ticket_id, Status.OPEN):
            return [self._answer(message, "staff_already_open", number=ticket.number)]
        await self._store.add_entry(ticket, "event", "reopened", author_id=message.person.user_id)
        text = self._texts.get("desk.user_reopened", ticket.language, number=ticket.number)
        await self._notify_user(ticket, Reply(text))
        return [self._answer(message, "staff_reopened", number=ticket.number)]

    async def _assign(self, message: DeskMessage, ticket: Ticket, argument: str) -> list[Reply]:
        if argument in ("", "me"):
            assignee = message.person.user_id
        elif (staff_id := parse_id(argument)) is not None and self._official.is_staff(staff_id):
            assignee = staff_id
        else:
            return [self._answer(message, "staff_assign_usage")]
        await self._store.set_assignee(ticket.ticket_id, assignee)
        await self._store.add_entry(
            ticket, "note", f"assigned to {assignee}", author_id=message.person.user_id
        )
        return [self._answer(message, "staff_assigned", number=ticket.number, user_id=assignee)]

    async def _ban(
        self, message: DeskMessage, ticket: Ticket | None, argument: str, *, banned: bool
    ) -> list[Reply]:
        """Stop (or allow again) a user's use of the desk: abuse, scams, spam in tickets."""
        if (typed := parse_id(argument)) is not None and 0 < typed < _MAX_USER_ID:
            user_id = typed
        elif not argument and ticket is not None:
            user_id = ticket.user_id
        else:
            return [self._answer(message, "staff_ban_usage")]
        if banned and self._official.is_staff(user_id):
            return [self._answer(message, "staff_ban_staff", user_id=user_id)]
        await self._chats.set_banned(user_id, banned)
        event = "banned" if banned else "unbanned"
        log.info("desk %s a user", event, extra={"user": user_id, "staff": message.person.user_id})
        if ticket is not None and ticket.user_id == user_id:
            # An internal note: the staff see who did it; the user's transcript does not.
            note = self._t(f"staff_note_{event}")
            await self._store.add_entry(ticket, "note", note, author_id=message.person.user_id)
        return [self._answer(message, f"staff_{event}", user_id=user_id)]

    def _closed_notice(self, ticket: Ticket) -> Reply:
        lang = ticket.language
        stars = tuple(
            Button(str(n), callback_data=f"desk:rate:{ticket.ticket_id}:{n}") for n in range(1, 6)
        )
        rows: list[tuple[Button, ...]] = [stars]
        if ticket.kind is Kind.COMPLAINT:
            rows.append(
                (
                    Button(
                        self._texts.get("desk.button_satisfied", lang),
                        callback_data=f"desk:outcome:{ticket.ticket_id}:yes",
                    ),
                    Button(
                        self._texts.get("desk.button_unsatisfied", lang),
                        callback_data=f"desk:outcome:{ticket.ticket_id}:no",
                    ),
                )
            )
        text = self._texts.get(f"desk.user_closed_{ticket.kind.value}", lang, number=ticket.number)
        return Reply(text, buttons=tuple(rows))

    async def _notify_user(self, ticket: Ticket, reply: Reply) -> None:
        try:
            await self._gateway.send(ticket.user_id, reply)
        except Unreachable:
            log.info("user unreachable for a ticket notice", extra={"ticket": ticket.number})

    def _answer(self, message: DeskMessage, key: str, **fields: object) -> Reply:
        return Reply(self._t(key, **fields), reply_to_message_id=message.message_id)
