"""redact() and fingerprint(): pure functions, tables of named cases."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from privacy.redact import fingerprint, redact


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int


CASES = [
    ("nothing", "gm everyone", [], "gm everyone"),
    ("one", "password: hunter2!", [Span("PASSWORD", 10, 18)], "password: [PASSWORD]"),
    (
        "two, unordered",
        "UID 12345678 code 482913",
        [Span("VERIFICATION_CODE", 18, 24), Span("ACCOUNT_ID", 4, 12)],
        "UID [ACCOUNT_ID] code [VERIFICATION_CODE]",
    ),
    (
        "overlapping merge into the first label",
        "abcdefghij",
        [Span("A", 2, 6), Span("B", 4, 8)],
        "ab[A]ij",
    ),
    ("nested", "abcdefghij", [Span("OUTER", 1, 9), Span("INNER", 3, 5)], "a[OUTER]j"),
    ("whole text", "secret", [Span("API_SECRET", 0, 6)], "[API_SECRET]"),
    ("chinese", "密码是Abc12345谢谢", [Span("PASSWORD", 3, 11)], "密码是[PASSWORD]谢谢"),
    ("empty span ignored", "abc", [Span("X", 1, 1)], "abc"),
    ("out of range ignored", "abc", [Span("X", 2, 9)], "abc"),
]


@pytest.mark.parametrize(("name", "text", "spans", "expected"), CASES, ids=[c[0] for c in CASES])
def test_redact(name: str, text: str, spans: list[Span], expected: str) -> None:
    assert redact(text, spans) == expected


def test_redaction_leaves_no_fragment_of_the_secret() -> None:
    text = "key 0123456789abcdef and 0123456789abcdef"
    spans = [Span("PRIVATE_KEY", 4, 20), Span("PRIVATE_KEY", 25, 41)]
    assert "0123" not in redact(text, spans)


def test_fingerprint_is_salted_sha256_hex() -> None:
    value = fingerprint("hunter2!", b"salt-1")
    assert len(value) == 64 and int(value, 16) >= 0
    assert value == fingerprint("hunter2!", b"salt-1")
    assert value != fingerprint("hunter2!", b"salt-2")
    assert value != fingerprint("hunter3!", b"salt-1")
    assert "hunter2" not in value


def test_fingerprint_needs_a_salt() -> None:
    with pytest.raises(ValueError):
        fingerprint("hunter2!", b"")
