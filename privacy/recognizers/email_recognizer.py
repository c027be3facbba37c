"""EMAIL_ADDRESS: e-mail addresses, with top-level domains checked offline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import tldextract
from presidio_analyzer import Pattern, PatternRecognizer

__all__ = ["RESERVED_DOMAINS", "BeaconEmailRecognizer", "is_public_contact"]

# Local part and domain are ASCII; the lookarounds let Chinese text touch the address
# ("邮箱是abc@gmail.com谢谢"). Labels are bounded and separated by dots, so matching is linear.
_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
# Not after a mask either: "z***g@gmail.com" is a masked address, not "g@gmail.com".
_EMAIL = (
    r"(?<![A-Za-z0-9._%+\-*•●])"
    + _LOCAL
    + r"@(?:"
    + _LABEL
    + r"\.){1,8}(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9\-]{1,59}[A-Za-z0-9])(?![A-Za-z0-9\-])"
)

# Domains reserved for documentation and testing (RFC 2606, RFC 6761): an address there is
# an example ("e.g. user@example.com"), never somebody's mailbox.
RESERVED_DOMAINS: frozenset[str] = frozenset(
    {"example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"}
)


# Exchanges and wallets whose addresses people quote when they ask whether a contact is real
# ("is support@binance.com the official email?"): public contact points, like the configured
# ``official_domains``.
WELL_KNOWN_DOMAINS: frozenset[str] = frozenset(
    {
        "binance.com", "binance.us", "okx.com", "okex.com", "bybit.com", "huobi.com", "htx.com",
        "gate.io", "gate.com", "kucoin.com", "coinbase.com", "kraken.com", "bitget.com",
        "mexc.com", "bitfinex.com", "bitstamp.net", "gemini.com", "crypto.com", "bitmart.com",
        "bingx.com", "lbank.com", "phemex.com", "coinex.com", "poloniex.com", "upbit.com",
        "bithumb.com", "deribit.com", "bitmex.com", "metamask.io", "trustwallet.com",
        "tronlink.org", "ledger.com", "trezor.io", "imtoken.im", "tokenpocket.pro",
        "bitpie.com", "safepal.com", "exodus.com", "blockchain.com", "tether.to", "circle.com",
    }
)  # fmt: skip
# Role mailboxes ("support@", "kefu@") belong to an organisation, not a person; on a domain
# people do not get personal mailboxes from, they are public contact points.
ROLE_LOCAL_PARTS: frozenset[str] = frozenset(
    {
        "support", "service", "services", "help", "helpdesk", "customerservice",
        "customer.service", "customer-service", "customer_service", "cs", "kefu", "noreply",
        "no-reply", "no_reply", "donotreply", "do-not-reply", "security", "compliance",
        "listing", "listings", "partner", "partners", "partnership", "partnerships",
        "business", "bd", "press", "media", "pr", "vip", "institutional", "abuse", "legal",
        "kyc", "p2p", "otc", "careers", "hr", "marketing", "feedback", "complaints",
    }
)  # fmt: skip
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com", "googlemail.com", "qq.com", "foxmail.com", "163.com", "126.com",
        "yeah.net", "sina.com", "sina.cn", "sohu.com", "aliyun.com", "139.com", "189.cn",
        "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com",
        "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "pm.me",
        "tutanota.com", "gmx.com", "gmx.de", "aol.com", "mail.ru", "yandex.ru", "yandex.com",
        "zoho.com", "hey.com", "naver.com", "daum.net",
    }
)  # fmt: skip


def _on_domain(domain: str, parents: Iterable[str]) -> bool:
    return any(domain == parent or domain.endswith("." + parent) for parent in parents)


def is_public_contact(address: str, official_domains: Iterable[str] = ()) -> bool:
    """True for an exchange's or wallet's own address, a role mailbox ("support@...") on an
    organisation's domain, or one on a reserved example domain: not a person's private data."""
    local, _, domain = address.lower().rpartition("@")
    if _on_domain(domain, RESERVED_DOMAINS):
        return True
    if _on_domain(domain, WELL_KNOWN_DOMAINS) or _on_domain(domain, official_domains):
        return True
    return local in ROLE_LOCAL_PARTS and not _on_domain(domain, FREE_MAIL_DOMAINS)


class BeaconEmailRecognizer(PatternRecognizer):
    """Recognize e-mail addresses whose domain ends in a real public suffix.

    Presidio's own EmailRecognizer lets tldextract fetch the public suffix list over the
    network; this one reads only the snapshot bundled with tldextract. Addresses are sensitive,
    not critical: the scanner's policy decides what to do with them, not this recognizer.
    Addresses on ``official_domains`` (the exchange's own support domain, from settings) or on
    a well-known exchange's or wallet's domain, and role mailboxes ("support@", "kefu@") on a
    domain that is not a free mail provider, are public contact points and are not reported.
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
        """Drop public contact points (see ``is_public_contact``)."""
        return is_public_contact(pattern_text, self.official_domains)
