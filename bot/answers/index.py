"""BM25 index over help-center articles, both languages, scored per slug.

Each article (slug and language) gives three kinds of documents, each kind its own BM25 index:

- "question" documents: its title, each alias and its keywords, one document each;
- one "profile" document: all of those together;
- one "body" document: summary and body (links to other articles left out).

    score(slug) = QUESTION_WEIGHT * best question document of the slug
                + PROFILE_WEIGHT  * best profile document
                + BODY_WEIGHT     * best body document        (best over both languages)

The best single alias rewards the article whose alias says what the user said, without
rewarding an article for having many aliases; the profile adds evidence spread over several
aliases ("私钥" in one, "告诉别人" in another); the body breaks ties. The weights were chosen on
the dev set (tests/answers/devset.jsonl): a question-only score gave top-1 0.91, adding the
profile 0.94, the synonym and stop-word work the rest. Both languages of a slug score
together: "KYC" or "2FA" in a Chinese question matches the English aliases too, and the
matcher then serves the question's language.

Query terms are weighted: whole words 1.0, synonym concepts CONCEPT_WEIGHT (a concept stands for
the idea the user named, whatever the wording), character bigrams that are not words
BIGRAM_WEIGHT (a fallback for segmentation misses, which otherwise counts one Chinese phrase
three times: "没到账", "没到", "到账"). Documents are indexed with every term at weight 1.
A few concepts that settle the intent weigh more (INTENT_CONCEPT_WEIGHTS): a stranger who
"says he's from the team" or wants you to "verify your wallet" makes the message a scam
question whatever channel it names.

Direction: a few actions come in opposed pairs (deposit / withdraw). An article's action is the
side of a pair that clearly dominates its title, aliases and keywords ("充币未到账" is about
deposits); a question that names exactly one side ("提现显示成功但钱包没收到") scales the
articles of the other side by DIRECTION_PENALTY, so shared symptom words ("没收到", "not
received") cannot carry a deposit article past the withdrawal one. Articles about both or
neither (TxID, networks) are not touched, nor are questions naming both sides.

bm25s builds the sparse (term x document) score matrices once, at start-up. A query touches
only the posting lists of its own terms: `np.bincount` sums the weighted slices, and the best
document per slug comes from `np.maximum.reduceat` over just the documents touched. No Python
loop runs over documents, so the cost follows the posting lists, not the corpus size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

import bm25s
import numpy as np
import numpy.typing as npt

from bot.answers.knowledge_base import Article, KnowledgeBase
from bot.answers.synonyms import SynonymTable
from bot.answers.tokenize import Analysis, Analyzer, Vocabulary

__all__ = ["OPPOSED_ACTIONS", "ArticleIndex", "Hit", "Ranking"]

# Synonym groups (content/synonyms.yaml) that name opposite directions of one action.
OPPOSED_ACTIONS: tuple[tuple[str, str], ...] = (("~deposit", "~withdraw"),)

# Links listed on their own line ("- [Title](slug:x)") name other articles: not this one's topic.
_LINK_LIST_LINE_RE = re.compile(r"^\s*[-*]\s*\[[^\]]*\]\(slug:[^)]*\)\s*$", re.MULTILINE)
_LINK_TARGET_RE = re.compile(r"\]\((?:slug:|https?://)[^)]*\)")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Hit:
    slug: str
    score: float


@dataclass(frozen=True, slots=True)
class Ranking:
    """The best slugs for one question, best first, and the question's language."""

    lang: str
    hits: tuple[Hit, ...]


