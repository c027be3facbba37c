"""Look-alike domains: a host that imitates one of the official domains in settings.

Hosts are compared by the confusable skeleton of their name part (punycode decoded first),
so "hítbtc.com", "xn--htbtc-...", "hitbtc.net", "hitbtcc.com" and "hitbtc-support.io" all
imitate "hitbtc.com", while "hitbtc.com" and "help.hitbtc.com" are the real thing.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.impersonation.skeleton import Folding

__all__ = ["DomainCheck", "LookalikeDomains", "host_of"]

MIN_CONTAINED = 4  # "acme" inside a stranger's host; shorter names sit inside words
MIN_EDIT = 5
# Second-level labels under which people register names (example.co.uk, example.com.cn).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"})
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def host_of(link: str) -> str:
    """The lower-case host of "https://Host:443/path", "www.host/x" or "host.tld"."""
    rest = _SCHEME.sub("", link.strip())
    host = re.split(r"[/?#\s]", rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    labels = []
    for label in host.strip(".").split("."):
        if label.lower().startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = label[4:].encode("ascii").decode("punycode")
        labels.append(label)
    return ".".join(labels).lower()


def _name_labels(host: str) -> list[str]:
    """The labels before the public suffix: "login.hitbtc.co.uk" -> ["login", "hitbtc"]."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[:-2]
    return labels[:-1] if len(labels) > 1 else labels


@dataclass(frozen=True)
class DomainCheck:
    official: bool
    imitates: str | None = None  # the official domain it imitates


class LookalikeDomains:
    def __init__(
        self, official_domains: Iterable[str], folding: Folding, brand: str | None = None
    ) -> None:
        self._folding = folding
        self.domains = tuple(
            dict.fromkeys(d.strip().lower().lstrip(".") for d in official_domains if d.strip())
        )
        self._cores: list[tuple[str, str]] = []
        for domain in self.domains:
            labels = _name_labels(host_of(domain))
            if labels:
                self._cores.append((domain, folding.key(labels[-1])))
        # Without official domains, the brand stands in: "acme-support.com" imitates Acme,
        # though "acme.com" itself may be the real site and is left alone.
        self._brand = folding.key(brand) if brand and not self._cores else ""

    def check(self, link: str) -> DomainCheck:
        host = host_of(link)
        if any(host == d or host.endswith("." + d) for d in self.domains):
            return DomainCheck(True)
        labels = _name_labels(host)
        if not labels:
            return DomainCheck(False)
        main = self._folding.key(labels[-1])
        # Every label and the hyphen-separated parts of each, as keys.
        parts = {self._folding.key(label) for label in labels}
        for label in labels:
            parts.update(self._folding.key(p) for p in label.split("-") if p)
        whole = self._folding.key("".join(labels))
        for domain, core in self._cores:
            if not core:
                continue
            if main == core or core in parts:
                return DomainCheck(False, domain)
            if len(core) >= MIN_EDIT and OSA.distance(main, core, score_cutoff=1) <= 1:
                return DomainCheck(False, domain)
            if len(core) >= MIN_CONTAINED and core in whole:
                return DomainCheck(False, domain)
        brand = self._brand
        if brand and main == brand:
            return DomainCheck(True)
        if len(brand) >= MIN_CONTAINED:
            near = len(brand) >= MIN_EDIT and OSA.distance(main, brand, score_cutoff=1) <= 1
            if near or brand in whole:
                return DomainCheck(False, brand)
        return DomainCheck(False)
