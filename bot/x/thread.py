"""Split a long announcement into a thread of tweets, measured the way X measures them.

X limits a tweet by its *weighted* length (280): most CJK characters and emoji count 2, every
URL counts 23, line endings and Unicode normalisation matter. `twitter_text.parse_tweet` is
the conformance-tested port of X's own counter, so every measurement goes through it.

Cuts prefer the largest unit that fits, in this order: sentences ('. ', '! ', '? ' and
'。！？'), clauses (', ' '; ' ': ' and '，、；：'), words (whitespace), characters (not inside
a grapheme such as an emoji sequence or a letter with its accents). Parts are the original
text cut at those points with the surrounding whitespace stripped, so joining the parts gives
back the text modulo whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from twitter_text import parse_tweet
from twitter_text.has_invalid_characters import has_invalid_characters

__all__ = ["TWEET_MAX_WEIGHT", "ThreadError", "fits_in_tweet", "split_thread", "weighted_length"]

TWEET_MAX_WEIGHT = 280

# A cut goes right after the match; the whitespace that follows starts the next piece.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|[。！？]+[」』”’）]*|\n")
_CLAUSE_END = re.compile(r"[,;:](?=\s)|[，、；：]")
_WORD_END = re.compile(r"\S(?=\s)")


class ThreadError(ValueError):
    """The text cannot be posted at all (it is empty or holds characters X rejects)."""


def weighted_length(text: str) -> int:
    """X's weighted length of `text` (what the 280 limit applies to)."""
    return int(parse_tweet(text).weightedLength)


def fits_in_tweet(text: str) -> bool:
    """True when `text` is a valid tweet: non-empty, within 280 weighted, no invalid characters."""
    return bool(parse_tweet(text).valid)


def split_thread(text: str) -> list[str]:
    """Cut `text` into tweets that each fit, preferring sentence boundaries."""
    if not text.strip():
        raise ThreadError("an empty announcement cannot be posted")
    if has_invalid_characters(text):
        raise ThreadError("the text holds characters X does not accept")
    parts = _pack(text, 0)
    return [part.strip() for part in parts if part.strip()]


def _cut_after(pattern: re.Pattern[str]) -> Callable[[str], list[str]]:
    def cut(text: str) -> list[str]:
        pieces: list[str] = []
        start = 0
        for match in pattern.finditer(text):
            if match.end() > start:
                pieces.append(text[start : match.end()])
                start = match.end()
        if start < len(text):
            pieces.append(text[start:])
        return pieces

    return cut


def _graphemes(text: str) -> list[str]:
    """Approximate extended grapheme clusters: enough not to break accents or emoji apart."""
    clusters: list[str] = []
    for char in text:
        if clusters and _extends(clusters[-1], char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _extends(cluster: str, char: str) -> bool:
    code = ord(char)
    if unicodedata.combining(char) or cluster.endswith("\u200d") or code == 0x200D:
        return True
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return True  # variation selectors, skin tones, tag sequences (flags of regions)
    if code == 0x20E3:  # keycap
        return True
    regional = 0x1F1E6 <= code <= 0x1F1FF
    last = cluster[-1]
    # Regional indicators pair up into one flag.
    return regional and 0x1F1E6 <= ord(last) <= 0x1F1FF and len(cluster) % 2 == 1


_LEVELS: tuple[Callable[[str], list[str]], ...] = (
    _cut_after(_SENTENCE_END),
    _cut_after(_CLAUSE_END),
    _cut_after(_WORD_END),
    _graphemes,
    list,  # a grapheme too heavy for a tweet (hundreds of combining marks): code points
)


def _fits(candidate: str) -> bool:
    stripped = candidate.strip()
    return not stripped or fits_in_tweet(stripped)


def _pack(text: str, level: int) -> list[str]:
    """Greedily fill tweets with the pieces of `level`, cutting oversized pieces finer."""
    pieces = _LEVELS[level](text)
    parts: list[str] = []
    current = ""
    index = 0
    while index < len(pieces):
        taken = _longest_fitting_run(current, pieces, index)
        if taken:
            current += "".join(pieces[index : index + taken])
            index += taken
            continue
        if current.strip():
            parts.append(current)
            current = ""
            continue
        # Even alone the piece is too long: cut it at the next finer level.
        finer = _pack(pieces[index], level + 1)
        parts.extend(finer[:-1])
        current = finer[-1] if finer else ""
        index += 1
    if current.strip():
        parts.append(current)
    return parts


def _longest_fitting_run(current: str, pieces: list[str], start: int) -> int:
    """How many pieces from `start` fit after `current` (galloping, then binary search).

    Each measurement costs a `parse_tweet` call, so the search probes O(log n) candidates
    rather than one per piece. Adding a whole piece never shortens a tweet's weight, so the
    search finds the longest run; the result is measured, so it always fits.
    """

    def fits(count: int) -> bool:
        return _fits(current + "".join(pieces[start : start + count]))

    available = len(pieces) - start
    if available == 0 or not fits(1):
        return 0
    low, step = 1, 1  # `low` pieces are known to fit
    while low < available:
        probe = min(available, low + step)
        if not fits(probe):
            high = probe  # known not to fit
            break
        low, step = probe, step * 2
    else:
        return low
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low
