"""Secrets support never needs (passwords, seed phrases, keys, API secrets, codes, a card's
security code), and card numbers it needs only the last four digits of.

The desk depends on this small `SecretDetector` protocol, not on the privacy package, so it can
be tested with any detector; `ScannerSecretDetector` adapts the privacy scanner to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from privacy import PrivacyScanner, Severity, redact
from privacy.entities import BANK_CARD

__all__ = [
    "CARD_SECURITY_CODE",
    "ScannerSecretDetector",
    "SecretDetector",
    "SecretSpan",
    "SecretsFound",
    "mask_card_numbers",
    "strip_secrets",
]


@dataclass(frozen=True)
class SecretSpan:
    type: str
    start: int
    end: int


class SecretDetector(Protocol):
    def critical_spans(self, text: str) -> list[SecretSpan]: ...

    def card_number_spans(self, text: str) -> list[SecretSpan]: ...


# A card's security code is reported as BANK_CARD (3-4 digits); the desk never keeps it.
CARD_SECURITY_CODE = "CARD_SECURITY_CODE"
_MIN_CARD_DIGITS = 12


class ScannerSecretDetector:
    """The privacy scanner's CRITICAL findings (and CVVs) as spans; card numbers apart."""

    def __init__(self, scanner: PrivacyScanner) -> None:
        self._scanner = scanner

    def critical_spans(self, text: str) -> list[SecretSpan]:
        spans = []
        for finding in self._scanner.scan(text).findings:
            if finding.severity is Severity.CRITICAL:
                spans.append(SecretSpan(finding.type, finding.start, finding.end))
            elif finding.type == BANK_CARD and _digits(text[finding.start : finding.end]) < (
                _MIN_CARD_DIGITS
            ):
                spans.append(SecretSpan(CARD_SECURITY_CODE, finding.start, finding.end))
        return spans

    def card_number_spans(self, text: str) -> list[SecretSpan]:
        return [
            SecretSpan(BANK_CARD, f.start, f.end)
            for f in self._scanner.scan(text).findings
            if f.type == BANK_CARD and _digits(text[f.start : f.end]) >= _MIN_CARD_DIGITS
        ]


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def mask_card_numbers(text: str, spans: list[SecretSpan]) -> str:
    """Each card number as "•••• 1234": the last four digits are all support needs."""
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        digits = [ch for ch in text[span.start : span.end] if ch.isdigit()]
        last_four = "".join(digits[-4:]) if digits else ""
        text = f"{text[: span.start]}•••• {last_four}{text[span.end :]}"
    return text


@dataclass(frozen=True)
class SecretsFound:
    text: str  # with every secret replaced by its type label, safe to store
    kinds: tuple[str, ...]  # the secret types removed, e.g. ("PASSWORD",)

    @property
    def found(self) -> bool:
        return bool(self.kinds)


def strip_secrets(detector: SecretDetector, text: str) -> SecretsFound:
    """Redact the critical spans of `text` and mask card numbers to their last four digits;
    the secret itself is never returned or kept."""
    if not text.strip():
        return SecretsFound(text, ())
    spans = detector.critical_spans(text)
    kinds = tuple(dict.fromkeys(span.type for span in spans))
    cleaned = redact(text, spans) if spans else text
    cards = detector.card_number_spans(cleaned)
    return SecretsFound(mask_card_numbers(cleaned, cards) if cards else cleaned, kinds)
