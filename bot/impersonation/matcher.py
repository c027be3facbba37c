"""`NameMatcher`: does a member's display name or username imitate an official identity?

Every name is compared by its confusable skeleton key (`skeleton.py`), never by its letters:

- confusable: the key equals an official's key ("PauIHitBTC", "Раul", "Ｐaul\u200b");
- staff-word: an official's key plus only staff words ("PaulHitBTC_support", "Acme客服"), the
  brand beside a staff word ("Acme Help Desk"), or a role word on its own ("Support 24/7");
- edit-distance: one edit (or a run of digits) away from an official handle or the brand
  ("PaulHitBTCC", "PaulHitBTC2024"). Display names of people are not compared this way: real
  people are called Paula, Michel and Chan, and their names are one letter from someone's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import disarm
from rapidfuzz.distance import OSA

from bot.impersonation.skeleton import Folding, has_disguise, squash, visual_order
from bot.impersonation.staff_words import StaffWords, split_identifier

__all__ = ["NameMatch", "NameMatcher", "Official", "OfficialKind", "Reason"]

MIN_NAME_KEY = 3  # "Al" or "Li" alone is nobody's identity
MIN_CONTAINED_KEY = 4  # shorter keys sit inside too many ordinary names
MIN_EDIT_KEY = 6  # one edit from a shorter handle is a different word


class Reason(StrEnum):
    CONFUSABLE = "confusable"
    STAFF_WORD = "staff-word"
    EDIT_DISTANCE = "edit-distance"


class OfficialKind(StrEnum):
    STAFF = "staff"  # a person: owner, moderator, agent or chat administrator
    BRAND = "brand"
    HANDLE = "handle"  # an official account or the bot itself


@dataclass(frozen=True)
class Official:
    """An identity others imitate. `user_id` is None for the brand and for handles."""

    kind: OfficialKind
    name: str = ""
    username: str | None = None
    user_id: int | None = None

    @property
    def shown(self) -> str:
        """How the evidence names it: the handle when there is one."""
        return self.username or self.name


@dataclass(frozen=True)
class NameMatch:
    suspect: bool
    resembles: Official | None = None
    reason: Reason | None = None
    field: str | None = None  # "name" | "username": which of the member's names matched
    how: tuple[str, ...] = ()  # evidence codes: "disguise", "same-name", "role-word:support"

    @property
    def exact(self) -> bool:
        """An exact skeleton copy of a staff member (the "ban at once" policy's case)."""
        return (
            self.reason is Reason.CONFUSABLE
            and self.resembles is not None
            and self.resembles.kind is OfficialKind.STAFF
        )


NOT_SUSPECT = NameMatch(False)


@dataclass(frozen=True)
class _Key:
    official: Official
    key: str
    identifier: bool  # a handle, a username or the brand: compared by edit distance too


@dataclass
class _Field:
    label: str
    text: str
    key: str
    tokens: list[str] = field(default_factory=list)


class NameMatcher:
    def __init__(self, officials: Iterable[Official], folding: Folding, words: StaffWords) -> None:
        self._folding = folding
        self._words = words
        self.officials = tuple(officials)
        keys: list[_Key] = []
        brand_tokens: list[list[str]] = []
        for official in self.officials:
            if official.username:
                keys.append(_Key(official, folding.key(official.username), True))
            if official.name:
                is_brand = official.kind is OfficialKind.BRAND
                skeleton = folding.skeleton(official.name)
                keys.append(_Key(official, squash(skeleton), is_brand))
                if is_brand:
                    core = [t for t in self._tokens(official.name) if t not in words.generic]
                    if core:
                        brand_tokens.append(core)
                        if squash("".join(core)) != squash(skeleton):
                            keys.append(_Key(official, squash("".join(core)), True))
        self._keys = tuple(k for k in keys if len(k.key) >= MIN_NAME_KEY)
        self._brand_tokens = brand_tokens
        self._brand = next((o for o in self.officials if o.kind is OfficialKind.BRAND), None)
        self._usernames = {
            o.username.lower(): o for o in self.officials if o.username and o.user_id is None
        }
        self._segment_words = frozenset(
            squash(w)
            for w in [
                *(" ".join(p) for p in words.role),
                *words.affix,
                *words.role_han,
                *words.affix_han,
            ]
        )

    def _tokens(self, text: str) -> list[str]:
        clean = disarm.canonicalize(text)
        tokens: list[str] = []
        for part in split_identifier(clean):
            tokens.extend(self._folding.skeleton(part).split())
        return tokens

    def check(
        self, name: str | None, username: str | None = None, user_id: int | None = None
    ) -> NameMatch:
        """Compare a member's display name and username with every official identity."""
        if user_id is not None and any(o.user_id == user_id for o in self.officials):
            return NOT_SUSPECT
        if username and user_id is None and self._is_official_username(username):
            return NOT_SUSPECT  # without an id, a username is the account (they are unique)
        fields = [
            _Field(label, text, self._folding.key(shown), self._tokens(shown))
            for label, text in (("name", name or ""), ("username", username or ""))
            if text.strip()
            for shown in dict.fromkeys((text, visual_order(text)))
        ]
        for check in (self._confusable, self._edit_distance, self._staff_word, self._role_word):
            for item in fields:
                found = check(item)
                if found is not None:
                    return found
        return NOT_SUSPECT

    def _is_official_username(self, username: str) -> bool:
        name = username.strip().lstrip("@").lower()
        return any((o.username or "").lower() == name for o in self.officials)

    def _disguise(self, item: _Field, official_text: str) -> tuple[str, ...]:
        if " ".join(item.text.casefold().split()) == " ".join(official_text.casefold().split()):
            return ("same-name",)
        if has_disguise(item.text):
            return ("disguise",)
        return ("look-alike",)

    def _confusable(self, item: _Field) -> NameMatch | None:
        for key in self._keys:
            if item.key == key.key and (key.identifier or item.label == "name"):
                official_text = key.official.username or key.official.name
                if key.official.name and squash(key.official.name.casefold()) == item.key:
                    official_text = key.official.name
                how = self._disguise(item, official_text)
                return NameMatch(True, key.official, Reason.CONFUSABLE, item.label, how)
        return None

    def _staff_word(self, item: _Field) -> NameMatch | None:
        rest, roles, affixes = self._words.strip(item.tokens)
        words = roles + affixes
        how = tuple(f"staff-word:{w}" for w in words)
        if words:
            rest_key = squash("".join(rest))
            for key in self._keys:
                if rest_key == key.key or (
                    key.identifier and len(key.key) >= MIN_EDIT_KEY and _near(rest_key, key.key)
                ):
                    return NameMatch(True, key.official, Reason.STAFF_WORD, item.label, how)
            if self._brand is not None and self._has_brand(item):
                return NameMatch(True, self._brand, Reason.STAFF_WORD, item.label, how)
        # Names written without spaces ("PAULHITBTCSUPPORT"): an official key inside, the
        # rest of it staff words and digits.
        for key in self._keys:
            if len(key.key) < MIN_CONTAINED_KEY or key.key == item.key:
                continue
            start = item.key.find(key.key)
            if start < 0:
                continue
            outside = [item.key[:start], item.key[start + len(key.key) :]]
            found: list[str] = []
            if all(self._segment(part, found) for part in outside) and found:
                how = tuple(f"staff-word:{w}" for w in found)
                return NameMatch(True, key.official, Reason.STAFF_WORD, item.label, how)
        return None

    def _has_brand(self, item: _Field) -> bool:
        for core in self._brand_tokens:
            span = len(core)
            if any(item.tokens[i : i + span] == core for i in range(len(item.tokens))):
                return True
            joined = squash("".join(core))
            if len(joined) >= MIN_CONTAINED_KEY and joined in item.key:
                return True
        return False

    def _segment(self, text: str, found: list[str]) -> bool:
        """Whether `text` is only staff words and digits (the words found are appended)."""
        if not text:
            return True
        # best[i]: the staff words that make up text[:i], or None if it cannot be split so.
        best: list[list[str] | None] = [[], *([None] * len(text))]
        for end in range(1, len(text) + 1):
            for start in range(end):
                prefix = best[start]
                if prefix is None:
                    continue
                piece = text[start:end]
                if piece in self._segment_words:
                    best[end] = [*prefix, piece]
                    break
                if piece.isdigit():
                    best[end] = prefix
                    break
        result = best[len(text)]
        if result is None:
            return False
        found.extend(result)
        return True

    def _edit_distance(self, item: _Field) -> NameMatch | None:
        for key in self._keys:
            near = key.identifier and len(key.key) >= MIN_EDIT_KEY
            # A disguised name one letter from a person's name is no accident either.
            disguised = item.label == "name" and len(key.key) >= 4 and has_disguise(item.text)
            if (near or disguised) and _near(item.key, key.key):
                how = ("disguise",) if disguised else ("one-edit",)
                return NameMatch(True, key.official, Reason.EDIT_DISTANCE, item.label, how)
        return None

    def _role_word(self, item: _Field) -> NameMatch | None:
        _rest, roles, _affixes = self._words.strip(item.tokens)
        if roles:
            how = tuple(f"role-word:{w}" for w in roles)
            return NameMatch(True, self._brand, Reason.STAFF_WORD, item.label, how)
        return None


def _near(candidate: str, official: str) -> bool:
    """One edit away (a transposition counts as one), or the official key padded with
    digits ("paulhitbtc2024")."""
    if not candidate or candidate == official:
        return False
    if OSA.distance(candidate, official, score_cutoff=1) <= 1:
        return True
    for padded in (candidate.removeprefix(official), candidate.removesuffix(official)):
        # The skeleton reads 0 and 1 as o and l: "2024" arrives as "2o24".
        digits = any(c.isdigit() for c in padded)
        if padded != candidate and digits and all(c.isdigit() or c in "ol" for c in padded):
            return True
    return False
