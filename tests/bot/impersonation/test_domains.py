from __future__ import annotations

import pytest

from bot.impersonation.domains import LookalikeDomains, host_of
from bot.impersonation.rules import GuardRules

OFFICIAL = ["hitbtc.com", "hitbtc.co.uk"]

CASES: dict[str, tuple[str, bool, str | None]] = {
    # link: (official?, the official domain it imitates)
    "official": ("https://hitbtc.com/fees", True, None),
    "official-subdomain": ("help.hitbtc.com", True, None),
    "official-second-level": ("www.hitbtc.co.uk", True, None),
    "other-tld": ("hitbtc.net", False, "hitbtc.com"),
    "hyphenated": ("hitbtc-support.com", False, "hitbtc.com"),
    "glued": ("hitbtcwallet.app", False, "hitbtc.com"),
    "one-edit": ("hitbtcc.com", False, "hitbtc.com"),
    "transposed": ("hitbct.com", False, "hitbtc.com"),
    "homograph": ("hіtbtc.com", False, "hitbtc.com"),
    "punycode": ("xn--htbtc-zsa.com", False, "hitbtc.com"),
    "official-as-subdomain": ("hitbtc.com.secure-login.io", False, "hitbtc.com"),
    "unrelated": ("coinmarketcap.com", False, None),
    "unrelated-short": ("bit.ly/x", False, None),
    "similar-word": ("hitchhiker.com", False, None),
}


@pytest.mark.parametrize(("link", "official", "imitates"), CASES.values(), ids=CASES.keys())
def test_lookalike_domains(
    rules: GuardRules, link: str, official: bool, imitates: str | None
) -> None:
    checked = LookalikeDomains(OFFICIAL, rules.folding).check(link)
    assert checked.official is official
    assert checked.imitates == imitates


def test_host_of_strips_scheme_port_credentials_and_decodes_punycode() -> None:
    assert host_of("HTTPS://user@Hitbtc.com:443/x?y") == "hitbtc.com"
    assert host_of("xn--htbtc-zsa.com/login") == "hítbtc.com"
