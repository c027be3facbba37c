"""`GuardRules`: the data the matchers read (content/impersonation/), loaded once, and the
matchers built from it for a set of official identities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.impersonation.domains import LookalikeDomains
from bot.impersonation.matcher import NameMatcher, Official, OfficialKind
from bot.impersonation.scam import ScamDetector, ScamPatterns
from bot.impersonation.skeleton import Folding
from bot.impersonation.staff_words import StaffWords
from bot.settings import Settings

__all__ = ["GuardRules", "official_domains_of", "settings_officials"]


@dataclass(frozen=True)
class GuardRules:
    folding: Folding
    words: StaffWords
    patterns: ScamPatterns

    @classmethod
    def load(cls) -> GuardRules:
        folding = Folding.load()
        return cls(folding, StaffWords.load(folding), ScamPatterns.load())

    def names(self, officials: Iterable[Official]) -> NameMatcher:
        return NameMatcher(officials, self.folding, self.words)

    def scams(self, names: NameMatcher, domains: Iterable[str]) -> ScamDetector:
        handles = [o.username for o in names.officials if o.username]
        brand = next((o.name for o in names.officials if o.kind is OfficialKind.BRAND), None)
        return ScamDetector(
            self.patterns, names, LookalikeDomains(domains, self.folding, brand), handles
        )


def settings_officials(settings: Settings, bot_username: str | None = None) -> list[Official]:
    """The identities settings name: the brand, the official handles and the bot."""
    officials = [Official(OfficialKind.BRAND, name=settings.brand_name)]
    officials += [Official(OfficialKind.HANDLE, username=h) for h in settings.official_handles]
    if bot_username:
        officials.append(Official(OfficialKind.HANDLE, username=bot_username))
    return officials


def official_domains_of(settings: Settings) -> tuple[str, ...]:
    """OFFICIAL_DOMAINS, plus the help center's host and the official e-mail domains."""
    domains = list(settings.official_domains)
    if settings.help_center_base_url is not None:
        host = urlsplit(str(settings.help_center_base_url)).hostname
        if host:
            domains.append(host.removeprefix("www."))
    domains += settings.official_email_domains
    return tuple(dict.fromkeys(d.lower() for d in domains if d))
