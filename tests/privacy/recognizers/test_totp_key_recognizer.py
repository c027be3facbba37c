"""Authenticator setup keys (VERIFICATION_CODE): named matches and non-matches."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.prefilter import Prefilter
from privacy.recognizers.totp_key_recognizer import BeaconTotpKeyRecognizer
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconTotpKeyRecognizer(supported_language="en")
URI = "otpauth://totp/Exchange:alice?secret=JBSWY3DPEHPK3PXP&issuer=Exchange"

POSITIVES = [
    (
        "google groups",
        "XL3M FZUZ Z5IA 56GQ 6VD3 7PEX 2CNW DQ7A",
        "XL3M FZUZ Z5IA 56GQ 6VD3 7PEX 2CNW DQ7A",
    ),
    ("lower-case groups", "2fa key: xl3m fzuz z5ia 56gq", "xl3m fzuz z5ia 56gq"),
    ("otpauth uri", f"scan this {URI}", URI.split("&")[0]),
    ("one piece with 2fa word", "my 2FA setup key is JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXP"),
    ("zh 谷歌验证 密钥", "谷歌验证器密钥 JBSWY3DPEHPK3PXP 备份了", "JBSWY3DPEHPK3PXP"),
]

NEGATIVES = [
    ("letters only", "dead beef cafe babe"),
    ("upper-case words", "THIS WILL HAVE BEEN DONE"),
    ("one piece without a word", "ref JBSWY3DPEHPK3PXP"),
    ("digits only", "2345 2345 2345 2345"),
    ("repeated placeholder", "AAAA AAAA AAAA AAAA"),
    ("hex with 0, 1, 8, 9", "a1b2 c3d4 e5f6 0789"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_the_setup_key(name: str, text: str, value: str) -> None:
    assert found(RECOGNIZER, text) == [value]


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_what_is_not_a_setup_key(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


@settings(max_examples=60, deadline=None)
@given(secret=st.binary(min_size=10, max_size=20), lower=st.booleans())
def test_any_grouped_key_with_digits_is_found_and_passes_the_fast_path(
    secret: bytes, lower: bool
) -> None:
    key = base64.b32encode(secret).decode().rstrip("=")
    key = key[: len(key) // 4 * 4]
    if sum(c in "234567" for c in key) < 2 or len(set(key)) < 4:
        return
    grouped = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    grouped = grouped.lower() if lower else grouped
    assert found(RECOGNIZER, grouped) == [grouped]
    assert "VERIFICATION_CODE" in Prefilter().candidates(grouped)
