"""Redaction and fingerprints: how a secret is shown or kept without being kept."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Protocol


class Span(Protocol):
    """Anything with a type and a span of the original text (a ``Finding``)."""

    @property
    def type(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def redact(text: str, findings: Iterable[Span]) -> str:
    """Replace each finding's span with its type label: "pw: [PASSWORD]".

    Overlapping findings are merged into one label (the one that starts first, or the
    longer one when they start together), so no fragment of a secret survives.
    """
    spans = sorted(
        ((f.start, f.end, f.type) for f in findings if 0 <= f.start < f.end <= len(text)),
        key=lambda s: (s[0], -s[1]),
    )
    pieces: list[str] = []
    cursor = 0
    for start, end, label in spans:
        if end <= cursor:
            continue  # inside a span already replaced
        if start < cursor:
            start = cursor  # overlaps the previous span: extend that replacement
        else:
            pieces.append(text[cursor:start])
            pieces.append(f"[{label}]")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def fingerprint(value: str, salt: bytes) -> str:
    """Salted SHA-256 of a secret, hex: lets us recognise a repeat without storing it."""
    if not salt:
        raise ValueError("fingerprint needs a non-empty salt")
    return hmac.new(salt, value.encode("utf-8"), hashlib.sha256).hexdigest()


__all__ = ["Span", "fingerprint", "redact"]
