"""How bad a leak of each entity type is, and the score at which a finding counts."""

from __future__ import annotations

from enum import StrEnum

from privacy import entities


class Severity(StrEnum):
    """CRITICAL: whoever reads it can take the funds or the account. SENSITIVE: personal data."""

    CRITICAL = "critical"
    SENSITIVE = "sensitive"


_CRITICAL = frozenset(
    {
        entities.PASSWORD,
        entities.SEED_PHRASE,
        entities.PRIVATE_KEY,
        entities.API_SECRET,
        entities.VERIFICATION_CODE,
    }
)

# Recognizers score loosely and let validation or context raise the score; 0.5 is the line
# every recognizer is calibrated against ("needs context or a checksum to get here").
DEFAULT_THRESHOLD = 0.5
DEFAULT_THRESHOLDS: dict[str, float] = dict.fromkeys(entities.ALL_ENTITIES, DEFAULT_THRESHOLD)


def severity_of(entity_type: str) -> Severity:
    """Return the severity of an entity type (unknown types are SENSITIVE)."""
    return Severity.CRITICAL if entity_type in _CRITICAL else Severity.SENSITIVE


__all__ = ["DEFAULT_THRESHOLD", "DEFAULT_THRESHOLDS", "Severity", "severity_of"]
