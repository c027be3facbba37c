"""Decision thresholds for the matcher and how they are chosen from a labelled dev set.

The matcher turns a ranking into one of three outcomes with two numbers from the index:
`top`, the best slug's score, and `margin`, how far it stands above the runner-up
((top - second) / top). A question is

- answered when `top >= answer_score` and `margin >= answer_margin` (strong and unambiguous),
- given suggestions when `top >= suggest_score`,
- declined otherwise.

`calibrate` picks the thresholds on a dev set of real-looking questions (with their expected
slug) and off-topic messages (expected None), so the same procedure serves Beacon's matcher
and the plain baseline in `bench/answers.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "SUGGESTION_MIN_SHARE",
    "Decision",
    "Evaluation",
    "Scored",
    "Thresholds",
    "calibrate",
    "evaluate",
    "margin_of",
    "offered",
]

Decision = Literal["answer", "suggest", "decline"]
# A runner-up is worth offering only when it scores at least this share of the best slug;
# below that it is a stray word match and the list reads as noise.
SUGGESTION_MIN_SHARE = 0.4


def margin_of(top: float, second: float) -> float:
    return (top - second) / top if top > 0.0 else 0.0


@dataclass(frozen=True, slots=True)
class Thresholds:
    answer_score: float
    answer_margin: float
    suggest_score: float

    def decide(self, top: float, second: float) -> Decision:
        if top >= self.answer_score and margin_of(top, second) >= self.answer_margin:
            return "answer"
        if top >= self.suggest_score:
            return "suggest"
        return "decline"


@dataclass(frozen=True, slots=True)
class Scored:
    """One dev-set message after ranking: the expected slug (None: must not be answered)."""

    expected: str | None
    ranked: tuple[str, ...]  # best first, up to three
    scores: tuple[float, ...]  # same order

    @property
    def top(self) -> float:
        return self.scores[0] if self.scores else 0.0

    @property
    def second(self) -> float:
        return self.scores[1] if len(self.scores) > 1 else 0.0


def offered(ranked: Sequence[str], scores: Sequence[float], decision: Decision) -> tuple[str, ...]:
    """The slugs the bot offers for a decision: none when declining, else the close ones."""
    if decision == "decline" or not scores:
        return ()
    floor = SUGGESTION_MIN_SHARE * scores[0]
    return tuple(slug for slug, score in zip(ranked, scores, strict=True) if score >= floor)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How a ranking plus thresholds does on a dev set; shares are of questions or chatter."""

    questions: int
    chatter: int
    top1: float  # the best-ranked slug is the expected one
    recall_at_3: float  # the expected slug is among the slugs offered (declined = miss)
    answered: float  # questions that get an answer
    wrong_answers: int  # answers naming another article
    unwanted_answers: float  # off-topic messages that get an answer
    unwanted_replies: float  # off-topic messages that get an answer or suggestions


def evaluate(rows: Sequence[Scored], thresholds: Thresholds) -> Evaluation:
    questions = [r for r in rows if r.expected is not None]
    chatter = [r for r in rows if r.expected is None]
    top1 = served = answered = wrong = 0
    for r in questions:
        decision = thresholds.decide(r.top, r.second)
        top1 += bool(r.ranked) and r.ranked[0] == r.expected
        served += r.expected in offered(r.ranked, r.scores, decision)
        if decision == "answer":
            answered += 1
            wrong += r.ranked[0] != r.expected
    decisions = [thresholds.decide(r.top, r.second) for r in chatter]
    nq, nc = max(len(questions), 1), max(len(chatter), 1)
    return Evaluation(
        questions=len(questions),
        chatter=len(chatter),
        top1=top1 / nq,
        recall_at_3=served / nq,
        answered=answered / nq,
        wrong_answers=wrong,
        unwanted_answers=sum(d == "answer" for d in decisions) / nc,
        unwanted_replies=sum(d != "decline" for d in decisions) / nc,
    )


_MARGINS = tuple(round(0.05 * i, 2) for i in range(11))  # 0.00 .. 0.50


def calibrate(
    rows: Sequence[Scored],
    *,
    max_unwanted_answers: float = 0.025,
    max_wrong_answers: float = 0.02,
    max_unwanted_suggestions: float = 0.10,
) -> Thresholds:
    """Thresholds that answer as many questions correctly as the limits allow.

    answer: among all (score, margin) pairs, keep those where at most `max_unwanted_answers`
    of the off-topic messages get an answer and at most `max_wrong_answers` of the answers
    name the wrong article; take the one with the most correct answers (ties: the higher,
    safer score). suggest: the lowest score at which at most `max_unwanted_suggestions` of
    the off-topic messages get any reply at all.
    """
    questions = [r for r in rows if r.expected is not None]
    chatter = [r for r in rows if r.expected is None]
    if not questions or not chatter:
        raise ValueError("calibration needs both questions and off-topic messages")
    scores = sorted({r.top for r in rows if r.top > 0.0})
    best: tuple[int, float, float] | None = None  # (correct, score, margin)
    for margin in _MARGINS:
        for score in scores:
            answered = [
                r for r in questions if r.top >= score and margin_of(r.top, r.second) >= margin
            ]
            correct = sum(1 for r in answered if r.ranked and r.ranked[0] == r.expected)
            unwanted = sum(
                1 for r in chatter if r.top >= score and margin_of(r.top, r.second) >= margin
            )
            if unwanted > max_unwanted_answers * len(chatter):
                continue
            if answered and (len(answered) - correct) > max_wrong_answers * len(answered):
                continue
            candidate = (correct, score, margin)
            if best is None or (correct, score) > (best[0], best[1]):
                best = candidate
    if best is None:
        raise ValueError("no answer threshold meets the limits on this dev set")
    allowed = int(max_unwanted_suggestions * len(chatter))
    chatter_tops = sorted((r.top for r in chatter), reverse=True)
    # The lowest score that lets through at most `allowed` off-topic messages.
    suggest = chatter_tops[allowed] + 1e-6 if allowed < len(chatter_tops) else 0.0
    suggest = min(suggest, best[1])
    return Thresholds(answer_score=best[1], answer_margin=best[2], suggest_score=suggest)
