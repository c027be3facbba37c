"""EMAIL_ADDRESS: e-mail addresses, with top-level domains checked offline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import tldextract
from presidio_analyzer import Pattern, PatternRecognizer

__all__ = ["BeaconEmailRecognizer"]

# Local part and domain are ASCII; the lookarounds let Chinese text touch the address
# ("邮箱是abc@gmail.com谢谢"). Labels are bounded and separated by dots, so matching is linear.
_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_EMAIL = (
    r"(?<![A-Za-z0-9._%+\-])"
    + _LOCAL
    + r"@(?:"
    + _LABEL
    + r"\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)


class BeaconEmailRecognizer(PatternRecognizer):
    """Recognize e-mail addresses whose domain ends in a real public suffix.

    Presidio's own EmailRecognizer lets tldextract fetch the public suffix list over the
    network; this one reads only the snapshot bundled with tldextract. Addresses are sensitive,
    not critical: the scanner's policy decides what to do with them, not this recognizer.
    Addresses on ``official_domains`` (the exchange's own support domain, from settings) are
    public contact points and are not reported; by default every address is.
    """

    PATTERNS: ClassVar[list[Pattern]] = [Pattern("Email (loose)", _EMAIL, 0.5)]

    CONTEXT: ClassVar[list[str]] = [
        "email",
        "e-mail",
        "mail",
        "gmail",
        "contact",
        "邮箱",
        "邮件",
        "电子邮件",
        "电邮",
        "联系",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        supported_entity: str = "EMAIL_ADDRESS",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        official_domains: Iterable[str] = (),
    ) -> None:
        self.official_domains = frozenset(domain.lower() for domain in official_domains)
        # No cache directory and no URLs: tldextract uses its bundled snapshot, offline.
        self._extract = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=())
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns is not None else list(self.PATTERNS),
            context=context if context is not None else list(self.CONTEXT),
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Parse the bundled suffix list now rather than on the first message."""
        self._extract("example.com")

    def validate_result(self, pattern_text: str) -> bool:
        """True if the domain is a registrable name under a known public suffix."""
        local, _, domain = pattern_text.rpartition("@")
        if ".." in local or local.endswith("."):
            return False
        parts = self._extract(domain)
        return bool(parts.domain and parts.suffix)

    def invalidate_result(self, pattern_text: str) -> bool:
        """Drop addresses on an official domain (or one of its subdomains)."""
        domain = pattern_text.rpartition("@")[2].lower()
        return any(
            domain == official or domain.endswith("." + official)
            for official in self.official_domains
        )
