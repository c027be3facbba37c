"""Confusable skeletons of names: what a name looks like, not how it is spelled.

The Unicode TR39 skeleton comes from `disarm` (its wheel carries the UTS #39 tables compiled
in, no download): bidi controls, zero-width and other invisible characters go, fullwidth and
mathematical letters fold (NFKC), Cyrillic/Greek/Cherokee look-alikes fold to Latin, case
folds, and with the "tr39" digit policy I, l and 1 become one letter and O and 0 another. On
top of it this module folds what the table leaves out on purpose but a name comparison wants:
combining marks ("Pául"), two-letter look-alikes (rn/m), traditional Chinese to simplified
(OpenCC) and a small table of Han/kana look-alikes (content/impersonation/).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import disarm
from opencc import OpenCC

from content import IMPERSONATION_DIR

__all__ = ["Folding", "has_disguise", "squash", "visual_order"]

# A bar or slash standing alone between words is a separator ("Paul | Acme"), not the
# letter l it would otherwise fold to; inside a word ("Pau|") it is a disguise.
_LONE_BAR = re.compile(r"(?:(?<=\s)|^)[|｜¦/\\︱丨]+(?=\s|$)")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Co", "Cs", "Cn"})
_FILLERS = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"})


def _read_table(path: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell for cell in line.split("\t") if cell])
    return rows


@dataclass(frozen=True)
class Folding:
    """The extra folds on top of the TR39 skeleton, read from content/impersonation/."""

    han: dict[str, str]
    sequences: tuple[tuple[str, str], ...]

    @classmethod
    def load(cls, directory: Path = IMPERSONATION_DIR) -> Folding:
        han: dict[str, str] = {}
        for row in _read_table(directory / "han_lookalikes.tsv"):
            for other in row[1:]:
                han[other] = row[0]
        sequences = tuple(
            (row[0], row[1]) for row in _read_table(directory / "ascii_lookalikes.tsv")
        )
        return cls(han, sequences)

    def skeleton(self, text: str) -> str:
        """Lower-case skeleton with whitespace collapsed; '' for a name of invisibles only."""
        return _skeleton(self, text)

    def key(self, text: str) -> str:
        """The skeleton without spaces, punctuation or emoji: "Paul | H.i.t" -> "paullhit"
        is avoided (a lone bar is a separator), "P a u l" -> "paul"."""
        return squash(self.skeleton(text))


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def _skeleton(folding: Folding, text: str) -> str:
    if not text:
        return ""
    text = _LONE_BAR.sub(" ", unicodedata.normalize("NFKC", text))
    # Fillers read as a space; format characters (zero-width, bidi, tags) as nothing.
    text = "".join(
        " " if ch in _FILLERS else ch
        for ch in text
        if unicodedata.category(ch) != "Cf" or ch in _FILLERS
    )
    folded = disarm.skeleton_key(text, digit_policy="tr39")
    # Combining marks left by the skeleton: an accent or a strike-through over a letter
    # still reads as the letter.
    decomposed = unicodedata.normalize("NFD", folded)
    folded = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Me"))
    folded = unicodedata.normalize("NFC", folded)
    if any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in folded):
        folded = _t2s().convert(folded)
    folded = "".join(folding.han.get(ch, ch) for ch in folded)
    for written, read_as in folding.sequences:
        folded = folded.replace(written, read_as)
    return " ".join(folded.split())


_RLO, _PDF = "\u202e", "\u202c"


def visual_order(text: str) -> str:
    """The letters in the order they are shown: a right-to-left override (U+202E) up to
    its pop (U+202C) or the end displays its Latin letters backwards."""
    out: list[str] = []
    rest = text
    while _RLO in rest:
        before, _, after = rest.partition(_RLO)
        inside, _, rest = after.partition(_PDF)
        out.append(before)
        out.append(inside[::-1])
    out.append(rest)
    return "".join(out)


def squash(skeleton: str) -> str:
    """Letters and digits only."""
    return _NOT_WORD.sub("", skeleton)


def has_disguise(text: str) -> bool:
    """Whether a name carries what people do not type by accident: invisible, bidi or
    private-use characters, fillers, or letters of two scripts inside one word."""
    if any(ch in _FILLERS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in text):
        return True
    return any(disarm.is_mixed_script(word) for word in text.split())