class _SparseBM25:
    """One bm25s index over token lists, scored with per-term weights."""

    def __init__(self, corpus: list[list[str]]) -> None:
        self._bm25 = bm25s.BM25(method="lucene", k1=1.2, b=0.75)
        # bm25s cannot index a corpus without a single term; an empty knowledge base still
        # gets a (useless) index so the bot starts and `kb check` can say what is wrong.
        self._bm25.index(corpus if any(corpus) else [["\x00"]], show_progress=False)
        scores = self._bm25.scores
        self._data = np.asarray(scores["data"], dtype=np.float64)
        self._indices = np.asarray(scores["indices"], dtype=np.int64)
        self._indptr = np.asarray(scores["indptr"], dtype=np.int64)
        self.num_docs = int(scores["num_docs"])
        self.vocab: dict[str, int] = dict(self._bm25.vocab_dict)

    def _postings(self, weighted_terms: dict[str, float]) -> tuple[IntArray, FloatArray]:
        """Documents and weighted score contributions of the query's terms, concatenated."""
        known = [(self.vocab[t], w) for t, w in weighted_terms.items() if t in self.vocab]
        if not known:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        spans = [(self._indptr[i], self._indptr[i + 1], w) for i, w in known]
        docs = np.concatenate([self._indices[start:end] for start, end, _ in spans])
        contrib = np.concatenate([self._data[start:end] * w for start, end, w in spans])
        return docs, contrib

    def scores(self, weighted_terms: dict[str, float]) -> FloatArray:
        """BM25 score of every document: the weighted sum over the query's posting lists."""
        docs, contrib = self._postings(weighted_terms)
        counts = np.bincount(docs, weights=contrib, minlength=self.num_docs)
        result: FloatArray = counts.astype(np.float64, copy=False)
        return result

    def best_per_group(self, weighted_terms: dict[str, float], group_of: IntArray) -> FloatArray:
        """The best document score of each group; `group_of[doc]` must be non-decreasing.

        Only the documents the query touched are visited after the sum, so the cost follows
        the posting lists, not the corpus size.
        """
        groups = int(group_of[-1]) + 1 if len(group_of) else 0
        best: FloatArray = np.zeros(groups)
        docs, contrib = self._postings(weighted_terms)
        if docs.size == 0:
            return best
        scores = np.bincount(docs, weights=contrib, minlength=self.num_docs)
        mask = np.zeros(self.num_docs, dtype=np.bool_)
        mask[docs] = True
        touched = np.flatnonzero(mask)
        touched_groups = group_of[touched]
        starts = np.flatnonzero(np.diff(touched_groups, prepend=-1))
        best[touched_groups[starts]] = np.maximum.reduceat(scores[touched], starts)
        return best


def _group_of_each(starts: list[int], count: int) -> IntArray:
    """For documents stored group by group from `starts`, the group number of each one."""
    sizes = np.diff(np.asarray([*starts, count], dtype=np.int64)).astype(np.int64)
    return np.repeat(np.arange(len(starts), dtype=np.int64), sizes)


def _body_text(article: Article) -> str:
    body = _LINK_LIST_LINE_RE.sub("", article.body)
    body = _LINK_TARGET_RE.sub("]", body)
    return f"{article.summary}\n{body}"


def _question_texts(article: Article) -> list[str]:
    texts = [article.title, *article.aliases]
    if article.keywords:
        texts.append(" , ".join(article.keywords))
    return texts


