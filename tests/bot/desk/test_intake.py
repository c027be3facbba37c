"""The intake questionnaire as a pure state machine: tables of inputs and what they lead to."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.desk import Attachment, IntakeFlow, IntakeInput, IntakeState, Kind
from bot.desk.intake import CANCEL, CONFIRM, DONE, EDIT, MAX_EVIDENCE

FLOW = IntakeFlow()
PHOTO = Attachment("photo")


def at(step: str, kind: Kind = Kind.TICKET, **answers: object) -> IntakeState:
    return IntakeState(kind=kind, step=step, answers=dict(answers))


@pytest.mark.parametrize(
    ("name", "state", "given", "problem", "next_step", "stored"),
    [
        ("category button", at("category"), IntakeInput(choice="funds"), None, "uid", "funds"),
        (
            "category typed",
            at("category"),
            IntakeInput(text="funds"),
            "problem_use_buttons",
            "category",
            None,
        ),
        (
            "category unknown button",
            at("category"),
            IntakeInput(choice="spot"),
            "problem_use_buttons",
            "category",
            None,
        ),
        ("uid digits", at("uid"), IntakeInput(text="48213957"), None, "when", "48213957"),
        ("uid with label", at("uid"), IntakeInput(text="UID: 48213957"), None, "when", "48213957"),
        ("uid with spaces", at("uid"), IntakeInput(text="4821 3957"), None, "when", "48213957"),
        ("uid six digits", at("uid"), IntakeInput(text="123456"), None, "when", "123456"),
        ("uid twenty digits", at("uid"), IntakeInput(text="1" * 20), None, "when", "1" * 20),
        ("uid too short", at("uid"), IntakeInput(text="12345"), "problem_uid_format", "uid", None),
        ("uid too long", at("uid"), IntakeInput(text="1" * 21), "problem_uid_format", "uid", None),
        ("uid letters", at("uid"), IntakeInput(text="abc12345"), "problem_uid_format", "uid", None),
        (
            "uid as photo",
            at("uid"),
            IntakeInput(attachment=PHOTO, message_id=5),
            "problem_uid_not_text",
            "uid",
            None,
        ),
        ("uid empty", at("uid"), IntakeInput(text="  "), "problem_need_text", "uid", None),
        (
            "when free text",
            at("when"),
            IntakeInput(text="yesterday evening"),
            None,
            "what",
            "yesterday evening",
        ),
        (
            "complaint when without minute",
            at("when", Kind.COMPLAINT),
            IntakeInput(text="yesterday evening"),
            "problem_when_minute",
            "when",
            None,
        ),
        (
            "complaint when to the minute",
            at("when", Kind.COMPLAINT),
            IntakeInput(text="2026-03-05 14:32 UTC+8"),
            None,
            "part",
            "2026-03-05 14:32 UTC+8",
        ),
        (
            "complaint when in Chinese",
            at("when", Kind.COMPLAINT),
            IntakeInput(text="3月5日14点32分"),
            None,
            "part",
            "3月5日14点32分",
        ),
        (
            "what too short",
            at("what"),
            IntakeInput(text="help"),
            "problem_what_short",
            "what",
            None,
        ),
        (
            "what as photo",
            at("what"),
            IntakeInput(attachment=PHOTO),
            "problem_need_text",
            "what",
            None,
        ),
        (
            "what too long",
            at("what"),
            IntakeInput(text="x" * 2_001),
            "problem_too_long",
            "what",
            None,
        ),
        (
            "contact email",
            at("contact", Kind.COMPLAINT),
            IntakeInput(text="li@example.com"),
            None,
            "when",
            "li@example.com",
        ),
        (
            "contact phone",
            at("contact", Kind.COMPLAINT),
            IntakeInput(text="+86 138 0013 8000"),
            None,
            "when",
            "+86 138 0013 8000",
        ),
        (
            "contact nonsense",
            at("contact", Kind.COMPLAINT),
            IntakeInput(text="my email"),
            "problem_contact_format",
            "contact",
            None,
        ),
        (
            "part button",
            at("part", Kind.COMPLAINT),
            IntakeInput(choice="futures"),
            None,
            "what",
            "futures",
        ),
        (
            "wants last ticket step",
            at("wants"),
            IntakeInput(text="refund the fee"),
            None,
            "confirm",
            "refund the fee",
        ),
    ],
)
def test_answer_steps(
    name: str,
    state: IntakeState,
    given: IntakeInput,
    problem: str | None,
    next_step: str,
    stored: str | None,
) -> None:
    outcome = FLOW.advance(state, given)
    assert outcome.problem == problem, name
    assert outcome.state.step == next_step, name
    if stored is not None:
        assert outcome.state.answers[state.step] == stored, name
    else:
        assert state.step not in outcome.state.answers, name


@pytest.mark.parametrize(
    ("name", "given", "added", "next_step", "problem"),
    [
        ("photo", IntakeInput(attachment=PHOTO, message_id=7), True, "evidence", None),
        (
            "file with caption",
            IntakeInput(text="statement", attachment=Attachment("document", "x.pdf"), message_id=8),
            True,
            "evidence",
            None,
        ),
        ("tx hash text", IntakeInput(text="0xabc123", message_id=9), True, "evidence", None),
        ("done button", IntakeInput(choice=DONE), False, "wants", None),
        ("done typed", IntakeInput(text="done"), False, "wants", None),
        ("skip typed in Chinese", IntakeInput(text="跳过"), False, "wants", None),
        ("other button", IntakeInput(choice="funds"), False, "evidence", "problem_use_buttons"),
        ("empty", IntakeInput(text=" "), False, "evidence", "problem_need_text"),
    ],
)
def test_evidence_step(
    name: str, given: IntakeInput, added: bool, next_step: str, problem: str | None
) -> None:
    outcome = FLOW.advance(at("evidence"), given)
    assert outcome.evidence_added is added, name
    assert outcome.state.step == next_step, name
    assert outcome.problem == problem, name
    assert len(outcome.state.evidence) == (1 if added else 0), name


def test_evidence_keeps_the_message_to_copy_and_stops_at_the_limit() -> None:
    state = at("evidence")
    for n in range(MAX_EVIDENCE):
        state = FLOW.advance(state, IntakeInput(attachment=PHOTO, message_id=n)).state
    assert [e["message_id"] for e in state.evidence] == list(range(MAX_EVIDENCE))
    assert state.evidence[0]["media"] == "photo"
    full = FLOW.advance(state, IntakeInput(attachment=PHOTO, message_id=99))
    assert full.problem == "problem_evidence_full"
    assert len(full.state.evidence) == MAX_EVIDENCE


def test_a_whole_ticket_then_edit_one_field_and_submit() -> None:
    state = FLOW.start(Kind.TICKET, "zh")
    assert state.step == "category" and state.language == "zh"
    for given in (
        IntakeInput(choice="funds"),
        IntakeInput(text="48213957"),
        IntakeInput(text="today 09:10"),
        IntakeInput(text="My USDT deposit has not arrived"),
        IntakeInput(text="0xdeadbeef"),
        IntakeInput(choice=DONE),
        IntakeInput(text="credit the deposit"),
    ):
        outcome = FLOW.advance(state, given)
        assert outcome.problem is None, given
        state = outcome.state
    assert state.step == "confirm"
    state = FLOW.advance(state, IntakeInput(choice=EDIT)).state
    assert state.step == "edit"
    state = FLOW.advance(state, IntakeInput(choice="field:uid")).state
    assert (state.step, state.editing) == ("uid", True)
    state = FLOW.advance(state, IntakeInput(text="77777777")).state
    # After an edit we go straight back to the summary, the other answers untouched.
    assert (state.step, state.editing) == ("confirm", False)
    assert state.answers["uid"] == "77777777"
    assert state.answers["what"] == "My USDT deposit has not arrived"
    final = FLOW.advance(state, IntakeInput(choice=CONFIRM))
    assert final.submitted


@pytest.mark.parametrize(
    ("name", "state", "given"),
    [
        ("text at the summary", at("confirm"), IntakeInput(text="yes")),
        ("unknown field", at("edit"), IntakeInput(choice="field:password")),
        ("complaint-only field in a ticket", at("edit"), IntakeInput(choice="field:contact")),
    ],
)
def test_buttons_only_steps(name: str, state: IntakeState, given: IntakeInput) -> None:
    outcome = FLOW.advance(state, given)
    assert outcome.problem == "problem_use_buttons", name
    assert outcome.state == state, name


def test_editing_evidence_collects_it_afresh() -> None:
    state = replace(at("edit"), answers={"evidence": [{"text": "old"}]})
    state = FLOW.advance(state, IntakeInput(choice="field:evidence")).state
    assert state.step == "evidence" and state.evidence == []
    state = FLOW.advance(state, IntakeInput(text="new hash")).state
    state = FLOW.advance(state, IntakeInput(choice=DONE)).state
    assert state.step == "confirm"
    assert [e["text"] for e in state.evidence] == ["new hash"]


@pytest.mark.parametrize("step", ["category", "uid", "evidence", "confirm", "edit"])
def test_cancel_works_at_every_step(step: str) -> None:
    assert FLOW.advance(at(step), IntakeInput(choice=CANCEL)).cancelled


def test_complaint_asks_the_guides_checklist_in_order() -> None:
    assert FLOW.fields(Kind.COMPLAINT) == (
        "uid",
        "contact",
        "when",
        "part",
        "what",
        "evidence",
        "wants",
    )
    assert FLOW.prompt(at("wants", Kind.COMPLAINT)).key == "desk.ask_wants_complaint"
    assert FLOW.prompt(at("wants")).key == "desk.ask_wants"
    category = FLOW.prompt(at("category"))
    choices = [choice for row in category.buttons for _, choice in row]
    assert choices == ["account", "trading", "funds", "products", "events", "other", CANCEL]
