"""The red-team set (`redteam.jsonl`), with the thresholds Beacon ships.

Written from the spec's slug/topic table only, before the dev set or the articles' aliases
were read, the way users type in Telegram groups: typos, slang, traditional Chinese, mixed
zh/en, statements that are questions. Ids: `rt-<lang>-<slug>-<n>` (three per slug and
language), `rt-near-<n>` (near-misses between similar slugs), `rt-none-*` (chatter, price
talk, greetings, spam, off-topic: must get no answer), `rt2-*` (a second batch written after
the first round of fixes, to check they generalise), `rt3-*` (slang and spam cases). Its
misses were fixed by class (never by copying its questions), so it is partly tuned: the
held-out set stays the honest measure. Past figures are in git history.

The answer floors are the goals (issue #11): answer accuracy >= 0.95, answered wrongly <= 2%,
no-answer messages answered <= 3%. The ranking and triage floors have no stated goal; they
hold the level the matcher reached, so a regression shows.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.answers import DEFAULT_THRESHOLDS, Evaluation, Matcher, Scored, evaluate, normalize
from bot.answers.kb_check import load_spec_slugs
from content import CONTENT_DIR
from tests.answers.devset import REDTEAM_PATH, DevItem, load_devset

# The goals.
ANSWER_ACCURACY_MIN = 0.95
ANSWERED_WRONGLY_MAX = 0.02
UNWANTED_ANSWERS_MAX = 0.03
# No stated goal: the level reached.
TOP1_MIN = 0.985
RECALL3_MIN = 0.99
ANSWERED_MIN = 0.94
LANG_TOP1_MIN = 0.98
NEAR_MISS_TOP1_MIN = 0.93
TRIAGE_QUESTIONS_MIN = 0.95
TRIAGE_CHATTER_MAX = 0.03
# Red-team questions that happen to equal an alias or title: all 32 were written blind and
# matched aliases that already existed. More means someone copied red-team questions into
# the articles, which would make these figures meaningless.
ALIAS_COINCIDENCES_MAX = 32


@pytest.fixture(scope="module")
def items() -> list[DevItem]:
    return load_devset(REDTEAM_PATH)


@pytest.fixture(scope="module")
def scored(matcher: Matcher, items: list[DevItem]) -> list[Scored]:
    return [matcher.scored(item.text, item.slug) for item in items]


@pytest.fixture(scope="module")
def result(scored: list[Scored]) -> Evaluation:
    return evaluate(scored, DEFAULT_THRESHOLDS)


def test_redteam_shape(items: list[DevItem]) -> None:
    spec = load_spec_slugs(CONTENT_DIR / "spec_slugs.txt")
    assert len({i.id for i in items}) == len(items)
    assert len({normalize(i.text) for i in items}) == len(items)
    per_slug_lang = Counter((i.slug, i.lang) for i in items if i.id.startswith("rt-"))
    for slug in spec:
        for lang in ("en", "zh"):
            assert per_slug_lang[(slug, lang)] >= 3, (slug, lang)
    assert {i.slug for i in items if i.slug} <= set(spec)
    assert sum(1 for i in items if i.slug is None) >= 60
    assert sum(1 for i in items if i.id.startswith("rt-near-")) >= 30
    assert {i.lang for i in items} == {"en", "zh"}


def test_redteam_is_not_copied_into_aliases(matcher: Matcher, items: list[DevItem]) -> None:
    def key(text: str) -> str:
        return "".join(ch for ch in normalize(text) if ch.isalnum())

    phrases = {key(a) for article in matcher.knowledge_base for a in article.aliases}
    phrases |= {key(article.title) for article in matcher.knowledge_base}
    copied = [i.text for i in items if key(i.text) in phrases]
    assert len(copied) <= ALIAS_COINCIDENCES_MAX, copied


def test_top1(result: Evaluation) -> None:
    assert result.top1 >= TOP1_MIN


def test_recall_at_3(result: Evaluation) -> None:
    assert result.recall_at_3 >= RECALL3_MIN


def test_answers_are_given_and_right(result: Evaluation) -> None:
    assert result.answered >= ANSWERED_MIN
    assert result.answer_accuracy >= ANSWER_ACCURACY_MIN
    assert result.answered_wrongly <= ANSWERED_WRONGLY_MAX


def test_no_answer_messages_are_rarely_answered(result: Evaluation) -> None:
    assert result.unwanted_answers <= UNWANTED_ANSWERS_MAX


def test_each_language(items: list[DevItem], scored: list[Scored]) -> None:
    for lang in ("en", "zh"):
        rows = [s for i, s in zip(items, scored, strict=True) if i.lang == lang]
        assert evaluate(rows, DEFAULT_THRESHOLDS).top1 >= LANG_TOP1_MIN, lang


def test_near_misses_between_similar_slugs(items: list[DevItem], scored: list[Scored]) -> None:
    near = [s for i, s in zip(items, scored, strict=True) if i.id.startswith("rt-near-")]
    top1 = sum(s.ranked[:1] == (s.expected,) for s in near) / len(near)
    assert top1 >= NEAR_MISS_TOP1_MIN


def test_unprompted_filter(matcher: Matcher, items: list[DevItem]) -> None:
    questions = [matcher.looks_like_support_question(i.text) for i in items if i.slug]
    chatter = [matcher.looks_like_support_question(i.text) for i in items if i.slug is None]
    assert sum(questions) / len(questions) >= TRIAGE_QUESTIONS_MIN
    assert sum(chatter) / len(chatter) <= TRIAGE_CHATTER_MAX