class ArticleIndex:
    """Ranks slugs for a question; built once at start-up from a KnowledgeBase."""

    QUESTION_WEIGHT = 1.0
    PROFILE_WEIGHT = 1.0
    BODY_WEIGHT = 0.3
    CONCEPT_WEIGHT = 1.5
    # Concepts that decide the intent whatever else the message names: a stranger reaching out
    # first or asking to "verify your wallet" makes "is he legit? (on telegram)" a scam question
    # (anti-phishing), not one about which accounts are official.
    INTENT_CONCEPT_WEIGHTS: ClassVar[dict[str, float]] = {
        "~contacted_me": 3.0,
        "~wallet_connect": 3.0,
    }
    BIGRAM_WEIGHT = 0.5
    DIRECTION_PENALTY = 0.75
    # An article takes a side when at least this many of its question documents name that side
    # and it names the other side at most DIRECTION_DOMINANCE times less often.
    DIRECTION_MIN_DOCS = 2
    DIRECTION_DOMINANCE = 3

    def __init__(
        self, articles: Iterable[Article], analyzer: Analyzer, synonyms: SynonymTable
    ) -> None:
        self._analyzer = analyzer
        self._synonyms = synonyms
        by_slug: dict[str, list[Article]] = {}
        for article in articles:
            by_slug.setdefault(article.slug, []).append(article)
        self.slugs: list[str] = sorted(by_slug)
        words: set[str] = set(synonyms.latin_words())
        stems: set[str] = set()

        def terms_of(text: str) -> list[str]:
            analysis = analyzer.analyze(text)
            words.update(analysis.words)
            stems.update(analysis.stems)
            return [*analysis.terms, *synonyms.concepts(analysis)]

        question_docs: list[list[str]] = []
        profile_docs: list[list[str]] = []
        body_docs: list[list[str]] = []
        question_starts: list[int] = []
        article_starts: list[int] = []
        # For each opposed pair, the side each slug is about: 0, 1, or -1 for neither/both.
        self._sides = np.full((len(OPPOSED_ACTIONS), len(self.slugs)), -1, dtype=np.int64)
        for number, slug in enumerate(self.slugs):
            question_starts.append(len(question_docs))
            article_starts.append(len(body_docs))
            slug_questions: list[list[str]] = []
            for article in by_slug[slug]:
                questions = [terms_of(t) for t in _question_texts(article)]
                slug_questions.extend(questions)
                question_docs.extend(questions)
                profile_docs.append([t for q in questions for t in q])
                body_docs.append(terms_of(_body_text(article)))
            for pair, side in enumerate(self._side_of(slug_questions)):
                self._sides[pair, number] = side
        self._questions = _SparseBM25(question_docs)
        self._profiles = _SparseBM25(profile_docs)
        self._bodies = _SparseBM25(body_docs)
        # Slug number of every document; documents are stored grouped by slug, in slug order.
        self._question_slug = _group_of_each(question_starts, len(question_docs))
        self._article_slug = _group_of_each(article_starts, len(body_docs))
        self.vocabulary = Vocabulary(words, stems | synonyms.latin_stems())
        self.document_count = len(question_docs) + len(body_docs)

    def _side_of(self, questions: list[list[str]]) -> list[int]:
        """Per opposed pair, the side these question documents are clearly about, else -1."""
        sides = []
        for pair in OPPOSED_ACTIONS:
            counts = [sum(1 for q in questions if concept in q) for concept in pair]
            side = -1
            for this, other in ((0, 1), (1, 0)):
                if (
                    counts[this] >= self.DIRECTION_MIN_DOCS
                    and counts[this] >= self.DIRECTION_DOMINANCE * counts[other]
                ):
                    side = this
            sides.append(side)
        return sides

    def direction_factors(self, concepts: Iterable[str]) -> FloatArray | None:
        """Per slug, DIRECTION_PENALTY where the article is about the opposite side of an
        action the question names (and only that side); None when nothing is penalised."""
        named = set(concepts)
        factors: FloatArray | None = None
        for pair, (first, second) in enumerate(OPPOSED_ACTIONS):
            if (first in named) == (second in named):
                continue
            opposite = 1 if first in named else 0
            if factors is None:
                factors = np.ones(len(self.slugs))
            factors[self._sides[pair] == opposite] *= self.DIRECTION_PENALTY
        return factors

    @classmethod
    def from_knowledge_base(
        cls, kb: KnowledgeBase, analyzer: Analyzer, synonyms: SynonymTable
    ) -> ArticleIndex:
        return cls(list(kb), analyzer, synonyms)

    @property
    def analyzer(self) -> Analyzer:
        return self._analyzer

    @property
    def synonyms(self) -> SynonymTable:
        return self._synonyms

    def analyze(self, text: str) -> Analysis:
        return self._analyzer.analyze(text, self.vocabulary)

    def query_terms(self, analysis: Analysis) -> dict[str, float]:
        weighted = dict.fromkeys(analysis.terms, 1.0)
        for bigram in analysis.bigram_terms:
            weighted[bigram] = self.BIGRAM_WEIGHT
        for concept in self._synonyms.concepts(analysis):
            weighted[concept] = self.INTENT_CONCEPT_WEIGHTS.get(concept, self.CONCEPT_WEIGHT)
        return weighted

    def slug_scores(self, weighted_terms: dict[str, float]) -> FloatArray:
        """One score per slug in `self.slugs` order."""
        best_question = self._questions.best_per_group(weighted_terms, self._question_slug)
        best_profile = self._profiles.best_per_group(weighted_terms, self._article_slug)
        best_body = self._bodies.best_per_group(weighted_terms, self._article_slug)
        result: FloatArray = (
            self.QUESTION_WEIGHT * best_question
            + self.PROFILE_WEIGHT * best_profile
            + self.BODY_WEIGHT * best_body
        )
        return result

    def rank(self, text: str, k: int = 3) -> Ranking:
        analysis = self.analyze(text)
        weighted = self.query_terms(analysis)
        scores = self.slug_scores(weighted)
        factors = self.direction_factors(weighted)
        if factors is not None:
            scores = scores * factors
        hits: list[Hit] = []
        if len(scores) and weighted:
            k = min(k, len(scores))
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top], kind="stable")]
            hits = [Hit(self.slugs[i], float(scores[i])) for i in top if scores[i] > 0.0]
        return Ranking(lang=analysis.lang, hits=tuple(hits))
