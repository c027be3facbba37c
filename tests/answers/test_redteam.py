"""The red-team set (`redteam.jsonl`), with the thresholds Beacon ships.

Written from the spec's slug/topic table only, before the dev set or the articles' aliases
were read, the way users type in Telegram groups: typos, slang, traditional Chinese, mixed
zh/en, statements that are questions. Ids: `rt-<lang>-<slug>-<n>` (three per slug and
language), `rt-near-<n>` (near-misses between similar slugs), `rt-none-*` (chatter, price
talk, greetings, spam, off-topic: must get no answer), `rt2-*` (a second batch written after
the first round of fixes, to check they generalise). Synonyms, dictionary words and aliases
were then fixed for the causes of its misses (never by copying its questions), so its figures
are partly tuned: the held-out set stays the honest measure.

Figures with DEFAULT_THRESHOLDS (topic 14.41 / 0.35, support question 6.83 / 0.00, chit-chat
9.29 / 0.30), brand "Acme", 393 questions and 99 no-answer messages (`rt3-*`: slang and spam
cases added with the spam-filter and synonym fixes): answer accuracy 0.982 (the `answer`
field exactly right), 3 questions answered wrongly, top-1 0.990, recall@3 0.992, 2 of 99
no-answer messages answered ("which memecoin will 10x", "有内部消息 明天拉盘 私聊"). Before the
shapes and spam work (thresholds 12.50 / 0.05 / 6.77): answer accuracy 0.964, 0 wrong, 14
declined though ranked right. After the blind-set fixes (see test_blind.py): answer accuracy
0.995, 2 answered wrongly, top-1 0.995, recall@3 1.000, 1 of 99 no-answer messages answered
("which memecoin will 10x"). The limits below leave a small margin under today's figures.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.answers import DEFAULT_THRESHOLDS, Evaluation, Matcher, Scored, evaluate, normalize
from bot.answers.kb_check import load_spec_slugs
from content import CONTENT_DIR
from tests.answers.devset import REDTEAM_PATH, DevItem, load_devset

TOP1_MIN = 0.985
RECALL3_MIN = 0.99
ANSWERED_MIN = 0.94
ANSWER_ACCURACY_MIN = 0.97
WRONG_ANSWERS_MAX = 4
UNWANTED_ANSWERS_MAX = 0.041  # 4 of 99
LANG_TOP1_MIN = 0.98
NEAR_MISS_TOP1_MIN = 0.93  # 2 of 32
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
    assert result.wrong_answers <= WRONG_ANSWERS_MAX


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
