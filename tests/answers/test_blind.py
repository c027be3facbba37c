"""The blind sets (`blind.jsonl` .. `blind7.jsonl`), with the thresholds Beacon ships.

`blind.jsonl` was written from the spec's slug table and the customer-service guide only,
before the articles' aliases and keywords or the dev and red-team sets were read: three English
and three Chinese questions per slug the way members type in a Telegram group (typos, slang,
traditional Chinese, mixed zh/en, statements that are questions, two-word messages), plus 70
messages that must get no answer (greetings, price talk, memes, shilling, doubling scams,
questions outside the help center). Ids: `blind-<lang>-<slug>-<n>`, `blind-<lang>-none-<n>`.
Baseline with `beacon ask --jsonl` before any change: answer accuracy 0.985 (260 of 264), 3
answered wrongly, 2 of 70 no-answer messages answered. Its misses were then fixed generally
(bigrams across 到|账户, "apy" stemmed to "api", phrasal verbs, synonyms, spam shapes), never
by copying its questions, so its figures are now partly tuned.

`blind2.jsonl` (ids `blind2-*`): 40 fresh questions (6 no-answer) written the same way after
those fixes and measured once, never tuned on: answer accuracy 0.882 (30 of 34), 3 answered
wrongly, 2 of 6 no-answer messages answered. It is small, so its floors are loose; they guard
against regressions, not a goal. Its misses were named in issue 5 and the causes fixed since
(direction of deposit/withdraw, small talk, aliases for symptoms), so it is now partly tuned.

`blind3.jsonl` (ids `blind3-*`): 80 fresh questions (64 answerable over 43 slugs, 16
no-answer) written after that work, without looking at aliases, and measured once, never tuned
on (brand "Beacon", `beacon ask --jsonl`): answer accuracy 0.938 (60 of 64), 3 answered wrongly,
1 of 16 no-answer messages answered. The code before that work scored 0.953 / 2 wrong / 3 of
16 on it: the new aliases did not buy accuracy on fresh phrasings, the small-talk rules cut
unwanted answers. Its misses (vocabulary gaps) then guided the vocabulary pass of issue 5, so it
is now partly tuned (1.000 / 0 wrong / 0 of 16 after that pass).

`blind4.jsonl` (ids `blind4-*`): 70 fresh questions (55 answerable over 43 slugs, 15
no-answer) written from the spec and the seed guide only, before that vocabulary pass and
without looking at aliases or other sets, measured once after it, never tuned on (brand
"Beacon", `beacon ask --jsonl`): answer accuracy 0.982 (54 of 55), 1 answered wrongly, 2 of 15
no-answer messages answered (a bank card swallowed by an ATM, a ticket for a show): over the
5% goal. Caveat: the vocabulary list of the pass (from the brief, not from blind4) names some
words blind4 also uses ("terminate", "pw", "wd", "审核中", concert and movie tickets). A rule
written for its ATM message (decline a message mostly in words the articles never use) was
withdrawn after review: it also declined slangy support statements ("kyc bounced thrice
already smh").

`blind5.jsonl` (ids `blind5-*`): 80 messages written by a helper that saw only the spec and
the seed guide (60 questions over all 44 slugs, 20 no-answer, 14 of them support words about
another place or service: an apartment deposit, the office wifi password, a Valorant account,
游戏充值, 话费). Measured once (brand "Beacon", `beacon ask --jsonl`): answer accuracy 1.000,
0 answered wrongly, 10 of 20 no-answer messages answered. Those ten guided the "somewhere
else" small-talk rule (triage.py `about_somewhere_else`): partly tuned since, 1.000 / 0 / 3 of
20.

`blind6.jsonl` (ids `blind6-*`): 90 messages by another helper from the spec and the seed
guide only, written after that rule: 60 questions that describe the user's situation instead of
naming the feature ("the app keeps saying my face doesn't match"), 30 no-answer, 20 of them
support words about other services (an airline's change fee, a hotel refund, a Steam account,
12306, 滴滴, 个税App). Measured once, never tuned on (brand "Beacon", `beacon ask --jsonl`):
answer accuracy 0.867 (52 of 60), 7 answered wrongly, recall@3 0.950, and 18 of 30 no-answer
messages answered. Beacon's open weakness: a support question about another company's service
read like one about the exchange. Those misses then guided a list of other places and services
(triage.py `ELSEWHERE_WORDS`): 8 of 30 since (partly tuned; its questions were never tuned on).

`blind7.jsonl` (ids `blind7-*`): 100 messages by a third helper that saw only the spec and the
seed guide (60 questions, 40 no-answer: 12 chatter, 28 support words about everyday life
elsewhere, signalled by a brand, a generic description or only the situation). Measured once
after that list, never tuned on: answer accuracy 0.983 (59 of 60), 1 answered wrongly, recall@3
1.000, 10 of 40 no-answer messages answered with a first, broad form of the rule (any such word
and nothing of the exchange). Review then found that form declined 47 of 93 real support
questions written to mention such places ("my withdrawal for rent money is pending", "I can't
log in from the office network"), so the shipped rule only takes support words the other place
owns ("valorant account", "12306退票手续费", "the office wifi password") or a message that opens
with it, and never money moving outside those words: 0 of those 93 declined, 18 of 40 blind7
no-answer messages answered. Banks, carriers, e-mail and unnamed situations ("the vet", "the
meter") still get through.
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

# (answer accuracy min, answered wrongly max, no-answer answered max, top-1 min), a small margin
# under today's figures (brand "Acme").
FLOORS: dict[Path, tuple[float, float, float, float]] = {
    BLIND_PATH: (0.97, 0.02, 0.03, 0.98),  # today 1.000 / 0.000 / 1 of 70 / 1.000
    BLIND2_PATH: (0.85, 0.10, 0.34, 0.85),  # 0.882 / 0.088 / 2 of 6 / 0.882 when written
    BLIND3_PATH: (0.95, 0.03, 0.07, 0.95),  # today 1.000 / 0 / 0 of 16 (partly tuned since)
    BLIND4_PATH: (0.94, 0.04, 0.14, 0.94),  # 0.982 / 0.018 / 2 of 15 when measured (never tuned)
    # 1.000 / 0 / 10 of 20 when measured (brand "Beacon"); 3 of 20 since (partly tuned)
    BLIND5_PATH: (0.95, 0.03, 0.16, 0.95),
    # 0.867 / 0.117 / 18 of 30 when measured; 8 of 30 since (its no-answer lines partly tuned)
    BLIND6_PATH: (0.83, 0.14, 0.3, 0.85),
    # 0.983 / 0.017 / 18 of 40 with the shipped rule, never tuned on
    BLIND7_PATH: (0.95, 0.04, 0.47, 0.95),
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


@pytest.mark.parametrize("path", BLIND_SETS, ids=BLIND_IDS)
def test_blind_floors(matcher: Matcher, path: Path) -> None:
    accuracy_min, wrong_max, unwanted_max, top1_min = FLOORS[path]
    result = _result(matcher, _items(path))
    assert result.answer_accuracy >= accuracy_min
    assert result.answered_wrongly <= wrong_max
    assert result.unwanted_answers <= unwanted_max
    assert result.top1 >= top1_min
