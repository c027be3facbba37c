"""Context words: the one way Beacon finds them, and the engine's context enhancer.

``ContextWords`` is the only context-word matcher. The fast path asks it whether a word occurs
anywhere in the message (``search``); recognizers ask whether one is within some characters of
a value (``near``) or some meaningful tokens of it (``WindowIndex`` over ``occurrences``).
Every answer comes from the same compiled pattern over the same normalised text, so a word
the full scan sees is a word the fast path sees, in whatever spacing it was written.

How a word matches:

- ASCII words match case-insensitively, not inside a longer word ("tx" is not in "context",
  "id" not in "paid"), but next to digits ("uid1931578884"). The words of a phrase may be
  joined by up to three spaces, dashes, underscores or dots, or written together ("api key",
  "api_key", "API-Key", "apikey").
- Chinese words match across what people put between the characters: spaces, punctuation,
  and the filler characters 的/之/地/得/了/个 ("验证 码", "验证的码", "谷歌 验证"); an ASCII
  part may stand apart from the Chinese one ("ga 码", "用户 ID").

Presidio's ``LemmaContextAwareEnhancer`` matches words by substring against single lemmas
(no phrases; "id" inside "paid") and is quadratic on long messages;
``TokenWindowContextEnhancer`` keeps its contract (factor, floor, metadata, explanation) with
these rules. The window is the ``prefix`` meaningful tokens before the finding, the finding's
own tokens (context glued to the value: "验证码482913"), and ``suffix`` meaningful tokens after
it. Context after the value boosts slightly less (0.30 instead of 0.35), so that in
"UID 12345678 验证码 482913" the number nearest its own context word wins.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

# Pieces of a context word: ASCII letter/digit runs, and single other characters.
_WORD_PIECES = regex.compile(r"[a-z0-9]+|[^\sa-z0-9]")
# Between two ASCII parts of a phrase.
_ASCII_GAP = r"[\W_]{0,3}"
# Between characters of a Chinese word, or a Chinese and an ASCII part.
_CJK_GAP = r"(?:[\s\p{P}\p{S}]|[的之地得了个]){0,2}"

# Meaningful tokens are looked for at most this far away, so a run of punctuation or stop
# words cannot make one finding cost O(tokens).
_MAX_SCAN = 32


def _word_pattern(word: str) -> str:
    pieces = _WORD_PIECES.findall(word)
    body: list[str] = []
    for i, piece in enumerate(pieces):
        if i:
            both_ascii = pieces[i - 1].isascii() and piece.isascii()
            body.append(_ASCII_GAP if both_ascii else _CJK_GAP)
        body.append(regex.escape(piece))
    first, last = pieces[0][0], pieces[-1][-1]
    before = r"(?<![a-z])" if first.isalpha() and first.isascii() else ""
    before = r"(?<![0-9])" if first.isdigit() else before
    after = r"(?![a-z])" if last.isalpha() and last.isascii() else ""
    after = r"(?![0-9])" if last.isdigit() else after
    return before + "".join(body) + after


class ContextWords:
    """Finds any of a fixed list of context words: anywhere, near a span, or as occurrences.

    ``before``/``after`` are the character window of ``near`` (and ``boost``).
    """

    def __init__(self, words: Iterable[str], before: int = 40, after: int = 24) -> None:
        unique = sorted({w.lower().strip() for w in words if w and w.strip()}, key=len)
        self.words: tuple[str, ...] = tuple(reversed(unique))  # longest first
        if not self.words:
            raise ValueError("ContextWords needs at least one word")
        alternatives = "|".join(
            f"(?P<w{i}>{_word_pattern(word)})" for i, word in enumerate(self.words)
        )
        self.pattern = regex.compile(alternatives, regex.IGNORECASE)
        self.before = before
        self.after = after

    def _word(self, match: regex.Match[str]) -> str:
        return self.words[int((match.lastgroup or "w0")[1:])]

    def search(self, text: str) -> str:
        """The first context word anywhere in ``text`` (lowercased), or ""."""
        match = self.pattern.search(text)
        return self._word(match) if match is not None else ""

    def find(self, tokens: Sequence[str]) -> str:
        """The first context word in ``tokens`` read as one text, or ""."""
        return self.search(" ".join(tokens)) if tokens else ""

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        """Every context word in ``text`` as (start, end, word), in text order."""
        return [(m.start(), m.end(), self._word(m)) for m in self.pattern.finditer(text)]

    def near(self, text: str, start: int, end: int) -> bool:
        """True if a context word occurs within the window around ``text[start:end]``."""
        head_start = max(0, start - self.before)
        return (
            self.pattern.search(text, head_start, start) is not None
            or self.pattern.search(text, end, end + self.after) is not None
        )

    def boost(self, text: str, results: list[RecognizerResult], score: float) -> None:
        """Raise to ``score`` every result with a context word nearby, and mark it as boosted.

        The mark stops the engine's context enhancer from boosting the same result again.
        """
        for result in results:
            if result.score < score and self.near(text, result.start, result.end):
                result.score = score
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = (
                    True
                )
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_improved_score(score)


class WindowIndex:
    """Per-message token facts for context windows, computed in one pass over the Doc."""

    def __init__(self, nlp_artifacts: NlpArtifacts) -> None:
        self.starts: list[int] = list(nlp_artifacts.tokens_indices)
        self.ends: list[int] = []
        self.lemmas: list[str] = []
        self.meaningful: list[int] = []  # indexes of tokens that are not space/punct/stop
        self._occurrences: dict[int, tuple[list[int], list[tuple[int, int, str]]]] = {}
        self.text: str = getattr(nlp_artifacts.tokens, "text", "")
        ends = getattr(nlp_artifacts, "token_ends", None)
        meaningful = getattr(nlp_artifacts, "meaningful", None)
        if ends is not None and meaningful is not None:
            # Precomputed by OfflineNlpEngine (lemmas are lowercase text there).
            self.ends = ends
            self.meaningful = meaningful
            self.lemmas = nlp_artifacts.lemmas
            return
        for i, token in enumerate(nlp_artifacts.tokens):
            lemma = nlp_artifacts.lemmas[i] if i < len(nlp_artifacts.lemmas) else ""
            self.lemmas.append(lemma or token.lower_)
            self.ends.append(token.idx + len(token))
            if not (token.is_space or token.is_punct or token.is_stop):
                self.meaningful.append(i)

    def _token_range(self, start: int, end: int) -> tuple[int, int]:
        starts = self.starts
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        if self.ends[first] <= start and first + 1 < len(starts):
            first += 1
        return first, max(bisect.bisect_left(starts, end) - 1, first)

    def find_near(
        self, matcher: ContextWords, start: int, end: int, prefix: int, suffix: int
    ) -> tuple[str, bool]:
        """Find a context word near ``[start, end)`` without rebuilding the window.

        Returns (word, before): ``before`` is True when the word lies in the prefix window
        (with the finding's own tokens), False when only in the suffix window.
        Same windows as ``split``, answered by bisecting the message's context-word
        occurrences, so a message with hundreds of candidates stays linear.
        """
        firsts, found = self._found(matcher)
        if not found:
            return "", False
        first, last = self._token_range(start, end)
        meaningful = self.meaningful
        own_start = bisect.bisect_left(meaningful, first)
        own_end = bisect.bisect_right(meaningful, last)
        before = max(own_start - prefix, bisect.bisect_left(meaningful, first - _MAX_SCAN))
        after = min(own_end + suffix, bisect.bisect_right(meaningful, last + _MAX_SCAN))
        for low, high, is_before in ((before, own_end, True), (own_start, after, False)):
            i = bisect.bisect_left(firsts, low)
            while i < len(found) and found[i][0] < high:
                if found[i][1] < high:
                    return found[i][2], is_before
                i += 1
        return "", False

    def distance_before(
        self, matcher: ContextWords, start: int, end: int, limit: int
    ) -> int | None:
        """How many meaningful tokens before ``[start, end)`` the nearest context word ends.

        0 when the word is inside the finding's own tokens ("uid48291034"), 1 when it is the
        meaningful token right before it; None when there is none within ``limit`` tokens.
        """
        firsts, found = self._found(matcher)
        if not found:
            return None
        first, last = self._token_range(start, end)
        meaningful = self.meaningful
        own_start = bisect.bisect_left(meaningful, first)
        own_end = bisect.bisect_right(meaningful, last)
        i = bisect.bisect_left(firsts, own_start - limit)
        best: int | None = None
        while i < len(found) and found[i][0] < own_end:
            word_last = found[i][1]
            distance = 0 if word_last >= own_start else own_start - word_last
            if distance <= limit and (best is None or distance < best):
                best = distance
            i += 1
        return best

    def _found(self, matcher: ContextWords) -> tuple[list[int], list[tuple[int, int, str]]]:
        """The matcher's occurrences in the text, as (first, last) meaningful positions."""
        cached = self._occurrences.get(id(matcher))
        if cached is None:
            found: list[tuple[int, int, str]] = []
            meaningful = self.meaningful
            if self.starts:
                for start, end, word in matcher.occurrences(self.text):
                    first, last = self._token_range(start, end)
                    low = bisect.bisect_left(meaningful, first)
                    high = bisect.bisect_right(meaningful, last) - 1
                    found.append((low, max(low, high), word))
            found.sort()
            cached = ([first for first, _, _ in found], found)
            self._occurrences[id(matcher)] = cached
        return cached

    @classmethod
    def of(cls, nlp_artifacts: NlpArtifacts) -> WindowIndex:
        """The index of these artifacts, built on first use and kept on them."""
        index = getattr(nlp_artifacts, "_beacon_window_index", None)
        if not isinstance(index, WindowIndex):
            index = cls(nlp_artifacts)
            nlp_artifacts._beacon_window_index = index  # type: ignore[attr-defined]
        return index

    def split(
        self, start: int, end: int, prefix: int, suffix: int
    ) -> tuple[list[str], list[str], list[str]]:
        """Tokens before, of, and after ``[start, end)`` (see ``split_window``)."""
        first, last = self._token_range(start, end)
        lemmas, meaningful = self.lemmas, self.meaningful
        lo = bisect.bisect_left(meaningful, max(first - _MAX_SCAN, 0))
        hi = bisect.bisect_left(meaningful, first)
        before = [lemmas[i] for i in meaningful[max(lo, hi - prefix) : hi]]
        lo = bisect.bisect_right(meaningful, last)
        hi = bisect.bisect_right(meaningful, last + _MAX_SCAN)
        after = [lemmas[i] for i in meaningful[lo : min(hi, lo + suffix)]]
        return before, lemmas[first : last + 1], after


def split_window(
    nlp_artifacts: NlpArtifacts | None, start: int, end: int, prefix: int, suffix: int
) -> tuple[list[str], list[str], list[str]]:
    """Return the lowercased tokens before, of, and after ``text[start:end]``, in text order.

    Before and after hold at most ``prefix`` / ``suffix`` meaningful tokens (no spaces,
    punctuation or stop words), looked for at most 32 tokens away.
    """
    if nlp_artifacts is None or not nlp_artifacts.tokens_indices:
        return [], [], []
    return WindowIndex.of(nlp_artifacts).split(start, end, prefix, suffix)


def window_tokens(
    nlp_artifacts: NlpArtifacts | None, start: int, end: int, prefix: int, suffix: int
) -> list[str]:
    """The whole window around ``text[start:end]`` as one list, in text order."""
    before, own, after = split_window(nlp_artifacts, start, end, prefix, suffix)
    return before + own + after


class TokenWindowContextEnhancer(ContextAwareEnhancer):
    """Raise a result's score when its recognizer's context words appear near it."""

    def __init__(
        self,
        context_similarity_factor: float = 0.35,
        min_score_with_context_similarity: float = 0.4,
        context_prefix_count: int = 6,
        context_suffix_count: int = 3,
        suffix_similarity_factor: float = 0.3,
    ) -> None:
        super().__init__(
            context_similarity_factor=context_similarity_factor,
            min_score_with_context_similarity=min_score_with_context_similarity,
            context_prefix_count=context_prefix_count,
            context_suffix_count=context_suffix_count,
        )
        self.suffix_similarity_factor = suffix_similarity_factor
        self._matchers: dict[str, ContextWords] = {}

    def matcher_for(self, recognizer: EntityRecognizer) -> ContextWords:
        """Return the (cached) matcher for a recognizer's context words."""
        matcher = self._matchers.get(recognizer.id)
        if matcher is None:
            matcher = ContextWords(recognizer.context or ())
            self._matchers[recognizer.id] = matcher
        return matcher

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Boost results in place (the analyzer does not reuse the raw list) and return them."""
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        extra = [word.lower() for word in context or ()]
        for result in raw_results:
            metadata = result.recognition_metadata or {}
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, ""))
            if recognizer is None or not recognizer.context:
                continue
            matcher = self.matcher_for(recognizer)
            word = matcher.find(extra) if extra else ""
            is_before = True
            if not word and nlp_artifacts is not None and nlp_artifacts.tokens_indices:
                word, is_before = WindowIndex.of(nlp_artifacts).find_near(
                    matcher,
                    result.start,
                    result.end,
                    self.context_prefix_count,
                    self.context_suffix_count,
                )
            if not word:
                continue
            # Context after the value ("471914 is my google auth code") is a little weaker,
            # so a value with context on its own side wins a tie.
            factor = self.context_similarity_factor if is_before else self.suffix_similarity_factor
            result.score = min(
                max(result.score + factor, self.min_score_with_context_similarity),
                ContextAwareEnhancer.MAX_SCORE,
            )
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(word)
                result.analysis_explanation.set_improved_score(result.score)
        return raw_results


__all__ = [
    "ContextWords",
    "TokenWindowContextEnhancer",
    "WindowIndex",
    "split_window",
    "window_tokens",
]
