"""Solana secret keys (PRIVATE_KEY): base58 and byte-array exports, matches and non-matches."""

from __future__ import annotations

import json

import pytest
from Crypto.PublicKey import ECC
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.prefilter import Prefilter
from privacy.recognizers.solana_key_recognizer import BeaconSolanaKeyRecognizer
from privacy.validators.base58 import b58encode
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconSolanaKeyRecognizer(supported_language="en")


def keypair(seed: bytes) -> bytes:
    public = ECC.construct(curve="Ed25519", seed=seed).public_key().export_key(format="raw")
    return seed + public


KEY = keypair(bytes(range(1, 33)))
BASE58 = b58encode(KEY)
ARRAY = json.dumps(list(KEY))
# A transaction signature: 64 bytes of base58 too, but not a keypair.
SIGNATURE = (
    "5h6xBEauJ3PK6SWCZ1PGjBvj8vDdWG3KpwATGy1ARAXFSDwt8GFXM7W5Ncn16wmqokgpiKRLuS83KUxyZyv2sUYv"
)
NOT_A_KEYPAIR = json.dumps(list(bytes(range(64))))

POSITIVES = [
    ("base58 alone", BASE58, BASE58),
    ("after phantom private key", f"phantom private key {BASE58} can I import it?", BASE58),
    ("zh 私钥", f"幻影钱包私钥 {BASE58} 导入失败", BASE58),
    ("byte array alone", ARRAY, ARRAY),
    ("byte array without spaces", ARRAY.replace(" ", ""), ARRAY.replace(" ", "")),
    ("unchecked array with keypair word", f"my id.json keypair: {NOT_A_KEYPAIR}", NOT_A_KEYPAIR),
]

NEGATIVES = [
    ("a signature", f"withdrawal sig {SIGNATURE} not found"),
    ("a signature in a link", f"https://solscan.io/tx/{SIGNATURE}"),
    ("unchecked array without context", NOT_A_KEYPAIR),
    ("too few numbers", json.dumps(list(KEY[:32]))),
    ("numbers over 255", "[" + ",".join(["300"] * 64) + "]"),
    ("a Solana address", "83astBRguLMdt2h5U1Tpdq5tjFoJ6noeGwaY3mDLVcri"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_the_secret_key(name: str, text: str, value: str) -> None:
    assert found(RECOGNIZER, text) == [value]


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_what_is_not_a_secret_key(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


@settings(max_examples=40, deadline=None)
# A seed starting with zero bytes would be a key nobody draws (and a shorter string).
@given(seed=st.binary(min_size=32, max_size=32).filter(lambda s: s[0] > 0), as_array=st.booleans())
def test_any_keypair_is_found_and_passes_the_fast_path(seed: bytes, as_array: bool) -> None:
    key = keypair(seed)
    value = json.dumps(list(key)) if as_array else b58encode(key)
    text = f"exported key {value}"
    assert found(RECOGNIZER, text) == [value]
    assert "PRIVATE_KEY" in Prefilter().candidates(text)
