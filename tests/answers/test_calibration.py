from __future__ import annotations

import pytest

from bot.answers.calibration import Scored, Thresholds, calibrate, evaluate, offered


def _q(expected: str | None, top: str, s1: float, s2: float) -> Scored:
    return Scored(expected, (top, "other"), (s1, s2))


ROWS = [
    # Clear questions: high and well separated.
    *[_q("a", "a", 20.0 + i, 5.0) for i in range(40)],
    # Close calls: right or wrong at a small margin.
    _q("a", "a", 15.0, 14.5),
    _q("b", "a", 15.0, 14.8),
    # A weak but right question.
    _q("b", "b", 8.0, 2.0),
    # Chatter: mostly low, one loud.
    *[_q(None, "a", 3.0 + i * 0.1, 1.0) for i in range(19)],
    _q(None, "a", 30.0, 10.0),
]


def test_decide() -> None:
    t = Thresholds(answer_score=10.0, answer_margin=0.2, suggest_score=5.0)
    assert t.decide(12.0, 5.0) == "answer"
    assert t.decide(12.0, 11.0) == "suggest"  # too close to the runner-up
    assert t.decide(6.0, 0.0) == "suggest"
    assert t.decide(4.0, 0.0) == "decline"
    assert t.decide(0.0, 0.0) == "decline"


def test_nothing_matched_is_never_a_suggestion() -> None:
    """With the suggest bar at 0.0 (no off-topic room to protect), a message that matched no
    article at all must still be declined, not offered an empty "did you mean" list."""
    t = Thresholds(answer_score=10.0, answer_margin=0.2, suggest_score=0.0)
    assert t.decide(0.0, 0.0) == "decline"
    assert t.decide(0.5, 0.0) == "suggest"


def test_calibrate_respects_the_limits() -> None:
    t = calibrate(ROWS, max_unwanted_answers=0.05, max_wrong_answers=0.0,
                  max_unwanted_suggestions=0.05)
    result = evaluate(ROWS, t)
    assert result.wrong_answers == 0
    assert result.unwanted_answers <= 0.05
    assert result.unwanted_replies <= 0.05
    # The loud chatter (30.0) is allowed as the one unwanted answer, so 20+ answers stay.
    assert result.answered >= 40 / 43
    assert t.answer_margin > 0.0  # the wrong close call needs a margin to be excluded


def test_calibrate_without_room_for_chatter_raises_the_bar() -> None:
    t = calibrate(ROWS, max_unwanted_answers=0.0, max_wrong_answers=0.0)
    assert t.answer_score > 30.0 - 1e-9 or evaluate(ROWS, t).unwanted_answers == 0.0
    assert evaluate(ROWS, t).unwanted_answers == 0.0


def test_calibrate_needs_both_kinds() -> None:
    with pytest.raises(ValueError, match="both"):
        calibrate([r for r in ROWS if r.expected is not None])


def test_offered_drops_stray_runners_up() -> None:
    assert offered(("a", "b", "c"), (10.0, 6.0, 1.0), "suggest") == ("a", "b")
    assert offered(("a", "b"), (10.0, 6.0), "decline") == ()


def test_evaluate_counts() -> None:
    t = Thresholds(answer_score=10.0, answer_margin=0.1, suggest_score=5.0)
    result = evaluate(ROWS, t)
    assert result.questions == 43 and result.chatter == 20
    assert result.top1 == pytest.approx(42 / 43)
    assert result.unwanted_answers == pytest.approx(1 / 20)


def test_each_shape_gets_its_own_bar() -> None:
    rows = [
        *[Scored("a", ("a", "b"), (8.0 + i * 0.1, 2.0), "question") for i in range(20)],
        *[Scored(None, ("a", "b"), (9.0 + i * 0.1, 2.0), "chatter") for i in range(20)],
        Scored("b", ("b", "a"), (20.0, 2.0), "chatter"),
    ]
    t = calibrate(rows)
    result = evaluate(rows, t)
    # Support questions are answered at a score chit-chat is not.
    assert result.answer_accuracy == 1.0 and result.answered_wrongly == 0.0
    assert result.unwanted_answers == 0.0 and result.unwanted_replies == 0.0
    # Chit-chat never gets a "did you mean" list, whatever its score.
    assert t.decide(t.suggest_score + 1.0, 0.0, "chatter") != "suggest"
