"""Context words: matching them around a finding, and the engine's context enhancer.

Presidio's ``LemmaContextAwareEnhancer`` matches context words by substring against single
lemmas, so multi-word context ("private key") never matches and 2-letter words match inside
unrelated words ("id" in "paid"). It also scans a Python list per token, which is quadratic
on long messages. ``TokenWindowContextEnhancer`` keeps Presidio's contract (same factor and
floor, same metadata and explanation updates) with these matching rules:

- ASCII context words match whole alphanumeric parts of the window ("uid" matches the token
  "uid:4829", "api key" matches "api_key" or "API key"),
- Chinese context words match as substrings of the joined window (jieba may glue
  谷歌验证码 or split 验证+码: both still contain 验证码).

The window is the ``prefix`` meaningful tokens before the finding, the finding's own tokens
(context glued to the value: "验证码482913"), and ``suffix`` meaningful tokens after it.
Context after the value boosts slightly less (0.30 instead of 0.35), so that in
"UID 12345678 验证码 482913" the number nearest its own context word wins.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import lru_cache

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

_ASCII_PART = regex.compile(r"[a-z0-9]+")
_LETTERS_OR_DIGITS = regex.compile(r"[a-z]+|[0-9]+")


@lru_cache(maxsize=8192)
def _parts(token: str) -> str:
    """ASCII words of a token, space-joined; a word mixing letters and digits also yields
    its pieces, so "uid1931578884" offers "uid" and "2fa" stays "2fa"."""
    parts: list[str] = []
    for part in _ASCII_PART.findall(token):
        parts.append(part)
        if not (part.isalpha() or part.isdigit()):
            parts.extend(_LETTERS_OR_DIGITS.findall(part))
    return " ".join(parts)


# Meaningful tokens are looked for at most this far away, so a run of punctuation or stop
# words cannot make one finding cost O(tokens).
_MAX_SCAN = 32


class ContextMatcher:
    """Finds which of a fixed list of context words occurs in a window of tokens."""

    def __init__(self, words: Iterable[str]) -> None:
        ascii_words: list[str] = []
        cjk_words: list[str] = []
        for word in words:
            lowered = word.lower().strip()
            if not lowered:
                continue
            if lowered.isascii():
                ascii_words.append(" ".join(_ASCII_PART.findall(lowered)))
            else:
                cjk_words.append(lowered)
        self._ascii = tuple(w for w in ascii_words if w)
        self._cjk = tuple(cjk_words)

    def find(self, tokens: Sequence[str]) -> str:
        """Return the first context word present in ``tokens`` (lowercased), or ""."""
        if not tokens:
            return ""
        if self._ascii:
            parts = " " + " ".join(filter(None, map(_parts, tokens))) + " "
            for word in self._ascii:
                if f" {word} " in parts:
                    return word
        if self._cjk:
            joined = "".join(tokens)
            for word in self._cjk:
                if word in joined:
                    return word
        return ""

    def occurrences(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """Every context word in ``tokens`` as (first token, last token, word), sorted."""
        return self.occurrences_in(JoinedTokens(tokens))

    def occurrences_in(self, joined: JoinedTokens) -> list[tuple[int, int, str]]:
        """``occurrences`` over tokens joined once (shared by every matcher of a message)."""
        found: list[tuple[int, int, str]] = []
        if self._ascii:
            text, starts = joined.ascii()
            for word in self._ascii:
                needle = f" {word} "
                at = text.find(needle)
                while at >= 0:
                    first = bisect.bisect_right(starts, at + 1) - 1
                    last = bisect.bisect_right(starts, at + len(word)) - 1
                    found.append((first, last, word))
                    at = text.find(needle, at + 1)
        if self._cjk:
            text, offsets = joined.cjk()
            for word in self._cjk:
                at = text.find(word)
                while at >= 0:
                    first = bisect.bisect_right(offsets, at) - 1
                    last = bisect.bisect_right(offsets, at + len(word) - 1) - 1
                    found.append((first, last, word))
                    at = text.find(word, at + 1)
        found.sort()
        return found


class JoinedTokens:
    """Tokens joined for substring search, built on first use: ASCII parts space-separated
    (with each token's start offset) and the raw tokens concatenated (with offsets)."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self._tokens = tokens
        self._ascii: tuple[str, list[int]] | None = None
        self._cjk: tuple[str, list[int]] | None = None

    def ascii(self) -> tuple[str, list[int]]:
        """ " part part ... " and, per token, the offset where its parts start."""
        if self._ascii is None:
            starts: list[int] = []
            pieces: list[str] = []
            position = 1
            for token in self._tokens:
                starts.append(position)
                parts = _parts(token)
                if parts:
                    pieces.append(parts)
                    position += len(parts) + 1
            self._ascii = (" " + " ".join(pieces) + " ", starts)
        return self._ascii

    def cjk(self) -> tuple[str, list[int]]:
        """The tokens concatenated and, per token, its offset."""
        if self._cjk is None:
            offsets: list[int] = []
            position = 0
            for token in self._tokens:
                offsets.append(position)
                position += len(token)
            self._cjk = ("".join(self._tokens), offsets)
        return self._cjk


class WindowIndex:
    """Per-message token facts for context windows, computed in one pass over the Doc."""

    def __init__(self, nlp_artifacts: NlpArtifacts) -> None:
        self.starts: list[int] = list(nlp_artifacts.tokens_indices)
        self.ends: list[int] = []
        self.lemmas: list[str] = []
        self.meaningful: list[int] = []  # indexes of tokens that are not space/punct/stop
        self._occurrences: dict[int, tuple[list[int], list[tuple[int, int, str]]]] = {}
        self._joined: JoinedTokens | None = None
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
        self, matcher: ContextMatcher, start: int, end: int, prefix: int, suffix: int
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
        self, matcher: ContextMatcher, start: int, end: int, limit: int
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

    def _found(self, matcher: ContextMatcher) -> tuple[list[int], list[tuple[int, int, str]]]:
        cached = self._occurrences.get(id(matcher))
        if cached is None:
            if self._joined is None:
                self._joined = JoinedTokens([self.lemmas[i] for i in self.meaningful])
            found = matcher.occurrences_in(self._joined)
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
        self._matchers: dict[str, ContextMatcher] = {}

    def matcher_for(self, recognizer: EntityRecognizer) -> ContextMatcher:
        """Return the (cached) matcher for a recognizer's context words."""
        matcher = self._matchers.get(recognizer.id)
        if matcher is None:
            matcher = ContextMatcher(recognizer.context or ())
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
    "ContextMatcher",
    "JoinedTokens",
    "TokenWindowContextEnhancer",
    "WindowIndex",
    "split_window",
    "window_tokens",
]
