"""Private-data detection for chat messages: Presidio recognizers, fast path, redaction.

Build one scanner at start-up and inject it::

    scanner = build_scanner()
    result = scanner.scan("my password is hunter2!")
    result.private                  # True
    redact(text, result.findings)   # "my password is [PASSWORD]"
"""

from __future__ import annotations

from privacy.entities import ALL_ENTITIES
from privacy.normalize import NormalizedText, normalize
from privacy.redact import fingerprint, redact
from privacy.scanner import Finding, PrivacyScanner, ScanResult, build_scanner
from privacy.severity import DEFAULT_THRESHOLDS, Severity, severity_of

__all__ = [
    "ALL_ENTITIES",
    "DEFAULT_THRESHOLDS",
    "Finding",
    "NormalizedText",
    "PrivacyScanner",
    "ScanResult",
    "Severity",
    "build_scanner",
    "fingerprint",
    "normalize",
    "redact",
    "severity_of",
]
