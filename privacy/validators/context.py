"""Context-word search around a match, safe for Chinese text (no reliance on ``\\b``)."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re
from presidio_analyzer import RecognizerResult

__all__ = ["ContextWords"]


class ContextWords:
    """Finds any of a set of words shortly before or after a span of text.

    ASCII words must stand alone among Latin letters ("tx" is not found in "context");
    Chinese words are matched as substrings, since Chinese has no spaces between words.
    """

    def __init__(self, words: Iterable[str], before: int = 40, after: int = 24) -> None:
        alternatives = sorted({word.lower() for word in words}, key=len, reverse=True)
        if not alternatives:
            raise ValueError("ContextWords needs at least one word")
        parts = [
            rf"(?<![a-z]){re.escape(word)}(?![a-z])" if word.isascii() else re.escape(word)
            for word in alternatives
        ]
        self._pattern = re.compile("|".join(parts), re.IGNORECASE)
        self.before = before
        self.after = after

    def near(self, text: str, start: int, end: int) -> bool:
        """True if a context word occurs within the window around ``text[start:end]``."""
        head = text[max(0, start - self.before) : start]
        tail = text[end : end + self.after]
        return bool(self._pattern.search(head) or self._pattern.search(tail))

    def boost(self, text: str, results: list[RecognizerResult], score: float) -> None:
        """Raise to ``score`` every result with a context word nearby, and mark it as boosted.

        The mark stops Presidio's lemma enhancer from boosting the same result a second time.
        """
        for result in results:
            if result.score < score and self.near(text, result.start, result.end):
                result.score = score
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = (
                    True
                )
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_improved_score(score)
