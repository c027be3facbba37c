"""The dev-set goals, with the thresholds Beacon ships."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from bot.answers import DEFAULT_THRESHOLDS, Evaluation, Matcher, Scored, evaluate, normalize
from bot.answers.kb_check import load_spec_slugs
from content import CONTENT_DIR
from tests.answers.devset import DevItem, load_devset

TOP1_GOAL = 0.95
RECALL3_GOAL = 0.99
UNWANTED_ANSWER_GOAL = 0.05


@pytest.fixture(scope="module")
def items() -> list[DevItem]:
    return load_devset()


@pytest.fixture(scope="module")
def scored(matcher: Matcher, items: list[DevItem]) -> list[Scored]:
    return [matcher.scored(item.text, item.slug) for item in items]


@pytest.fixture(scope="module")
def result(scored: list[Scored]) -> Evaluation:
    return evaluate(scored, DEFAULT_THRESHOLDS)


def test_devset_shape(items: list[DevItem]) -> None:
    spec = load_spec_slugs(CONTENT_DIR / "spec_slugs.txt")
    assert len({i.id for i in items}) == len(items)
    per_slug_lang = Counter((i.slug, i.lang) for i in items if i.slug is not None)
    for slug in spec:
        for lang in ("en", "zh"):
            assert per_slug_lang[(slug, lang)] >= 4, (slug, lang)
    assert {i.slug for i in items if i.slug} <= set(spec)
    assert sum(1 for i in items if i.slug is None) >= 60
    assert {i.lang for i in items} == {"en", "zh"}


def test_devset_does_not_copy_aliases(matcher: Matcher, items: list[DevItem]) -> None:
    def key(text: str) -> str:
        return "".join(ch for ch in normalize(text) if ch.isalnum())

    phrases = {key(a) for article in matcher.knowledge_base for a in article.aliases}
    phrases |= {key(article.title) for article in matcher.knowledge_base}
    copied = [i.text for i in items if key(i.text) in phrases]
    assert not copied


def test_top1(result: Evaluation) -> None:
    assert result.top1 >= TOP1_GOAL


def test_recall_at_3(result: Evaluation) -> None:
    assert result.recall_at_3 >= RECALL3_GOAL


def test_off_topic_messages_are_rarely_answered(result: Evaluation) -> None:
    assert result.unwanted_answers <= UNWANTED_ANSWER_GOAL


def test_answers_are_mostly_right(result: Evaluation) -> None:
    # Calibration allows at most 2% wrong answers among those posted.
    answered = round(result.answered * result.questions)
    assert result.wrong_answers <= 0.02 * answered
    assert result.answered >= 0.8


def test_each_language_meets_top1(matcher: Matcher, items: list[DevItem]) -> None:
    for lang in ("en", "zh"):
        rows = [matcher.scored(i.text, i.slug) for i in items if i.lang == lang]
        assert evaluate(rows, DEFAULT_THRESHOLDS).top1 >= TOP1_GOAL, lang


def test_jsonl_agrees_with_the_evaluation(matcher: Matcher, items: list[DevItem]) -> None:
    import io

    from bot.answers import run_ask_jsonl

    questions = [i for i in items if i.slug is not None][::7]
    stdin = io.StringIO("".join(json.dumps({"id": i.id, "text": i.text}) + "\n" for i in questions))
    stdout = io.StringIO()
    run_ask_jsonl(stdin, stdout, lambda: matcher)
    out = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [o["id"] for o in out] == [i.id for i in questions]
    recall = sum(i.slug in o["suggestions"] for i, o in zip(questions, out, strict=True))
    assert recall / len(questions) >= RECALL3_GOAL - 0.02
