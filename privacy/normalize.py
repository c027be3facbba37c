"""Text normalisation with a map back to the original string.

Recognizers run on the normalised text; every reported span is mapped back so that offsets are
Python indices into the text the user actually posted.

What normalisation does:
- NFKC: full-width digits, letters and punctuation become ASCII (``１２３４５６`` -> ``123456``,
  ``：`` -> ``:``), compatibility forms are unfolded (``①`` -> ``1``).
- Invisible characters used to dodge filters are dropped: zero-width space/non-joiner/joiner,
  word joiner, BOM, soft hyphen, and the bidirectional marks and isolates (U+200E/U+200F,
  U+061C, U+202A-U+202E, U+2066-U+2069) that can sit inside a word without showing.
- Decimal digits of any script become ASCII digits (Arabic-Indic ``٤١١١``, Devanagari ``४१११``):
  NFKC leaves them alone, and a card number typed in them is the same card number.
- Cyrillic and Greek letters that look like Latin ones are read as Latin inside a word that
  also holds Latin letters ("сode", "abаndon"): one mixed-script word is an evasion,
  a whole Russian or Greek word is left alone.

What it deliberately does not do: remove spaces or dashes inside secrets. Gluing digit groups
would merge unrelated numbers ("2 BTC 1500 USDT"). Instead the recognizers accept secrets split
into groups by single spaces or dashes (``6222 0212 3456 7890 123``, ``123 456``, a 64-hex key
in groups of 4 or 8) and strip the separators before validating.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

import regex

# Invisible characters that carry no meaning in chat text but split tokens for a regex.
INVISIBLE_CHARACTERS = frozenset(
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u180e"  # Mongolian vowel separator (formerly a space)
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\ufeff"  # zero-width no-break space (BOM)
    "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
)

# Cyrillic and Greek letters drawn like a Latin letter (Unicode confusables, the letters
# that pass for Latin in common fonts).
CONFUSABLE_LETTERS: dict[str, str] = dict(
    zip(
        # Cyrillic lower, Cyrillic upper, Greek lower, Greek upper
        "аеорсухіјѕԁһӏԛԝкАВЕКМНОРСТХУІЈЅαονρικυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdhlqwkABEKMHOPCTXYIJSaovpikuxABEZHIKMNOPTYX",
        strict=True,
    )
)


_INVISIBLE_BETWEEN_LETTERS = re.compile(
    rf"(?<=[^\W\d_])[{''.join(sorted(INVISIBLE_CHARACTERS))}]+(?=[^\W\d_])"
)


_CONFUSABLE = "".join(sorted(CONFUSABLE_LETTERS))
# A word (letters only) holding both a Latin letter and a look-alike.
_MIXED_SCRIPT_WORD = regex.compile(rf"(?=[^\W\d_]*[A-Za-z])(?=[^\W\d_]*[{_CONFUSABLE}])[^\W\d_]+")
# Something ``normalize`` changes beyond NFKC: invisible characters, non-ASCII digits, look-alikes.
_NEEDS_WORK = regex.compile(rf"[{''.join(sorted(INVISIBLE_CHARACTERS))}{_CONFUSABLE}]|(?![0-9])\d")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The normalised text and, per normalised character, the original span it came from."""

    original: str
    text: str
    # starts[i], ends[i]: the original span of normalised character i. Empty when identity.
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @property
    def is_identity(self) -> bool:
        """True when normalisation changed nothing, so offsets need no mapping."""
        return not self.starts and self.text == self.original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the matching span of the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of {len(self.text)}")
        if self.is_identity:
            return start, end
        if start == end:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]


def to_normalized(normalized: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The span of ``normalized.text`` made from the original span ``start:end``."""
    if normalized.is_identity:
        return start, end
    first = bisect.bisect_left(normalized.starts, start)
    last = bisect.bisect_right(normalized.ends, end)
    return first, max(first, last)


def has_invisible_between_letters(text: str) -> bool:
    """True if invisible characters stand between two letters ("abandon\u200bability")."""
    if text.isascii() or INVISIBLE_CHARACTERS.isdisjoint(text):
        return False
    return _INVISIBLE_BETWEEN_LETTERS.search(text) is not None


def normalize(text: str, invisible_as_space: bool = False) -> NormalizedText:
    """Return ``text`` NFKC-normalised without invisible characters, with its offset map.

    With ``invisible_as_space``, an invisible character between two letters becomes a space
    instead: words joined only by zero-width spaces are words again (the seed phrase check
    tries this reading too).
    """
    if text.isascii() or (
        _NEEDS_WORK.search(text) is None and unicodedata.is_normalized("NFKC", text)
    ):
        return NormalizedText(original=text, text=text)
    latin_at = {
        i
        for word in _MIXED_SCRIPT_WORD.finditer(text)
        for i in range(word.start(), word.end())
        if text[i] in CONFUSABLE_LETTERS
    }
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char in INVISIBLE_CHARACTERS:
            if invisible_as_space and 0 < i < n - 1 and text[i - 1].isalpha():
                j = i + 1
                while j < n and text[j] in INVISIBLE_CHARACTERS:
                    j += 1
                if j < n and text[j].isalpha():
                    pieces.append(" ")
                    starts.append(i)
                    ends.append(j)
                    i = j
                    continue
            i += 1
            continue
        # A base character and the combining marks after it normalise together (e + ◌́ -> é).
        j = i + 1
        while j < n and unicodedata.combining(text[j]) and text[j] not in INVISIBLE_CHARACTERS:
            j += 1
        cluster = text[i:j]
        if i in latin_at and j == i + 1:
            folded = CONFUSABLE_LETTERS[char]
        elif cluster.isascii():
            folded = cluster
        else:
            folded = unicodedata.normalize("NFKC", cluster)
            digit = unicodedata.decimal(folded, None) if len(folded) == 1 else None
            if digit is not None:
                folded = str(digit)
        for out in folded:
            pieces.append(out)
            starts.append(i)
            ends.append(j)
        i = j
    return NormalizedText(
        original=text, text="".join(pieces), starts=tuple(starts), ends=tuple(ends)
    )


__all__ = [
    "CONFUSABLE_LETTERS",
    "INVISIBLE_CHARACTERS",
    "NormalizedText",
    "has_invisible_between_letters",
    "normalize",
    "to_normalized",
]
