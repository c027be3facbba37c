"""The blind sets (`blind.jsonl` .. `blind7.jsonl`), measured with the thresholds Beacon ships.

Each set was written by someone who saw only the help-center spec and the customer-service
guide (never the articles' aliases, the examples or the other sets), the way members type in a
Telegram group: typos, slang, traditional Chinese, mixed zh/en, statements that are questions,
two-word messages. Each was measured once when written; where its misses were then fixed (by
class, never by copying its questions) it is partly tuned and no longer an honest measure. The
figures each set scored over time are in git history, not here.

- `blind` (ids `blind-<lang>-<slug>-<n>`, `blind-<lang>-none-<n>`): three English and three
  Chinese questions per slug, and 70 messages that must get no answer (greetings, price talk,
  memes, shilling, doubling scams, questions outside the help center). Partly tuned.
- `blind2` (`blind2-*`): 40 questions, 6 of them no-answer. Partly tuned.
- `blind3` (`blind3-*`): 80 messages, 64 answerable over 43 slugs and 16 no-answer. Partly
  tuned (its vocabulary gaps guided a vocabulary pass).
- `blind4` (`blind4-*`): 70 messages, 55 answerable over 43 slugs and 15 no-answer (a bank
  card swallowed by an ATM, a ticket for a show). Never tuned on.
- `blind5` (`blind5-*`): 80 messages over all 44 slugs, 20 no-answer, 14 of them support words
  about another place or service (an apartment deposit, the office wifi password, a Valorant
  account, 游戏充值, 话费). Its no-answer lines guided triage.py's "somewhere else" rule.
- `blind6` (`blind6-*`): 90 messages, 60 questions that describe the situation instead of
  naming the feature ("the app keeps saying my face doesn't match"), 30 no-answer, 20 of them
  support words about other services (an airline's change fee, 12306, 滴滴). Its no-answer
  lines guided triage.py's `ELSEWHERE_WORDS`; its questions were never tuned on.
- `blind7` (`blind7-*`): 100 messages, 60 questions and 40 no-answer (12 chatter, 28 support
  words about everyday life elsewhere: a brand, a generic description or only the situation).
  Never tuned on.

The floors are the goals (issue #11): answer accuracy >= 0.95, answered wrongly <= 2%,
no-answer messages answered <= 3%, and the best-ranked article right for >= 95%. A set that
falls short of a goal today is marked as an expected failure of that goal (strict: once the
set meets it, the mark must go), so each shortfall stays visible and the other goals are
still checked.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.answers import DEFAULT_THRESHOLDS, Evaluation, Matcher, evaluate, normalize
from bot.answers.kb_check import load_spec_slugs
from content import CONTENT_DIR
from tests.answers.devset import (
    BLIND2_PATH,
    BLIND3_PATH,
    BLIND4_PATH,
    BLIND5_PATH,
    BLIND6_PATH,
    BLIND7_PATH,
    BLIND_PATH,
    DevItem,
    load_devset,
)

# The goals, as (metric, bound, whether the metric must stay at or above it).
GOALS = (
    ("answer_accuracy", 0.95, True),
    ("answered_wrongly", 0.02, False),
    ("unwanted_answers", 0.03, False),
    ("top1", 0.95, True),
)
# (set, metric) pairs short of the goal today: expected failures until the set reaches it.
SHORT_OF_GOAL = {
    ("blind4", "unwanted_answers"),
    ("blind5", "unwanted_answers"),
    ("blind6", "answer_accuracy"),
    ("blind6", "answered_wrongly"),
    ("blind6", "unwanted_answers"),
    ("blind6", "top1"),
    ("blind7", "unwanted_answers"),
}
# Blind questions that equal an alias or title: 54 short blind questions ("how do i contact
# support", "怎么联系客服") matched aliases that existed before they were written. More means
# someone copied blind questions into the articles, which would make these figures meaningless.
BLIND_SETS = [
    BLIND_PATH,
    BLIND2_PATH,
    BLIND3_PATH,
    BLIND4_PATH,
    BLIND5_PATH,
    BLIND6_PATH,
    BLIND7_PATH,
]
BLIND_IDS = ["blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7"]
ALIAS_COINCIDENCES_MAX = {
    BLIND_PATH: 54,
    BLIND2_PATH: 2,
    BLIND3_PATH: 0,
    BLIND4_PATH: 0,
    BLIND5_PATH: 0,
    BLIND6_PATH: 0,
    BLIND7_PATH: 0,
}


def _items(path: Path) -> list[DevItem]:
    return load_devset(path)


def _result(matcher: Matcher, items: list[DevItem]) -> Evaluation:
    return evaluate([matcher.scored(i.text, i.slug) for i in items], DEFAULT_THRESHOLDS)


def test_blind_set_shape() -> None:
    items = _items(BLIND_PATH)
    spec = load_spec_slugs(CONTENT_DIR / "spec_slugs.txt")
    assert len({i.id for i in items}) == len(items)
    assert len({normalize(i.text) for i in items}) == len(items)
    per_slug_lang = Counter((i.slug, i.lang) for i in items if i.slug)
    for slug in spec:
        for lang in ("en", "zh"):
            assert per_slug_lang[(slug, lang)] >= 3, (slug, lang)
    assert {i.slug for i in items if i.slug} <= set(spec)
    assert sum(1 for i in items if i.slug is None) >= 60
    assert len(_items(BLIND2_PATH)) == 40
    fresh_sets = (
        (BLIND3_PATH, 80, 40),
        (BLIND4_PATH, 70, 35),
        (BLIND5_PATH, 80, 40),
        (BLIND6_PATH, 90, 40),
        (BLIND7_PATH, 100, 40),
    )
    for path, size, slugs in fresh_sets:
        fresh = _items(path)
        assert len(fresh) == size
        assert len({i.id for i in fresh}) == size
        assert sum(i.slug is None for i in fresh) >= 15
        assert len({i.slug for i in fresh if i.slug}) >= slugs
        assert {i.lang for i in fresh if i.slug} == {"en", "zh"}


@pytest.mark.parametrize("path", BLIND_SETS, ids=BLIND_IDS)
def test_blind_questions_are_not_copied_into_aliases(matcher: Matcher, path: Path) -> None:
    def key(text: str) -> str:
        return "".join(ch for ch in normalize(text) if ch.isalnum())

    phrases = {key(a) for article in matcher.knowledge_base for a in article.aliases}
    phrases |= {key(article.title) for article in matcher.knowledge_base}
    copied = [i.text for i in _items(path) if key(i.text) in phrases]
    assert len(copied) <= ALIAS_COINCIDENCES_MAX[path], copied


@pytest.fixture(scope="module")
def results(matcher: Matcher) -> dict[str, Evaluation]:
    pairs = zip(BLIND_IDS, BLIND_SETS, strict=True)
    return {name: _result(matcher, _items(path)) for name, path in pairs}


def _goal_cases() -> list[object]:
    cases = []
    for name in BLIND_IDS:
        for metric, bound, at_least in GOALS:
            marks = (
                [pytest.mark.xfail(strict=True, reason=f"{name} is short of the {metric} goal")]
                if (name, metric) in SHORT_OF_GOAL
                else []
            )
            cases.append(pytest.param(name, metric, bound, at_least, marks=marks))
    return cases


@pytest.mark.parametrize(("name", "metric", "bound", "at_least"), _goal_cases())
def test_blind_goals(
    results: dict[str, Evaluation], name: str, metric: str, bound: float, at_least: bool
) -> None:
    value = getattr(results[name], metric)
    assert value >= bound if at_least else value <= bound, (name, metric, value)
