"""`IntakeFlow`: the ticket and complaint questionnaires as a pure state machine.

The state is plain data (stored per user in `desk_intake`, so a restart loses nothing); `advance`
takes the state and one input and returns the next state or the problem with the input. The
steps follow the support guide's checklist: account (UID, and for complaints the registered
e-mail or phone), when it happened (complaints: to the minute), what happened (complaints: which
part of the product), evidence, and what the user wants (complaints: a concrete, quantified
request).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from bot.desk.models import CATEGORIES, COMPLAINT_PARTS, Attachment, Kind

__all__ = [
    "CANCEL",
    "CONFIRM",
    "DONE",
    "EDIT",
    "MAX_EVIDENCE",
    "IntakeFlow",
    "IntakeInput",
    "IntakeOutcome",
    "IntakeState",
    "Prompt",
]

CONFIRM, EDIT, CANCEL, DONE = "confirm", "edit", "cancel", "done"
FIELD_PREFIX = "field:"
MAX_EVIDENCE = 20
MAX_ANSWER = 2_000

STEPS: dict[Kind, tuple[str, ...]] = {
    Kind.TICKET: ("category", "uid", "when", "what", "evidence", "wants"),
    Kind.COMPLAINT: ("uid", "contact", "when", "part", "what", "evidence", "wants"),
}
CHOICES: dict[str, tuple[str, ...]] = {"category": CATEGORIES, "part": COMPLAINT_PARTS}

_UID = re.compile(r"^\s*(?:uid\s*[:：#]?\s*)?(\d[\d ]*\d|\d)\s*$", re.IGNORECASE)
_MINUTE = re.compile(r"\d{1,2}\s*[:：点時时]\s*\d{2}")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[\d\s().-]{6,20}$")


@dataclass(frozen=True)
class IntakeState:
    kind: Kind
    step: str
    answers: dict[str, Any] = field(default_factory=dict)
    editing: bool = False
    language: str = "en"

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return list(self.answers.get("evidence", []))


@dataclass(frozen=True)
class IntakeInput:
    """One thing the user did: typed text, pressed a button (`choice`), or sent a file."""

    text: str = ""
    choice: str | None = None
    attachment: Attachment | None = None
    message_id: int | None = None


@dataclass(frozen=True)
class IntakeOutcome:
    state: IntakeState
    problem: str | None = None  # a text key under "desk.problem_*" explaining what to send
    submitted: bool = False
    cancelled: bool = False
    evidence_added: bool = False


@dataclass(frozen=True)
class Prompt:
    """What to ask at a step: a text key and button rows of (label key, choice)."""

    key: str
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()


class IntakeFlow:
    """The questionnaire: start, advance one input at a time, prompt for the current step."""

    def start(self, kind: Kind, language: str) -> IntakeState:
        return IntakeState(kind=kind, step=STEPS[kind][0], language=language)

    def fields(self, kind: Kind) -> tuple[str, ...]:
        return STEPS[kind]

    def advance(self, state: IntakeState, given: IntakeInput) -> IntakeOutcome:
        if given.choice == CANCEL:
            return IntakeOutcome(state, cancelled=True)
        if state.step == "confirm":
            return self._confirm(state, given)
        if state.step == "edit":
            return self._choose_field(state, given)
        if state.step == "evidence":
            return self._evidence(state, given)
        value, problem = self._validate(state, given)
        if problem is not None:
            return IntakeOutcome(state, problem=problem)
        answers = {**state.answers, state.step: value}
        return IntakeOutcome(self._next(replace(state, answers=answers)))

    def prompt(self, state: IntakeState) -> Prompt:
        step = state.step
        if step in CHOICES:
            options = CHOICES[step]
            rows = tuple(
                tuple((f"desk.{step}_{code}", code) for code in options[i : i + 2])
                for i in range(0, len(options), 2)
            )
            return Prompt(f"desk.ask_{step}", (*rows, (("desk.button_cancel", CANCEL),)))
        if step == "evidence":
            return Prompt(
                "desk.ask_evidence",
                ((("desk.button_evidence_done", DONE),), (("desk.button_cancel", CANCEL),)),
            )
        if step == "confirm":
            return Prompt(
                "desk.ask_confirm",
                (
                    (("desk.button_confirm", CONFIRM),),
                    (("desk.button_edit", EDIT), ("desk.button_cancel", CANCEL)),
                ),
            )
        if step == "edit":
            names = STEPS[state.kind]
            rows = tuple(
                tuple((f"desk.field_{name}", FIELD_PREFIX + name) for name in names[i : i + 2])
                for i in range(0, len(names), 2)
            )
            return Prompt("desk.ask_edit", rows)
        key = f"desk.ask_{step}_complaint" if state.kind is Kind.COMPLAINT else f"desk.ask_{step}"
        return Prompt(key, ((("desk.button_cancel", CANCEL),),))

    # -- steps -----------------------------------------------------------------------------

    def _next(self, state: IntakeState) -> IntakeState:
        if state.editing:
            return replace(state, step="confirm", editing=False)
        steps = STEPS[state.kind]
        at = steps.index(state.step)
        following = steps[at + 1] if at + 1 < len(steps) else "confirm"
        return replace(state, step=following)

    def _validate(self, state: IntakeState, given: IntakeInput) -> tuple[Any, str | None]:
        step = state.step
        if step in CHOICES:
            if given.choice in CHOICES[step]:
                return given.choice, None
            return None, "problem_use_buttons"
        text = given.text.strip()
        if given.attachment is not None and not text:
            return None, "problem_uid_not_text" if step == "uid" else "problem_need_text"
        if not text:
            return None, "problem_need_text"
        if len(text) > MAX_ANSWER:
            return None, "problem_too_long"
        if step == "uid":
            match = _UID.match(text)
            digits = match[1].replace(" ", "") if match else ""
            if not 6 <= len(digits) <= 20:
                return None, "problem_uid_format"
            return digits, None
        if step == "contact":
            if _EMAIL.match(text) or (_PHONE.match(text) and sum(c.isdigit() for c in text) >= 6):
                return text, None
            return None, "problem_contact_format"
        if step == "when" and state.kind is Kind.COMPLAINT and not _MINUTE.search(text):
            return None, "problem_when_minute"
        if step == "what" and len(text) < 10:
            return None, "problem_what_short"
        return text, None

    def _evidence(self, state: IntakeState, given: IntakeInput) -> IntakeOutcome:
        if given.choice == DONE or (
            given.attachment is None
            and given.text.strip().lower() in {"done", "skip", "完成", "跳过"}
        ):
            return IntakeOutcome(self._next(state))
        if given.choice is not None:
            return IntakeOutcome(state, problem="problem_use_buttons")
        if given.attachment is None and not given.text.strip():
            return IntakeOutcome(state, problem="problem_need_text")
        if len(state.evidence) >= MAX_EVIDENCE:
            return IntakeOutcome(state, problem="problem_evidence_full")
        item: dict[str, Any] = {"text": given.text.strip()[:MAX_ANSWER]}
        if given.attachment is not None:
            item["media"] = given.attachment.media
            item["file_name"] = given.attachment.file_name
        if given.message_id is not None:
            item["message_id"] = given.message_id
        answers = {**state.answers, "evidence": [*state.evidence, item]}
        return IntakeOutcome(replace(state, answers=answers), evidence_added=True)

    def _confirm(self, state: IntakeState, given: IntakeInput) -> IntakeOutcome:
        if given.choice == CONFIRM:
            return IntakeOutcome(state, submitted=True)
        if given.choice == EDIT:
            return IntakeOutcome(replace(state, step="edit"))
        return IntakeOutcome(state, problem="problem_use_buttons")

    def _choose_field(self, state: IntakeState, given: IntakeInput) -> IntakeOutcome:
        name = (given.choice or "").removeprefix(FIELD_PREFIX)
        if not (given.choice or "").startswith(FIELD_PREFIX) or name not in STEPS[state.kind]:
            return IntakeOutcome(state, problem="problem_use_buttons")
        answers = dict(state.answers)
        if name == "evidence":
            answers["evidence"] = []  # collected afresh
        return IntakeOutcome(replace(state, step=name, editing=True, answers=answers))
