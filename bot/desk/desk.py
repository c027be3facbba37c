"""`SupportDesk`: the user's side of the private support desk.

A user opens a ticket or a complaint through the intake questionnaire (its state is stored, so a
restart resumes it), their follow-ups reach the ticket, they rate the help after a close, and
they can check an account, list their tickets, take a transcript or have their data forgotten.
Every method returns the replies for the user's own chat; other chats are reached through the
`DeskGateway` (via `StaffDesk`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.deep_links import deep_link
from bot.desk.gateway import DeliveryFailed, DeskGateway
from bot.desk.hours import SupportHours
from bot.desk.intake import IntakeFlow, IntakeInput, IntakeState
from bot.desk.models import DeskMessage, Kind, Person, Ticket
from bot.desk.records import UserRecords
from bot.desk.secrets import SecretDetector, strip_secrets
from bot.desk.staff import StaffDesk
from bot.desk.store import DeskStore
from bot.desk.verify import OfficialAccounts, Verdict, VerifyResult, parse_username
from bot.messages import Button, Reply
from bot.texts import Texts

__all__ = ["DeskResult", "SupportDesk"]

log = logging.getLogger("beacon.desk")

# Conversation kinds stored in desk_intake besides the two questionnaires.
RATING_COMMENT = "rating_comment"
VERIFY = "verify"
OFF_HOURS_NOTICE_EVERY = timedelta(hours=6)
MAX_COMMENT = 1_000
_SECRET_NAMES = frozenset(
    {
        "PASSWORD",
        "SEED_PHRASE",
        "PRIVATE_KEY",
        "API_SECRET",
        "VERIFICATION_CODE",
        "CARD_SECURITY_CODE",
    }
)


@dataclass(frozen=True)
class DeskResult:
    """Replies for the user's chat; `handled` False lets other features (Q&A) answer instead."""

    replies: list[Reply]
    handled: bool = True


