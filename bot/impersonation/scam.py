"""`ScamDetector`: does a group message try to move members to a scammer?

Four kinds, in the order they are reported: a link to a look-alike of an official domain; a
request for a seed phrase, a private key or a wallet "validation"; "contact support at
@someone" pointing to an account, link or number that is not official; "DM me". The phrases
are data (content/impersonation/scam_messages.yaml); handles and hosts are checked here, by
the same skeletons as names, so a handle that imitates staff is never taken for official.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import disarm
import yaml

from bot.impersonation.domains import DomainCheck, LookalikeDomains, host_of
from bot.impersonation.matcher import NameMatcher
from content import IMPERSONATION_DIR

__all__ = ["ScamDetector", "ScamKind", "ScamPatterns", "ScamVerdict"]

_HANDLE = re.compile(r"(?<![\w@])@([a-z][a-z0-9_]{3,31})\b", re.IGNORECASE)
_TME = re.compile(
    r"\b(?:https?://)?(?:t|telegram)\.(?:me|dog)/(?:\+|joinchat/)?([a-z0-9_+-]{4,64})\S*",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?:\bwa\.me/\d{7,15}\S*|(?<![\w+])\+\d[\d\s().-]{7,18}\d)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?。！？\n])\s*")


class ScamKind(StrEnum):
    LOOKALIKE_DOMAIN = "lookalike-domain"
    SEED_REQUEST = "seed-request"
    CONTACT_REDIRECT = "contact-redirect"
    DM_OFFER = "dm-offer"


@dataclass(frozen=True)
class ScamVerdict:
    scam: bool
    kind: ScamKind | None = None
    target: str | None = None  # the handle or host it points to, for the staff's evidence
    imitates: str | None = None  # the official domain or account it imitates


CLEAN = ScamVerdict(False)


@dataclass(frozen=True)
class ScamPatterns:
    dm_offer: tuple[re.Pattern[str], ...]
    contact_redirect: tuple[re.Pattern[str], ...]
    secret_request: tuple[re.Pattern[str], ...]
    guard: tuple[re.Pattern[str], ...]
    guard_redirect: tuple[re.Pattern[str], ...]
    bare_domain: re.Pattern[str]
    scam_host_words: tuple[str, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> ScamPatterns:
        data = yaml.safe_load((path or IMPERSONATION_DIR / "scam_messages.yaml").read_text("utf-8"))

        def compiled(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(p, re.IGNORECASE) for p in data.get(key) or ())

        tlds = "|".join(sorted((str(t) for t in data["bare_domain_tlds"]), key=len, reverse=True))
        bare = re.compile(
            rf"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+"
            rf"|(?<![\w.-])(?:[^\W_](?:[\w-]{{0,62}}[^\W_])?\.)+(?:{tlds})\b(?:[/?#]\S*)?",
            re.IGNORECASE,
        )
        return cls(
            dm_offer=compiled("dm_offer"),
            contact_redirect=compiled("contact_redirect"),
            secret_request=compiled("secret_request"),
            guard=compiled("guard"),
            guard_redirect=compiled("guard_redirect"),
            bare_domain=bare,
            scam_host_words=tuple(str(w).lower() for w in data.get("scam_host_words") or ()),
        )


def normalise_text(text: str) -> str:
    """Fullwidth folded, invisible characters dropped, look-alike letters folded, lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return disarm.canonicalize(text).lower()


class ScamDetector:
    def __init__(
        self,
        patterns: ScamPatterns,
        names: NameMatcher,
        domains: LookalikeDomains,
        official_handles: Iterable[str] = (),
    ) -> None:
        self._patterns = patterns
        self._names = names
        self._domains = domains
        self._official_handles = frozenset(h.lower().lstrip("@") for h in official_handles)

    def check(self, text: str) -> ScamVerdict:
        # Links and handles are read before look-alike letters fold, which would turn
        # "hіtbtc.com" (Cyrillic і) into the official domain.
        clean = unicodedata.normalize("NFKC", text)
        clean = "".join(ch for ch in clean if unicodedata.category(ch) != "Cf")
        found: list[ScamVerdict] = []
        targets: list[tuple[str, str]] = []  # (placeholder kind, what it was)

        def handle(match: re.Match[str]) -> str:
            name = match[1].lower()
            if self._is_official_handle(name):
                return " the official account "
            resembles = self._names.check(None, name)
            if resembles.suspect and resembles.resembles is not None:
                found.append(
                    ScamVerdict(
                        True, ScamKind.CONTACT_REDIRECT, "@" + name, resembles.resembles.shown
                    )
                )
            targets.append(("handle", "@" + name))
            return " @handle "

        def link(match: re.Match[str]) -> str:
            checked: DomainCheck = self._domains.check(match[0])
            host = host_of(match[0])
            if checked.official:
                return " the official site "
            if checked.imitates is not None:
                found.append(ScamVerdict(True, ScamKind.LOOKALIKE_DOMAIN, host, checked.imitates))
            targets.append(("link", host))
            return " <link> "

        def phone(match: re.Match[str]) -> str:
            targets.append(("phone", "phone number"))
            return " <phone> "

        clean = _TME.sub(lambda m: handle(m) if not m[1].startswith("+") else link(m), clean)
        clean = _PHONE.sub(phone, clean)
        clean = self._patterns.bare_domain.sub(link, clean)
        clean = _HANDLE.sub(handle, clean)
        clean = normalise_text(clean)
        sentences = [s for s in _SENTENCE.split(clean) if s.strip()]
        target = targets[0][1] if targets else None

        # Look-alike handles and domains named in a warning sentence are not scams.
        lookalikes = [v for v in found if v.kind is ScamKind.LOOKALIKE_DOMAIN]
        if lookalikes and not any(
            any(p.search(s) for p in self._patterns.guard_redirect) for s in sentences
        ):
            return lookalikes[0]
        for sentence in sentences:
            if self._matches(sentence, self._patterns.secret_request, self._patterns.guard):
                return ScamVerdict(True, ScamKind.SEED_REQUEST, target)
        for sentence in sentences:
            if any(p.search(sentence) for p in self._patterns.guard_redirect):
                continue
            if any(p.search(sentence) for p in self._patterns.contact_redirect):
                return ScamVerdict(True, ScamKind.CONTACT_REDIRECT, target, _imitated(found))
        impostors = [v for v in found if v.kind is ScamKind.CONTACT_REDIRECT]
        if impostors and not any(
            any(p.search(s) for p in self._patterns.guard_redirect) for s in sentences
        ):
            return impostors[0]
        for sentence in sentences:
            if self._matches(sentence, self._patterns.dm_offer, self._patterns.guard):
                return ScamVerdict(True, ScamKind.DM_OFFER)
        return CLEAN

    def _is_official_handle(self, name: str) -> bool:
        return name in self._official_handles

    @staticmethod
    def _matches(
        sentence: str, wanted: tuple[re.Pattern[str], ...], guard: tuple[re.Pattern[str], ...]
    ) -> bool:
        return any(p.search(sentence) for p in wanted) and not any(
            g.search(sentence) for g in guard
        )


def _imitated(found: list[ScamVerdict]) -> str | None:
    return next((v.imitates for v in found if v.imitates), None)
