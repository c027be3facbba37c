"""Answer a question with one help article, offer a few, or stay quiet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.answers.calibration import Decision, Scored, Shape, Thresholds, offered
from bot.answers.index import ArticleIndex, Ranking
from bot.answers.knowledge_base import Article, KnowledgeBase
from bot.answers.synonyms import SynonymTable
from bot.answers.tokenize import Analyzer, detect_language
from bot.answers.triage import SupportQuestionFilter

__all__ = ["DEFAULT_THRESHOLDS", "SUGGESTION_COUNT", "Match", "Matcher"]

SUGGESTION_COUNT = 3

# Calibrated with `calibrate()` on tests/answers/devset.jsonl (440 questions: 44 slugs x 2
# languages x 5; 68 off-topic messages) over the 88 articles of the sample content pack, brand
# "Acme" (`python -m bench.answers --calibrate`), one bar per shape of message (triage.py):
# chit-chat may answer no dev-set off-topic message; then all messages together may answer at
# most 2.5% of the off-topic ones, with at most 2% of answers naming the wrong article.
# Re-run 2026-11-27 after the spam filter caught giveaway/doubling/secret-request promotions
# (which let the bars come down from 12.50 / 0.05) and the shapes were added. Printed:
# topic 14.4165 / 0.35, support question 6.8340 / 0.00, chit-chat 9.2997 / 0.30, suggest 0.0
# (no off-topic dev message that names a topic is left to suggest for; SUGGESTION_MIN_SHARE
# still trims the list), kept to two decimals below the printed values.
# The question bar's margin of 0.00 means near-ties between two articles are answered with
# the better-ranked one: that is where the remaining wrong answers come from.
# Dev set with `beacon ask --jsonl`'s `answer` field: 0.977 of questions answered with exactly
# the right article, 1.4% answered wrongly, 0 of 68 off-topic messages answered.
# Held-out set (tests/answers/holdout.jsonl, never tuned on; only its totals were looked at):
# 0.932 right, 4 of 88 questions (4.5%) answered wrongly, 1 of 20 off-topic answered.
# Red-team set (tests/answers/redteam.jsonl, tests/answers/test_redteam.py): see that test.
# Re-run after the generalisation work (bigrams no longer straddle dictionary words, "apy" is
# not stemmed to "api", phrasal verbs, synonyms and spam shapes; tests/answers/blind*.jsonl):
# printed topic 18.26 / 0.35, support question 6.79 / 0.00, chit-chat 9.09 / 0.30. Not adopted:
# on the red-team, blind, blind2 and held-out sets those values answer exactly what the shipped
# ones do; the only gain is 2 dev-set questions from the lower question bar (fitting), and
# the topic bar's jump to 18.26 changes no answer on any set, so nothing supports moving it.
# With the shipped values and `beacon ask --jsonl` (brand "Beacon"): dev 0.977 right / 1.6%
# wrong / 0 of 68 off-topic answered; held-out 0.943 / 4.5% / 1 of 20 (0.932 / 4.5% / 1 of 20
# before); red team 0.995 / 0.5% / 1 of 99; blind (used for the fixes) 1.000 / 0% / 1 of 70
# (0.985 / 1.1% / 2 of 70 before them); blind2 (40 fresh questions written after the fixes,
# never tuned on) 0.882 / 8.8% / 2 of 6.
# Re-run 2026-12-06 after the direction penalty (index.py), the small-talk rules (triage.py)
# and about 460 new aliases: printed topic 27.82 / 0.50, support question 7.13 / 0.00,
# chit-chat 12.00 / 0.30, suggest 0.000001 (the new aliases raise every profile score, so the
# topic bar, set by the highest-scoring off-topic dev message that names a topic, jumped). Not
# adopted: on the dev, blind and blind2 sets they answer exactly what the shipped values do and
# on the red-team set one question fewer; blind3 and the held-out set were not used to choose.
# With the shipped values and `beacon ask --jsonl` (brand "Beacon") after that work: dev 0.995
# right / 1 wrong / 0 of 68 off-topic answered; red team 0.997 / 1 / 0 of 99; blind 1.000 / 0 /
# 0 of 70; blind2 (its misses were named in issue 5, so now partly tuned) 1.000 / 0 / 0 of 6;
# blind3 (80 fresh questions written after the work, measured once, never tuned on) 0.938 /
# 3 wrong / 1 of 16; held-out 0.943 / 4 wrong / 1 of 20 (unchanged by the work).
# Re-run again after the vocabulary pass (short forms, swap/convert, scam contacts, off-topic
# tickets; issue 5): printed topic 27.87 / 0.50, support question 7.14 / 0.00, chit-chat
# 12.00 / 0.30. Not adopted: on the dev, red-team, blind, blind2 and blind3 sets they answer
# exactly what the shipped values do (dev 0.995 / 1 wrong / 0 of 68; red team 0.997 / 1 / 0
# of 99; blind 1.000; blind2 1.000; blind3, whose misses guided the pass, 1.000 / 0 / 0 of 16).
# Raw BM25 scores depend on the corpus: re-calibrate after large content changes
# (tests/answers/test_devset.py checks the goals with these values).
DEFAULT_THRESHOLDS = Thresholds(
    answer_score=14.41,
    answer_margin=0.35,
    suggest_score=0.0,
    question_score=6.83,
    question_margin=0.0,
    chatter_score=9.29,
    chatter_margin=0.3,
)


@dataclass(frozen=True, slots=True)
class Match:
    """What the bot would do with a question: answer it, suggest slugs, or decline."""

    decision: Decision
    article: Article | None  # the answer, in the question's language; None unless answering
    suggestions: tuple[str, ...]  # up to three slugs, best first; empty when declining
    score: float
    lang: str
    # Why a message was declined before its score mattered: "spam" (a promotion) or "chatter"
    # (no support topic, no support question); "" otherwise. The bot says nothing to either.
    declined_as: str = ""


class Matcher:
    """Matches questions against the knowledge base; build once, call `match` per message."""

    def __init__(
        self,
        knowledge_base: KnowledgeBase,
        index: ArticleIndex,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
    ) -> None:
        self._kb = knowledge_base
        self._index = index
        self._filter = SupportQuestionFilter(index.analyze, index.synonyms)
        self.thresholds = thresholds

    @classmethod
    def build(
        cls,
        articles_dir: Path,
        brand: str,
        synonyms_path: Path,
        jieba_dict: Path | None,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
    ) -> Matcher:
        """Load the articles, the synonyms and the dictionary and build the index."""
        kb = KnowledgeBase.load(articles_dir, brand)
        analyzer = Analyzer(jieba_dict)
        synonyms = SynonymTable.load(synonyms_path, analyzer)
        return cls(kb, ArticleIndex.from_knowledge_base(kb, analyzer, synonyms), thresholds)

    @property
    def knowledge_base(self) -> KnowledgeBase:
        return self._kb

    @property
    def index(self) -> ArticleIndex:
        return self._index

    def rank(self, text: str) -> Ranking:
        return self._index.rank(text, k=SUGGESTION_COUNT)

    def match(self, text: str) -> Match:
        """For a message addressed to the bot: answer, suggest or decline.

        A message that reads as a support question is answered at a lower score than others
        (see calibration.py); chit-chat gets an answer only when the match is strong, never
        a "did you mean" list; promotions are declined whatever they mention.
        """
        if self.looks_like_promotion(text):
            return Match("decline", None, (), 0.0, detect_language(text), "spam")
        if self.looks_like_small_talk(text):
            return Match("decline", None, (), 0.0, detect_language(text), "chatter")
        return self.decide(self.rank(text), self.shape(text))

    def shape(self, text: str) -> Shape:
        """Support question, topic or chit-chat (see triage.py)."""
        return self._filter.shape(text)

    def looks_like_promotion(self, text: str) -> bool:
        """Spam dressed as a question; never answered (see triage.py)."""
        return self._filter.looks_like_promotion(text)

    def looks_like_small_talk(self, text: str) -> bool:
        """Thanks, praise, price speculation, off-topic trading: never answered (triage.py)."""
        return self._filter.looks_like_small_talk(text)

    def looks_like_support_question(self, text: str) -> bool:
        """Cheap filter for group messages nobody addressed to the bot (see triage.py)."""
        return self._filter.looks_like_support_question(text)

    def match_unprompted(self, text: str) -> Match:
        """For a group message nobody addressed to the bot: answer only when confident.

        Anything short of an answer becomes a decline: a bot that posts "did you mean..." lists
        under other people's messages is noise. Messages that do not look like support
        questions are not even ranked.
        """
        lang = detect_language(text)
        if self.looks_like_promotion(text):
            return Match("decline", None, (), 0.0, lang, "spam")
        if not self.looks_like_support_question(text):
            return Match("decline", None, (), 0.0, lang, "chatter")
        # Only the bar for any message ("topic"), not the lower one for support questions:
        # nobody asked the bot, so it speaks only when sure.
        match = self.decide(self.rank(text), "topic")
        if match.decision != "answer":
            return Match("decline", None, (), match.score, match.lang)
        return match

    def scored(self, text: str, expected: str | None) -> Scored:
        """The ranking of `text` in the form calibration and evaluation take; a promotion has
        none, exactly as `match` declines it; so has small talk."""
        if self.looks_like_promotion(text) or self.looks_like_small_talk(text):
            return Scored(expected, (), ())
        hits = self.rank(text).hits
        return Scored(
            expected,
            tuple(h.slug for h in hits),
            tuple(h.score for h in hits),
            self.shape(text),
        )

    def decide(self, ranking: Ranking, shape: Shape = "question") -> Match:
        hits = ranking.hits
        top = hits[0].score if hits else 0.0
        second = hits[1].score if len(hits) > 1 else 0.0
        decision = self.thresholds.decide(top, second, shape)
        if decision == "decline":
            chatter = "chatter" if shape == "chatter" else ""
            return Match("decline", None, (), top, ranking.lang, chatter)
        suggestions = offered([h.slug for h in hits], [h.score for h in hits], decision)
        article = None
        if decision == "answer":
            article = self._kb.get_any(hits[0].slug, ranking.lang)
        return Match(decision, article, suggestions, top, ranking.lang)