class SupportDesk:
    def __init__(
        self,
        store: DeskStore,
        staff: StaffDesk,
        texts: Texts,
        clock: Clock,
        gateway: DeskGateway,
        chats: ChatDirectory,
        official: OfficialAccounts,
        secrets: SecretDetector,
        hours: SupportHours,
        records: UserRecords,
    ) -> None:
        self.store = store
        self.staff = staff
        self.official = official
        self._texts = texts
        self._clock = clock
        self._gateway = gateway
        self._chats = chats
        self._secrets = secrets
        self._hours = hours
        self.records = records
        self._flow = IntakeFlow()

    def _t(self, key: str, lang: str, **fields: object) -> str:
        return self._texts.get(f"desk.{key}", lang, **fields)

    def _say(self, key: str, lang: str, **fields: object) -> Reply:
        return Reply(self._t(key, lang, **fields))

    async def _banned(self, person: Person) -> list[Reply] | None:
        if await self._chats.is_banned(person.user_id):
            return [self._say("banned", person.language)]
        return None

    # -- entry points ----------------------------------------------------------------------

    async def start(self, person: Person, payload: str = "") -> list[Reply]:
        """/start: the menu; `/start ticket|complaint|verify` go straight there."""
        if (refused := await self._banned(person)) is not None:
            return refused
        if payload == "ticket":
            return await self.begin(person, Kind.TICKET)
        if payload == "complaint":
            return await self.begin(person, Kind.COMPLAINT)
        if payload == "verify":
            return await self.verify(person, "")
        return [self.menu(person)]

    def menu(self, person: Person) -> Reply:
        lang = person.language
        rows = (
            (Button(self._t("menu_ask", lang), callback_data="desk:menu:ask"),),
            (Button(self._t("menu_ticket", lang), callback_data="desk:new"),),
            (Button(self._t("menu_mytickets", lang), callback_data="desk:menu:mytickets"),),
            (Button(self._t("menu_complaint", lang), callback_data="desk:menu:complaint"),),
            (Button(self._t("menu_verify", lang), callback_data="desk:menu:verify"),),
        )
        return Reply(self._t("menu", lang, name=person.display_name), buttons=rows)

    async def menu_choice(self, person: Person, choice: str) -> list[Reply]:
        if (refused := await self._banned(person)) is not None:
            return refused
        if choice == "ask":
            return [self._say("menu_ask_hint", person.language)]
        if choice == "mytickets":
            return await self.records.my_tickets(person)
        if choice == "complaint":
            return await self.begin(person, Kind.COMPLAINT)
        if choice == "verify":
            return await self.verify(person, "")
        return [self.menu(person)]

    async def begin(self, person: Person, kind: Kind) -> list[Reply]:
        """Start a ticket or complaint questionnaire, or pick up the one in progress."""
        if (refused := await self._banned(person)) is not None:
            return refused
        current = await self.store.load_state(person.user_id)
        if current is not None and current[0] in (Kind.TICKET.value, Kind.COMPLAINT.value):
            _, state = current
            return [self._say("draft_resumed", state.language), self._prompt(state)]
        state = self._flow.start(kind, person.language)
        await self.store.save_state(person.user_id, kind.value, state)
        intro = "intro_complaint" if kind is Kind.COMPLAINT else "intro_ticket"
        return [self._say(intro, person.language), self._prompt(state)]

    def go_private(self, person: Person, kind: Kind, bot_username: str) -> Reply:
        """/ticket or /complaint in a group: account matters belong in the private chat."""
        button = Button(
            self._texts.get("core.button_private_chat", person.language),
            url=deep_link(bot_username, kind.value),
        )
        return Reply(self._t("group_go_private", person.language), buttons=((button,),))

    async def cancel(self, person: Person) -> list[Reply]:
        current = await self.store.load_state(person.user_id)
        await self.store.clear_state(person.user_id)
        key = "cancelled" if current is not None else "nothing_to_cancel"
        return [self._say(key, person.language)]

    async def choose(self, person: Person, choice: str) -> list[Reply]:
        """An intake button was pressed."""
        if (refused := await self._banned(person)) is not None:
            return refused
        current = await self.store.load_state(person.user_id)
        if current is None or current[0] not in (Kind.TICKET.value, Kind.COMPLAINT.value):
            if current is not None and current[0] == RATING_COMMENT and choice == "nocomment":
                await self.store.clear_state(person.user_id)
                return [self._say("rating_thanks", person.language)]
            return [self._say("stale_button", person.language)]
        return await self._advance(person, current[1], IntakeInput(choice=choice))

    # -- messages in the private chat ------------------------------------------------------

    async def on_message(self, message: DeskMessage) -> DeskResult:
        """A non-command message in the user's private chat."""
        person = message.person
        if await self._chats.is_banned(person.user_id):
            return DeskResult([self._say("banned", person.language)])
        if self.official.is_staff(person.user_id):
            await self.official.record_staff_username(person.user_id, person.username)
        current = await self.store.load_state(person.user_id)
        if current is not None and current[0] == VERIFY and message.forwarded:
            await self.store.clear_state(person.user_id)
            return DeskResult(await self._verify_forward(message))
        cleaned = strip_secrets(self._secrets, message.text)
        replies: list[Reply] = []
        if cleaned.found:
            await self._gateway.delete(message.chat_id, message.message_id)
            kinds = ", ".join(
                self._t(
                    f"secret_{k.lower()}" if k in _SECRET_NAMES else "secret_other", person.language
                )
                for k in cleaned.kinds
            )
            replies.append(self._say("secret_removed", person.language, kinds=kinds))
        if current is not None:
            kind, state = current
            if kind in (Kind.TICKET.value, Kind.COMPLAINT.value):
                given = IntakeInput(
                    text=cleaned.text,
                    attachment=None if cleaned.found else message.attachment,
                    message_id=None if cleaned.found else message.message_id,
                )
                return DeskResult(replies + await self._advance(person, state, given))
            if kind == RATING_COMMENT:
                return DeskResult(replies + await self._comment(person, state, cleaned.text))
            if kind == VERIFY:
                await self.store.clear_state(person.user_id)
                if parse_username(cleaned.text) is not None:
                    return DeskResult(replies + await self.verify(person, cleaned.text))
                # Not a name after all (a question, a ticket follow-up): handle it as such.
        ticket = await self._ticket_for_follow_up(message)
        if ticket is None and message.attachment is not None and not cleaned.found:
            # Only people can look at a screenshot or a file: offer to hand it to them.
            return DeskResult([self._media_needs_a_ticket(person.language)])
        if ticket is None:
            # Not a desk conversation: let the Q&A answer it (after a secret was removed, too).
            return DeskResult(replies, handled=bool(replies))
        if ticket.staff_header_message_id is None:
            ticket = await self._hand_off(ticket, person)
        await self.staff.relay_from_user(ticket, message, cleaned.text, redacted=cleaned.found)
        replies.extend(await self._off_hours_notice(ticket))
        return DeskResult(replies)

    def _media_needs_a_ticket(self, lang: str) -> Reply:
        button = Button(self._t("menu_ticket", lang), callback_data="desk:new")
        return Reply(self._t("media_without_ticket", lang), buttons=((button,),))

    async def _ticket_for_follow_up(self, message: DeskMessage) -> Ticket | None:
        if message.reply_to_message_id is not None:
            ticket = await self.store.ticket_by_user_message(
                message.person.user_id, message.reply_to_message_id
            )
            if ticket is not None and ticket.is_open:
                return ticket
        return await self.store.latest_open_ticket(message.person.user_id)

    async def _advance(self, person: Person, state: IntakeState, given: IntakeInput) -> list[Reply]:
        outcome = self._flow.advance(state, given)
        lang = state.language
        if outcome.cancelled:
            await self.store.clear_state(person.user_id)
            return [self._say("cancelled", lang)]
        if outcome.problem is not None:
            return [self._say(outcome.problem, lang), self._prompt(outcome.state)]
        if outcome.submitted:
            return await self._submit(person, outcome.state)
        await self.store.save_state(person.user_id, outcome.state.kind.value, outcome.state)
        if outcome.evidence_added:
            count = len(outcome.state.evidence)
            return [self._say("evidence_added", lang, count=count)]
        return [self._prompt(outcome.state)]

    def _prompt(self, state: IntakeState) -> Reply:
        lang = state.language
        prompt = self._flow.prompt(state)
        rows = tuple(
            tuple(
                Button(self._texts.get(label, lang), callback_data=f"desk:i:{choice}")
                for label, choice in row
            )
            for row in prompt.buttons
        )
        text = self._texts.get(prompt.key, lang)
        if state.step == "confirm":
            text = self._summary(state) + "\n\n" + text
        return Reply(text, buttons=rows)

    def _summary(self, state: IntakeState) -> str:
        lang = state.language
        answers = state.answers
        lines = [self._t(f"summary_title_{state.kind.value}", lang)]
        for name in self._flow.fields(state.kind):
            if name == "evidence":
                lines.append(self._t("field_evidence_line", lang, count=len(state.evidence)))
            elif name in ("category", "part"):
                value = self._t(f"{name}_{answers.get(name, 'other')}", lang)
                lines.append(self._t(f"field_{name}_line", lang, value=value))
            else:
                lines.append(self._t(f"field_{name}_line", lang, value=answers.get(name, "")))
        return "\n".join(lines)

    async def _submit(self, person: Person, state: IntakeState) -> list[Reply]:
        category_field = "part" if state.kind is Kind.COMPLAINT else "category"
        # Agents see who they help; /forget removes this row with the rest.
        await self._chats.record_user(
            person.user_id, person.first_name, person.username, state.language
        )
        ticket = await self.store.create_ticket(
            person.user_id,
            state.kind,
            str(state.answers.get(category_field, "other")),
            state.language,
            state.answers,
        )
        await self._hand_off(ticket, replace(person, language=state.language))
        lang = state.language
        return [
            self._say(f"submitted_{state.kind.value}", lang, number=ticket.number),
            Reply(self._expectation(lang)),
        ]

    async def _hand_off(self, ticket: Ticket, person: Person) -> Ticket:
        """Put the ticket in front of the agents; if Telegram refuses, the ticket is kept and
        the next follow-up tries again (the user's confirmation never depends on it)."""
        try:
            await self.staff.hand_off(ticket, person)
        except DeliveryFailed as exc:
            log.warning(
                "ticket hand-off failed", extra={"ticket": ticket.number, "reason": str(exc)}
            )
            return ticket
        return await self.store.ticket(ticket.ticket_id) or ticket

    # -- expectations ----------------------------------------------------------------------

    def _expectation(self, lang: str) -> str:
        status = self._hours.status(self._clock.now())
        if status.open:
            return self._t("expect_open", lang, minutes=self._hours.first_response_minutes)
        return self._closed_text(lang, status.opens_at)

    def _closed_text(self, lang: str, opens_at: datetime | None) -> str:
        when = opens_at.strftime("%Y-%m-%d %H:%M") if opens_at else ""
        return self._t(
            "expect_closed",
            lang,
            hours=self._hours.hours,
            timezone=self._hours.timezone,
            opens_at=when,
            minutes=self._hours.first_response_minutes,
        )

    async def _off_hours_notice(self, ticket: Ticket) -> list[Reply]:
        now = self._clock.now()
        status = self._hours.status(now)
        if status.open:
            return []
        last = ticket.off_hours_notice_at
        if last is not None and now - datetime.fromisoformat(last) < OFF_HOURS_NOTICE_EVERY:
            return []
        await self.store.mark_off_hours_notice(ticket.ticket_id)
        return [Reply(self._closed_text(ticket.language, status.opens_at))]

    # -- after a close ---------------------------------------------------------------------

    async def _own_closed_ticket(self, person: Person, ticket_id: int) -> Ticket | None:
        ticket = await self.store.ticket(ticket_id)
        if ticket is None or ticket.user_id != person.user_id or ticket.is_open:
            return None
        return ticket

    async def rate(self, person: Person, ticket_id: int, score: int) -> list[Reply]:
        ticket = await self._own_closed_ticket(person, ticket_id)
        if ticket is None or not 1 <= score <= 5:
            return [self._say("stale_button", person.language)]
        await self.store.rate(ticket, score)
        state = IntakeState(
            Kind.TICKET, "comment", {"ticket_id": ticket_id}, language=ticket.language
        )
        await self.store.save_state(person.user_id, RATING_COMMENT, state)
        skip = Button(
            self._t("button_no_comment", ticket.language), callback_data="desk:i:nocomment"
        )
        return [Reply(self._t("rating_saved", ticket.language, score=score), buttons=((skip,),))]

    async def _comment(self, person: Person, state: IntakeState, text: str) -> list[Reply]:
        await self.store.clear_state(person.user_id)
        if text.strip():
            await self.store.comment_rating(
                int(state.answers["ticket_id"]), text.strip()[:MAX_COMMENT]
            )
        return [self._say("rating_thanks", state.language)]

    async def outcome(self, person: Person, ticket_id: int, satisfied: bool) -> list[Reply]:
        """After a complaint closes: satisfied, or the escalation routes from the guide."""
        ticket = await self._own_closed_ticket(person, ticket_id)
        if ticket is None:
            return [self._say("stale_button", person.language)]
        await self.store.set_outcome(ticket_id, "satisfied" if satisfied else "unsatisfied")
        if satisfied:
            return [self._say("outcome_thanks", ticket.language)]
        return [self._say("escalation", ticket.language, number=ticket.number)]

    # -- is this account official? ---------------------------------------------------------

    async def verify(self, person: Person, argument: str) -> list[Reply]:
        """/verify @name: official staff or not; with no name, wait for a name or a forward."""
        lang = person.language
        if not argument.strip():
            state = IntakeState(Kind.TICKET, "verify", language=lang)
            await self.store.save_state(person.user_id, VERIFY, state)
            return [self._say("verify_ask", lang)]
        result = await self.official.verify_username(argument.split()[0])
        return [self._verdict(result, lang)]

    async def _verify_forward(self, message: DeskMessage) -> list[Reply]:
        shown = message.forward_name or self._t("verify_this_sender", message.person.language)
        result = self.official.verify_forward(message.forward_user_id, shown)
        return [self._verdict(result, message.person.language)]

    def _verdict(self, result: VerifyResult, lang: str) -> Reply:
        key = {
            Verdict.OFFICIAL: "verify_official",
            Verdict.NOT_OFFICIAL: "verify_not_official",
            Verdict.UNKNOWN: "verify_unknown",
        }[result.verdict]
        text = self._t(key, lang, name=result.name)
        if result.verdict is Verdict.NOT_OFFICIAL and (result.former or result.imitates):
            # The anti-impersonation matcher's answer: which account it imitates.
            found = "verify_former" if result.former else "verify_imitates"
            if result.former and not result.imitates:
                found = "verify_former_unknown"
            text = self._texts.get(
                f"impersonation.{found}", lang, name=result.name, imitates=result.imitates or ""
            )
        return Reply(text + "\n\n" + self._t("verify_rules", lang))
