"""Secrets support never needs (passwords, seed phrases, keys, API secrets, codes).

The desk depends on this small `SecretDetector` protocol, not on the privacy package, so it can
be tested with any detector; `ScannerSecretDetector` adapts the privacy scanner to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from privacy import PrivacyScanner, Severity, redact

__all__ = ["ScannerSecretDetector", "SecretDetector", "SecretSpan", "SecretsFound", "strip_secrets"]


@dataclass(frozen=True)
class SecretSpan:
    type: str
    start: int
    end: int


class SecretDetector(Protocol):
    def critical_spans(self, text: str) -> list[SecretSpan]: ...


class ScannerSecretDetector:
    """The privacy scanner's CRITICAL findings as spans."""

    def __init__(self, scanner: PrivacyScanner) -> None:
        self._scanner = scanner

    def critical_spans(self, text: str) -> list[SecretSpan]:
        result = self._scanner.scan(text)
        return [
            SecretSpan(f.type, f.start, f.end)
            for f in result.findings
            if f.severity is Severity.CRITICAL
        ]


@dataclass(frozen=True)
class SecretsFound:
    text: str  # with every secret replaced by its type label, safe to store
    kinds: tuple[str, ...]  # the secret types removed, e.g. ("PASSWORD",)

    @property
    def found(self) -> bool:
        return bool(self.kinds)


def strip_secrets(detector: SecretDetector, text: str) -> SecretsFound:
    """Redact the critical spans of `text`; the secret itself is never returned or kept."""
    if not text.strip():
        return SecretsFound(text, ())
    spans = detector.critical_spans(text)
    if not spans:
        return SecretsFound(text, ())
    kinds = tuple(dict.fromkeys(span.type for span in spans))
    return SecretsFound(redact(text, spans), kinds)
