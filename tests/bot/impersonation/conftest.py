from __future__ import annotations

import pytest

from bot.impersonation.matcher import NameMatcher, Official, OfficialKind
from bot.impersonation.rules import GuardRules

# The officials every table here is checked against: four staff members, the brand, the
# announcement channel and the bot.
STAFF = (
    Official(OfficialKind.STAFF, "Paul", "PaulHitBTC", 101),
    Official(OfficialKind.STAFF, "Anna Li", "annali_hitbtc", 102),
    Official(OfficialKind.STAFF, "Michael Chen", "mchen_support", 103),
    Official(OfficialKind.STAFF, "王小明", "xiaoming_wang", 104),
)
OFFICIALS = (
    *STAFF,
    Official(OfficialKind.BRAND, "HitBTC"),
    Official(OfficialKind.HANDLE, username="HitBTC_Official"),
    Official(OfficialKind.HANDLE, username="HitBTCHelperBot"),
)


@pytest.fixture(scope="session")
def rules() -> GuardRules:
    return GuardRules.load()


@pytest.fixture(scope="session")
def matcher(rules: GuardRules) -> NameMatcher:
    return rules.names(OFFICIALS)
