"""Anti-impersonation: fake admins, fake support and scam messages in the groups.

`NameMatcher` compares members' names with the official identities by confusable skeleton;
`ScamDetector` reads group messages for "DM me", redirects, look-alike domains and seed
requests; `GuardRules` loads their data from content/impersonation/ once.
"""

from __future__ import annotations

from bot.impersonation.domains import DomainCheck, LookalikeDomains, host_of
from bot.impersonation.matcher import NameMatch, NameMatcher, Official, OfficialKind, Reason
from bot.impersonation.rules import GuardRules, official_domains_of, settings_officials
from bot.impersonation.scam import ScamDetector, ScamKind, ScamPatterns, ScamVerdict
from bot.impersonation.skeleton import Folding, has_disguise, squash, visual_order
from bot.impersonation.staff_words import StaffWords, split_identifier

__all__ = [
    "DomainCheck",
    "Folding",
    "GuardRules",
    "LookalikeDomains",
    "NameMatch",
    "NameMatcher",
    "Official",
    "OfficialKind",
    "Reason",
    "ScamDetector",
    "ScamKind",
    "ScamPatterns",
    "ScamVerdict",
    "StaffWords",
    "has_disguise",
    "host_of",
    "official_domains_of",
    "settings_officials",
    "split_identifier",
    "squash",
    "visual_order",
]
