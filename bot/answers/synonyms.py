"""Synonym groups: terms that mean the same thing to a user of an exchange, in zh and en.

Choice: symmetric concept tagging, at index time AND at query time. Every text that contains a
term of a group also gets the group's concept term (`~withdraw`), so "出金" in a question meets
"提币" in an article through `~withdraw`. Compared with expanding the query into every member:

- one concept term scores once, with its own IDF, however many members a text contains, so a
  question naming three members of one group does not outweigh one naming a rarer topic;
- exact wording still counts: the original terms stay, so the same word scores higher than a
  synonym;
- the price: a change to `synonyms.yaml` needs the index to be rebuilt, which happens at every
  start-up anyway (the index lives in memory).

Chinese members match as substrings of the normalised text (segmentation cannot split them),
except where a member's last character starts another member: in "充值到账户" the "账" of
"到账" (arrived) belongs to "账户" (account). Latin members match as sequences of stems, stop
words included ("cash out", "can't"); a two-word phrasal verb also matches with up to two words
between verb and particle ("cash my btc out", "get it back").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from bot.answers.tokenize import Analysis, Analyzer, has_cjk, normalize

__all__ = ["CONCEPT_PREFIX", "SynonymTable", "load_synonym_groups"]

CONCEPT_PREFIX = "~"
# Particles of two-word phrasal verbs ("cash out", "top up", "get back") and how many words
# may stand between the verb and its particle ("cash my btc out").
PARTICLES = frozenset({"out", "up", "back", "off", "in"})
PHRASAL_GAP = 2
_GROUP_NAME_RE = re.compile(r"^[a-z0-9_]+$")


def load_synonym_groups(path: Path) -> dict[str, list[str]]:
    """The groups in a synonyms file: `name: [term, term, ...]`; raise ValueError if malformed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of group name to a list of terms")
    groups: dict[str, list[str]] = {}
    for name, terms in data.items():
        if not isinstance(name, str) or _GROUP_NAME_RE.match(name) is None:
            raise ValueError(f"{path}: group name {name!r} must be lower-case letters, digits, _")
        if not isinstance(terms, list) or len(terms) < 2:
            raise ValueError(f"{path}: group {name!r} needs a list of at least two terms")
        if not all(isinstance(t, str | int) and str(t).strip() for t in terms):
            raise ValueError(f"{path}: group {name!r} has an empty or non-text term")
        groups[name] = [str(t).strip() for t in terms]
    return groups


class SynonymTable:
    """Finds the synonym groups an analysed text mentions and returns their concept terms."""

    def __init__(self, groups: Mapping[str, list[str]], analyzer: Analyzer) -> None:
        self._cjk: dict[str, set[str]] = {}
        self._latin: dict[tuple[str, ...], set[str]] = {}
        self._words: set[str] = set()
        for name, terms in groups.items():
            concept = CONCEPT_PREFIX + name
            for term in terms:
                normalized = "".join(normalize(term).split())
                if has_cjk(normalized):
                    self._cjk.setdefault(normalized, set()).add(concept)
                else:
                    analysis = analyzer.analyze(term)
                    if analysis.stems:
                        self._latin.setdefault(analysis.stems, set()).add(concept)
                        self._words.update(analysis.words)
        self._cjk_lengths = sorted({len(t) for t in self._cjk}, reverse=True)
        self._cjk_first = {t[0] for t in self._cjk}
        self._latin_lengths = sorted({len(t) for t in self._latin}, reverse=True)
        self._latin_first = {t[0] for t in self._latin}
        # Phrasal verbs also match with their object in between: "send usdt out", "get my
        # money back", "set it up".
        self._phrasal: dict[str, dict[str, set[str]]] = {}
        for phrase, phrase_concepts in self._latin.items():
            if len(phrase) == 2 and phrase[1] in PARTICLES and phrase[0] not in PARTICLES:
                verb = self._phrasal.setdefault(phrase[0], {})
                verb.setdefault(phrase[1], set()).update(phrase_concepts)
        self.group_count = len(groups)

    @classmethod
    def load(cls, path: Path, analyzer: Analyzer) -> SynonymTable:
        return cls(load_synonym_groups(path), analyzer)

    def concepts(self, analysis: Analysis) -> list[str]:
        """Concept terms for every group mentioned in the text, each once, in a stable order."""
        found: set[str] = set()
        text = "".join(analysis.normalized.split())
        if self._cjk:
            for i, char in enumerate(text):
                if char not in self._cjk_first:
                    continue
                for length in self._cjk_lengths:
                    if i + length > len(text):
                        continue
                    hit = self._cjk.get(text[i : i + length])
                    if hit and not self._continues(text, i + length - 1, hit):
                        found |= hit
        stems = analysis.stems
        for i, stem in enumerate(stems):
            if stem not in self._latin_first:
                continue
            for length in self._latin_lengths:
                if i + length <= len(stems):
                    hit = self._latin.get(stems[i : i + length])
                    if hit:
                        found |= hit
            particles = self._phrasal.get(stem)
            if particles:
                for gap in stems[i + 2 : i + 2 + PHRASAL_GAP]:
                    if gap in particles:
                        found |= particles[gap]
                        break
        return sorted(found)

    def _continues(self, text: str, last: int, concepts: set[str]) -> bool:
        """Whether a member of another group starts at `last` and runs past it (the last
        character of the member just found belongs to the next word)."""
        if text[last] not in self._cjk_first:
            return False
        for length in self._cjk_lengths:
            if length < 2 or last + length > len(text):
                continue
            other = self._cjk.get(text[last : last + length])
            if other and not other & concepts:
                return True
        return False

    def latin_stems(self) -> set[str]:
        return {stem for phrase in self._latin for stem in phrase}

    def latin_words(self) -> set[str]:
        """Every Latin word in the table, so typo correction can reach synonym-only words."""
        return set(self._words)
