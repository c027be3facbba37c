"""Decision thresholds for the matcher and how they are chosen from a labelled dev set.

The matcher turns a ranking into one of three outcomes with two numbers from the index:
`top`, the best slug's score, and `margin`, how far it stands above the runner-up
((top - second) / top), and one fact about the message, its `Shape` (see triage.py): it reads
as a support question, it only names a support topic, or it is neither (chit-chat). A message
is

- answered when `top >= answer_score` and `margin >= answer_margin` (strong and unambiguous),
  or when it reads as a support question and `top >= question_score` and
  `margin >= question_margin` (a lower bar: the shape of the message is evidence of its own
  that it wants a guide); chit-chat has its own, higher bar (`chatter_score`,
  `chatter_margin`);
- given suggestions when `top >= suggest_score`, unless it is chit-chat;
- declined otherwise.

`calibrate` picks the thresholds on a dev set of real-looking questions (with their expected
slug) and off-topic messages (expected None), so the same procedure serves Beacon's matcher
and the plain baseline in `bench/answers.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = [
    "SUGGESTION_MIN_SHARE",
    "Decision",
    "Evaluation",
    "Scored",
    "Shape",
    "Thresholds",
    "calibrate",
    "evaluate",
    "margin_of",
    "offered",
]

Decision = Literal["answer", "suggest", "decline"]
# What a message looks like before ranking: a support question (a question or trouble shape
# about a support topic), a message that only names a topic, or chit-chat (neither).
Shape = Literal["question", "topic", "chatter"]
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
    # The lower bar for messages that read as support questions; by default none.
    question_score: float = float("inf")
    question_margin: float = 0.0
    # The bar for chit-chat; by default the answer bar.
    chatter_score: float | None = None
    chatter_margin: float | None = None

    def decide(self, top: float, second: float, shape: Shape = "question") -> Decision:
        margin = margin_of(top, second)
        score, least = self.answer_score, self.answer_margin
        if shape == "chatter":
            score = score if self.chatter_score is None else self.chatter_score
            least = least if self.chatter_margin is None else self.chatter_margin
        if top >= score and margin >= least:
            return "answer"
        if shape == "question" and top >= self.question_score and margin >= self.question_margin:
            return "answer"
        # Nothing matched at all (top 0.0) is never a "did you mean" with nothing in it.
        if shape != "chatter" and top > 0.0 and top >= self.suggest_score:
            return "suggest"
        return "decline"


@dataclass(frozen=True, slots=True)
class Scored:
    """One dev-set message after ranking: the expected slug (None: must not be answered)."""

    expected: str | None
    ranked: tuple[str, ...]  # best first, up to three
    scores: tuple[float, ...]  # same order
    shape: Shape = "question"

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
    # Questions whose answer is exactly the expected article: what `beacon ask --jsonl`'s
    # `answer` field gets right (a suggestion or a silence is not an answer).
    answer_accuracy: float
    answered_wrongly: float  # questions answered with another article
    unwanted_answers: float  # off-topic messages that get an answer
    unwanted_replies: float  # off-topic messages that get an answer or suggestions


def evaluate(rows: Sequence[Scored], thresholds: Thresholds) -> Evaluation:
    questions = [r for r in rows if r.expected is not None]
    chatter = [r for r in rows if r.expected is None]
    top1 = served = answered = wrong = 0
    for r in questions:
        decision = thresholds.decide(r.top, r.second, r.shape)
        top1 += bool(r.ranked) and r.ranked[0] == r.expected
        served += r.expected in offered(r.ranked, r.scores, decision)
        if decision == "answer":
            answered += 1
            wrong += r.ranked[0] != r.expected
    decisions = [thresholds.decide(r.top, r.second, r.shape) for r in chatter]
    nq, nc = max(len(questions), 1), max(len(chatter), 1)
    return Evaluation(
        questions=len(questions),
        chatter=len(chatter),
        top1=top1 / nq,
        recall_at_3=served / nq,
        answered=answered / nq,
        wrong_answers=wrong,
        answer_accuracy=(answered - wrong) / nq,
        answered_wrongly=wrong / nq,
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

    One (score, margin) bar per shape of message, each the pair that answers the most
    questions of that shape correctly (ties: the higher, safer score) while, over all
    messages together, at most `max_unwanted_answers` of the off-topic messages get an answer
    and at most `max_wrong_answers` of the answers name the wrong article. Chit-chat is
    calibrated first and may answer no off-topic message at all (nobody asked for a guide),
    then messages that only name a topic, then support questions, each within what the ones
    before left of the limits. suggest: the lowest score at which at most
    `max_unwanted_suggestions` of the off-topic messages get any reply at all.
    """
    questions = [r for r in rows if r.expected is not None]
    chatter = [r for r in rows if r.expected is None]
    if not questions or not chatter:
        raise ValueError("calibration needs both questions and off-topic messages")
    limits = _Limits(len(chatter), max_unwanted_answers, max_wrong_answers)
    bars: dict[Shape, tuple[float, float]] = {}
    counts = _Counts()
    for shape in ("chatter", "topic", "question"):
        shaped = [r for r in questions if r.shape == shape]
        off_topic = [r for r in chatter if r.shape == shape]
        shape_limits = _Limits(0, 0.0, max_wrong_answers) if shape == "chatter" else limits
        found = _best_pair(shaped, off_topic, counts, shape_limits)
        if found is None:
            raise ValueError(f"no answer threshold for {shape} messages meets the limits")
        bars[shape] = found[:2]
        counts = found[2]
    score, margin = bars["topic"]
    answering = Thresholds(score, margin, 0.0, *bars["question"], *bars["chatter"])
    answered_chatter = sum(answering.decide(r.top, r.second, r.shape) == "answer" for r in chatter)
    allowed = int(max_unwanted_suggestions * len(chatter)) - answered_chatter
    chatter_tops = sorted(
        (
            r.top
            for r in chatter
            if r.shape != "chatter" and answering.decide(r.top, r.second, r.shape) != "answer"
        ),
        reverse=True,
    )
    # The lowest score that lets through at most `allowed` off-topic messages.
    if allowed < 0:
        suggest = score
    elif allowed < len(chatter_tops):
        suggest = chatter_tops[allowed] + 1e-6
    else:
        suggest = 0.0
    suggest = min(suggest, score, bars["question"][0])
    return Thresholds(score, margin, suggest, *bars["question"], *bars["chatter"])


