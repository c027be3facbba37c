"""PRIVATE_KEY: hex with context, WIF, extended keys, PEM; English and Chinese."""

from __future__ import annotations

from hashlib import sha256

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.recognizers.private_key_recognizer import (
    BeaconPrivateKeyRecognizer,
    base58check_decode,
)
from privacy.recognizers.tx_hash_recognizer import BeaconTxHashRecognizer
from tests.privacy.recognizers._context import best_score, found

RECOGNIZER = BeaconPrivateKeyRecognizer(supported_language="en")
HEX = "e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262"
GROUPED_8 = " ".join(HEX[i : i + 8] for i in range(0, 64, 8))
GROUPED_16 = " ".join(HEX[i : i + 16] for i in range(0, 64, 16))
# Public test vectors (Bitcoin wiki "Wallet import format", BIP32 test vector 1).
WIF = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
WIF_COMPRESSED = "KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn"
XPRV = (
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5k"
    "ejMRNNU3TGtRBeJgk33yuGBxrMPHi"
)
PEM = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n"
    "-----END EC PRIVATE KEY-----"
)

POSITIVES = [
    ("private key is", f"my private key is {HEX} can someone check", HEX),
    ("0x after colon", f"exported private key: 0x{HEX}", f"0x{HEX}"),
    ("key word only", f"here is the key metamask gave me {HEX.upper()}", HEX.upper()),
    ("pk assignment", f'pk = "0x{HEX}"  # my script', f"0x{HEX}"),
    ("env var", f"PRIVATE_KEY=0x{HEX} in .env", f"0x{HEX}"),
    ("groups of 8", f"private key {GROUPED_8}", GROUPED_8),
    (
        "groups of 16, far context",
        f"private key (split so bots can't read it lol) {GROUPED_16}",
        GROUPED_16,
    ),
    ("WIF", WIF, WIF),
    ("WIF compressed", f"privkey {WIF_COMPRESSED} imported", WIF_COMPRESSED),
    ("xprv", f"backup {XPRV}", XPRV),
    ("PEM", f"here:\n{PEM}\nthanks", PEM),
    ("zh 私钥是", f"私钥是{HEX}，导入小狐狸钱包后看不到币", HEX),
    ("zh context after", f"0x{HEX}这个私钥里的币能转出来吗", f"0x{HEX}"),
    ("zh groups", f"私钥 {GROUPED_16}", GROUPED_16),
    ("zh halves", f"私钥：{HEX[:32]} {HEX[32:]}（复制的时候断开了）", f"{HEX[:32]} {HEX[32:]}"),
    ("wrapped line", f"private key:\n{HEX[:40]}\n{HEX[40:]}", f"{HEX[:40]}\n{HEX[40:]}"),
    ("0x and dash", f"privkey 0x{HEX[:24]}-{HEX[24:]}", f"0x{HEX[:24]}-{HEX[24:]}"),
    ("zh WIF", f"钱包私钥：{WIF_COMPRESSED}", WIF_COMPRESSED),
]

NEGATIVES = [
    ("bare hex is a tx hash", f"{HEX}"),
    ("tx context", f"txid {HEX} not arrived"),
    ("bad WIF checksum", WIF[:-1] + "K"),
    ("zero key", "private key " + "0" * 64),
    ("63 hex", f"private key {HEX[:63]}"),
    ("65 hex", f"private key {HEX}a"),
    ("groups not adding up", "private key " + " ".join(HEX[i : i + 8] for i in range(0, 56, 8))),
    ("pieces not adding up", f"private key {HEX[:32]} {HEX[32:60]}"),
    ("pieces too many", f"private key {HEX[:32]} {HEX[32:]} {HEX[:20]}"),
    ("question", "never share your private key with anyone"),
    ("zh question", "私钥丢了还能找回吗"),
    ("public key pem", "-----BEGIN PUBLIC KEY-----\nMFkwEwYH\n-----END PUBLIC KEY-----"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_private_key(name: str, text: str, value: str) -> None:
    assert value in found(RECOGNIZER, text)


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_non_key(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


def test_with_key_context_a_hex_key_outranks_a_transaction_hash() -> None:
    tx = BeaconTxHashRecognizer(supported_language="en")
    assert best_score(RECOGNIZER, f"私钥 {HEX}") > best_score(tx, f"txid {HEX}")


def test_steps_up_wherever_tx_hash_steps_back() -> None:
    mine = {w.lower() for w in RECOGNIZER.context}
    assert {w.lower() for w in BeaconTxHashRecognizer.KEY_CONTEXT} <= mine


def _wif(secret: bytes, compressed: bool) -> str:
    payload = b"\x80" + secret + (b"\x01" if compressed else b"")
    raw = payload + sha256(sha256(payload).digest()).digest()[:4]
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    number, out = int.from_bytes(raw, "big"), ""
    while number:
        number, digit = divmod(number, 58)
        out = alphabet[digit] + out
    return out


@settings(max_examples=60, deadline=None)
@given(
    secret=st.binary(min_size=32, max_size=32).filter(lambda b: any(b)), compressed=st.booleans()
)
def test_any_valid_wif_is_found_with_full_confidence(secret: bytes, compressed: bool) -> None:
    wif = _wif(secret, compressed)
    assert base58check_decode(wif) is not None
    assert best_score(RECOGNIZER, f"my key {wif}") == 1.0


@settings(max_examples=60, deadline=None)
@given(
    secret=st.binary(min_size=32, max_size=32).filter(lambda b: any(b)),
    keyword=st.sampled_from(["private key: ", "私钥：", "privkey ", "私钥是"]),
)
def test_any_hex_key_after_a_key_word_is_found(secret: bytes, keyword: str) -> None:
    key = secret.hex()
    if int(key, 16) >= 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141:
        return  # outside the curve order: not a valid key
    assert key in found(RECOGNIZER, keyword + key)
