from __future__ import annotations

import hashlib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from presidio_analyzer import RecognizerResult

from privacy.recognizers.tx_hash_recognizer import BeaconTxHashRecognizer
from privacy.validators.base58 import b58encode
from tests.privacy.timing import RECOGNIZER_CPU_BOUND_SECONDS, best_cpu_seconds

ENTITY = "TX_HASH"
RECOGNIZERS = {lang: BeaconTxHashRecognizer(supported_language=lang) for lang in ("en", "zh")}

# The Bitcoin genesis coinbase transaction; the rest are fixed digests of the right shapes.
BTC_TXID = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
EVM_TX = "0x" + hashlib.sha256(b"beacon evm tx").hexdigest()
TRON_TX = hashlib.sha256(b"beacon tron tx").hexdigest()
UPPER_TX = hashlib.sha256(b"beacon upper tx").hexdigest().upper()
SOL_SIG = b58encode(hashlib.sha512(b"beacon solana signature").digest())
GENESIS_BLOCK_HASH = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"
NOT_64_BYTES = "z" * 88  # base58 alphabet, but 65 bytes when decoded


def found(lang: str, text: str) -> list[tuple[int, int, float]]:
    results = RECOGNIZERS[lang].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert all(result.entity_type == ENTITY for result in results)
    return sorted((result.start, result.end, round(result.score, 2)) for result in results)


def spans(text: str, *expected: tuple[str, float]) -> list[tuple[int, int, float]]:
    return sorted((text.index(v), text.index(v) + len(v), score) for v, score in expected)


CASES = [
    # lang, text, [(value, score)]
    pytest.param("en", f"txid {BTC_TXID} still unconfirmed", [(BTC_TXID, 0.85)], id="en-btc-txid"),
    pytest.param("en", f"tx hash: {EVM_TX}", [(EVM_TX, 0.85)], id="en-evm-tx-hash"),
    pytest.param("en", f"https://etherscan.io/tx/{EVM_TX}", [(EVM_TX, 0.85)], id="en-explorer-url"),
    pytest.param("en", f"sent it, {TRON_TX} where is it", [(TRON_TX, 0.5)], id="en-bare-64-hex"),
    pytest.param("en", f"{UPPER_TX} is my transaction", [(UPPER_TX, 0.85)], id="en-upper-after"),
    pytest.param("en", f"solana signature {SOL_SIG}", [(SOL_SIG, 0.85)], id="en-solana-sig"),
    pytest.param("en", f"here {SOL_SIG} pls", [(SOL_SIG, 0.5)], id="en-solana-bare"),
    pytest.param("zh", f"交易哈希{EVM_TX}谢谢", [(EVM_TX, 0.85)], id="zh-touching-evm"),
    pytest.param(
        "zh", f"TXID：{TRON_TX}，还没到账", [(TRON_TX, 0.85)], id="zh-txid-fullwidth-colon"
    ),
    pytest.param("zh", f"交易ID是{BTC_TXID}", [(BTC_TXID, 0.85)], id="zh-tx-id"),
    pytest.param("zh", f"充值{TRON_TX}一直没到", [(TRON_TX, 0.5)], id="zh-bare-64-hex"),
    pytest.param("zh", f"哈希值 {SOL_SIG}", [(SOL_SIG, 0.85)], id="zh-solana"),
    pytest.param(
        "en", f"txid {BTC_TXID} (sha256 looks fine)", [(BTC_TXID, 0.85)], id="en-tx-word-wins"
    ),
    # Not transaction hashes.
    pytest.param("en", f"my private key is {TRON_TX}", [], id="en-private-key"),
    pytest.param("en", f'pk = "{EVM_TX}"', [], id="en-pk-variable"),
    pytest.param("zh", f"私钥是{TRON_TX}，导入后看不到币", [], id="zh-private-key"),
    pytest.param("zh", f"{EVM_TX}这个私钥里的币能转出来吗", [], id="zh-private-key-after"),
    pytest.param("en", f"block hash {GENESIS_BLOCK_HASH}", [], id="en-block-hash"),
    pytest.param("en", f"txid {TRON_TX[:63]}", [], id="en-63-hex"),
    pytest.param("en", f"txid {TRON_TX}a", [], id="en-65-hex"),
    pytest.param("en", f"txid abc{TRON_TX}", [], id="en-inside-a-word"),
    pytest.param("en", "txid " + "1234567890" * 6 + "1234", [], id="en-64-decimal-digits"),
    pytest.param("en", "hash " + "ab" * 32, [], id="en-two-hex-digits-repeated"),
    pytest.param("zh", "交易哈希 0x" + "0" * 64, [], id="zh-zero-hash"),
    pytest.param("en", f"signature {NOT_64_BYTES}", [], id="en-base58-wrong-length"),
    pytest.param("en", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", [], id="en-address-not-hash"),
    pytest.param("en", f"sha256 of the release apk: {TRON_TX}", [], id="en-sha256-checksum"),
    pytest.param("en", f"SHA-256 checksum {UPPER_TX} (verify it)", [], id="en-checksum-upper"),
    pytest.param("zh", f"安装包校验值 {TRON_TX}", [], id="zh-checksum"),
    pytest.param("en", f"gpg fingerprint {TRON_TX}", [], id="en-fingerprint"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_cases(lang: str, text: str, expected: list[tuple[str, float]]) -> None:
    assert found(lang, text) == spans(text, *expected)


def test_bare_64_hex_stays_at_or_below_private_key_scores() -> None:
    assert all(score <= 0.6 for _, _, score in found("en", f"look {TRON_TX}"))


@given(st.binary(min_size=32, max_size=32), st.sampled_from(["", "0x"]), st.booleans())
def test_any_hash_with_a_tx_word_is_found(raw: bytes, prefix: str, zh: bool) -> None:
    digits = raw.hex()
    assume(len(set(digits)) >= 6 and not digits.isdigit() and not digits.startswith("0" * 8))
    value = prefix + digits
    text = f"交易哈希：{value}谢谢" if zh else f"my txid is {value}, thanks"
    assert found("zh" if zh else "en", text) == spans(text, (value, 0.85))


@given(st.binary(min_size=64, max_size=64))
def test_any_solana_signature_is_found(raw: bytes) -> None:
    signature = b58encode(raw)
    assume(87 <= len(signature) <= 88)
    text = f"signature {signature}"
    assert found("en", text) == spans(text, (signature, 0.85))


CRAFTED = [
    "0123456789abcdef" * 256,
    "a" * 4096,
    "0x" * 2048,
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz" * 70,
    ("交易哈希" + "f" * 63 + " ") * 60,
]


@pytest.mark.parametrize("text", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_4096_char_message_scans_fast(text: str) -> None:
    text = text[:4096]
    best = best_cpu_seconds(
        lambda: RECOGNIZERS["en"].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    )
    assert best < RECOGNIZER_CPU_BOUND_SECONDS, f"{best * 1000:.1f} ms CPU"


def test_context_boost_is_marked_so_the_engine_does_not_boost_twice() -> None:
    text = f"txid {TRON_TX} and {BTC_TXID}"
    results = RECOGNIZERS["en"].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    marks = {
        text[r.start : r.end]: r.recognition_metadata.get(
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY, False
        )
        for r in results
    }
    # The window reaches the first hash only: 40 characters before, 24 after.
    assert marks == {TRON_TX: True, BTC_TXID: False}


def test_a_transaction_word_wins_over_a_key_word() -> None:
    text = f"the key thing: txid {TRON_TX}"
    assert found("en", text) == spans(text, (TRON_TX, 0.85))