@dataclass(frozen=True, slots=True)
class _Limits:
    chatter: int
    max_unwanted_answers: float
    max_wrong_answers: float


@dataclass(frozen=True, slots=True)
class _Counts:
    answered: int = 0
    correct: int = 0
    unwanted: int = 0


def _meets(row: Scored, score: float, margin: float) -> bool:
    return row.top >= score and margin_of(row.top, row.second) >= margin


def _best_pair(
    questions: Sequence[Scored], chatter: Sequence[Scored], base: _Counts, limits: _Limits
) -> tuple[float, float, _Counts] | None:
    """The (score, margin) that answers the most of `questions` correctly, on top of the
    answers already counted in `base`, within the limits (ties: the higher score, then the
    higher margin)."""
    q_top = np.array([r.top for r in questions], dtype=np.float64)
    q_margin = np.array([margin_of(r.top, r.second) for r in questions], dtype=np.float64)
    q_right = np.array(
        [bool(r.ranked) and r.ranked[0] == r.expected for r in questions], dtype=np.bool_
    )
    c_top = np.array([r.top for r in chatter], dtype=np.float64)
    c_margin = np.array([margin_of(r.top, r.second) for r in chatter], dtype=np.float64)
    scores = [*sorted({r.top for r in (*questions, *chatter) if r.top > 0.0}), float("inf")]
    best: tuple[float, float, _Counts] | None = None
    for margin in _MARGINS:
        for score in scores:
            hit = (q_top >= score) & (q_margin >= margin)
            counts = _Counts(
                base.answered + int(hit.sum()),
                base.correct + int((hit & q_right).sum()),
                base.unwanted + int(((c_top >= score) & (c_margin >= margin)).sum()),
            )
            if counts.unwanted > limits.max_unwanted_answers * limits.chatter:
                continue
            wrong = counts.answered - counts.correct
            if counts.answered and wrong > limits.max_wrong_answers * counts.answered:
                continue
            if best is None or (counts.correct, score, margin) > (best[2].correct, *best[:2]):
                best = (score, margin, counts)
    return best
