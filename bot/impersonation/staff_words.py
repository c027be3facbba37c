"""Words that claim an official role ("support", "admin", "客服"), read from
content/impersonation/staff_words.yaml and compared on skeletons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.impersonation.skeleton import Folding
from content import IMPERSONATION_DIR

__all__ = ["StaffWords", "split_identifier"]

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+", re.UNICODE)


def _is_han(word: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in word)


def split_identifier(text: str) -> list[str]:
    """ "PaulHitBTC_support2" -> ["Paul", "Hit", "BTC", "support", "2"]; other names split
    on spaces and punctuation the same way."""
    return _CAMEL.findall(text)


@dataclass(frozen=True)
class StaffWords:
    role: tuple[tuple[str, ...], ...]  # each a word sequence, as skeletons
    affix: frozenset[str]
    generic: frozenset[str]
    role_han: tuple[str, ...]
    affix_han: tuple[str, ...]
    shown: dict[str, str]  # skeleton -> the word as the list writes it, for the evidence

    @classmethod
    def load(cls, folding: Folding, path: Path | None = None) -> StaffWords:
        data = yaml.safe_load((path or IMPERSONATION_DIR / "staff_words.yaml").read_text("utf-8"))

        shown: dict[str, str] = {}

        def skeletons(key: str) -> list[str]:
            words = [str(word) for word in data.get(key) or ()]
            for word in words:
                shown.setdefault(folding.skeleton(word), word)
            return [folding.skeleton(word) for word in words]

        role = skeletons("role")
        affix = skeletons("affix")
        return cls(
            role=tuple(tuple(w.split()) for w in role if not _is_han(w)),
            affix=frozenset(w for w in affix if not _is_han(w)),
            generic=frozenset(skeletons("generic")),
            role_han=tuple(w for w in role if _is_han(w)),
            affix_han=tuple(w for w in affix if _is_han(w)),
            shown=shown,
        )

    def strip(self, tokens: list[str]) -> tuple[list[str], list[str], list[str]]:
        """Split skeleton tokens into (rest, role words found, affix words found); Chinese
        staff words are cut out of any token that holds them."""
        roles: list[str] = []
        affixes: list[str] = []
        cut: list[str] = []
        for token in tokens:
            for word in self.role_han:
                if word in token:
                    roles.append(word)
                    token = token.replace(word, " ")
            for word in self.affix_han:
                if word in token:
                    affixes.append(word)
                    token = token.replace(word, " ")
            cut.extend(token.split())
        rest: list[str] = []
        i = 0
        while i < len(cut):
            for phrase in sorted(self.role, key=len, reverse=True):
                if tuple(cut[i : i + len(phrase)]) == phrase:
                    joined = " ".join(phrase)
                    roles.append(self.shown.get(joined, joined))
                    i += len(phrase)
                    break
            else:
                if cut[i] in self.affix:
                    affixes.append(self.shown.get(cut[i], cut[i]))
                else:
                    rest.append(cut[i])
                i += 1
        return rest, roles, affixes
