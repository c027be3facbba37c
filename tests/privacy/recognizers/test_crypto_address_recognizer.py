from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from privacy.recognizers.crypto_address_recognizer import (
    BeaconCryptoAddressRecognizer,
    load_public_addresses,
)
from privacy.validators.base58 import b58decode, b58decode_check, b58encode_check
from privacy.validators.eip55 import is_checksummed, to_checksum_address
from tests.privacy.timing import RECOGNIZER_CPU_BOUND_SECONDS, best_cpu_seconds

ENTITY = "CRYPTO_ADDRESS"
RECOGNIZERS = {
    lang: BeaconCryptoAddressRecognizer(supported_language=lang) for lang in ("en", "zh")
}

# Real addresses: the EIP-55 specification's first vector, Bitcoin wiki examples (P2PKH,
# BIP-13 P2SH), a common bech32 documentation example, the BIP-350 Taproot vector and the TRON
# developer documentation's example.
EVM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
SOLANA = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"
EVM_BAD_CHECKSUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
BTC_P2PKH = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
BTC_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BTC_BECH32 = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
BTC_TAPROOT = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
TRON = "TLsV52sRDL79HXGGm9yzwKibb6BeruhUzy"
USDT_ERC20 = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
USDT_TRC20 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
BTC_GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
PUBLIC = load_public_addresses()


def found(lang: str, text: str) -> list[tuple[int, int, float]]:
    results = RECOGNIZERS[lang].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert all(result.entity_type == ENTITY for result in results)
    return sorted((result.start, result.end, round(result.score, 2)) for result in results)


def spans(text: str, *expected: tuple[str, float]) -> list[tuple[int, int, float]]:
    return sorted((text.index(v), text.index(v) + len(v), score) for v, score in expected)


CASES = [
    pytest.param("en", f"send to {EVM} pls", [(EVM, 1.0)], id="en-evm-checksummed"),
    pytest.param("en", f"my wallet {EVM.lower()}", [(EVM.lower(), 0.6)], id="en-evm-lower"),
    pytest.param("en", "0x" + EVM[2:].upper(), [("0x" + EVM[2:].upper(), 0.6)], id="en-evm-upper"),
    pytest.param("en", f"deposit to {BTC_P2PKH}", [(BTC_P2PKH, 1.0)], id="en-btc-p2pkh"),
    pytest.param("en", f"{BTC_P2SH} is my multisig", [(BTC_P2SH, 1.0)], id="en-btc-p2sh"),
    pytest.param("en", f"btc: {BTC_BECH32}.", [(BTC_BECH32, 1.0)], id="en-btc-bech32"),
    pytest.param("en", BTC_BECH32.upper(), [(BTC_BECH32.upper(), 1.0)], id="en-bech32-upper"),
    pytest.param("en", f"taproot {BTC_TAPROOT}", [(BTC_TAPROOT, 1.0)], id="en-btc-bech32m"),
    pytest.param("en", f"TRC20 address {TRON}", [(TRON, 1.0)], id="en-tron"),
    pytest.param("en", f"from {EVM} to {TRON}", [(EVM, 1.0), (TRON, 1.0)], id="en-two-addresses"),
    pytest.param("zh", f"我的充值地址{EVM}谢谢", [(EVM, 1.0)], id="zh-evm-touching"),
    pytest.param("zh", f"提币到{TRON}，一直没到账", [(TRON, 1.0)], id="zh-tron"),
    pytest.param("zh", f"钱包地址：{BTC_BECH32}", [(BTC_BECH32, 1.0)], id="zh-bech32"),
    pytest.param("zh", f"收款{BTC_P2PKH}吗", [(BTC_P2PKH, 1.0)], id="zh-p2pkh"),
    # Not private addresses.
    pytest.param("en", f"send to {EVM_BAD_CHECKSUM}", [], id="en-evm-bad-checksum"),
    pytest.param("en", f"deposit to {BTC_P2PKH[:-1]}3", [], id="en-btc-typo"),
    pytest.param("en", f"deposit to {TRON[:-1]}z", [], id="en-tron-typo"),
    pytest.param("en", f"btc {BTC_BECH32[:-1]}r", [], id="en-bech32-typo"),
    pytest.param("en", f"is {USDT_ERC20} the USDT contract?", [], id="en-usdt-erc20-public"),
    pytest.param("en", f"USDT contract {USDT_ERC20.lower()}", [], id="en-usdt-lower-public"),
    pytest.param("zh", f"USDT合约是{USDT_TRC20}吗", [], id="zh-usdt-trc20-public"),
    pytest.param("zh", f"USDT合约地址是 {BTC_GENESIS} 吗", [], id="zh-btc-genesis-public"),
    pytest.param(
        "en", "burn to 0x000000000000000000000000000000000000dEaD", [], id="en-dead-address"
    ),
    pytest.param("en", "0x" + "0" * 40, [], id="en-zero-address"),
    pytest.param("en", "tx 0x" + "ab12" * 16, [], id="en-64-hex-is-not-an-address"),
    pytest.param("en", f"x{EVM}", [], id="en-inside-a-word"),
    # Litecoin P2SH ("M", version 0x32) with its checksum: found, and certain.
    pytest.param(
        "en",
        "LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1",
        [("LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1", 1.0)],
        id="en-litecoin",
    ),
    pytest.param("en", "CA: " + EVM, [], id="en-token-contract"),
    # Solana: no checksum, so it counts with an address word nearby, not alone.
    pytest.param("en", "sol address " + SOLANA, [(SOLANA, 0.2)], id="en-solana"),
    pytest.param("en", "SOLANA " + SOLANA[:-3], [], id="en-solana-too-short"),
    pytest.param("zh", "合约地址 " + EVM + " 是真的吗", [], id="zh-token-contract"),
    pytest.param("zh", "版本号v1.2.3，订单号2024050112345678", [], id="zh-numbers"),
    # Well-known contracts, whatever the words around them.
    pytest.param(
        "en", "Is 0x6982508145454Ce325dDbE47a25d4ec3d2311933 the PEPE contract?", [], id="en-pepe"
    ),
    pytest.param(
        "en",
        "approve Uniswap router 0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D?",
        [],
        id="en-uniswap-v2-router",
    ),
    pytest.param(
        "en",
        "MATIC token 0x7D1AfA7B718fb893dB30A3aBc0Cfc608AaCfeBB0 on Ethereum",
        [],
        id="en-matic-token",
    ),
    pytest.param(
        "en", "swap on 0x10ED43C718714eb63d5aA57B78B54704E256024E", [], id="en-pancake-router"
    ),
    pytest.param("zh", f"充值到 {USDT_TRC20} 了", [], id="zh-usdt-trc20-listed"),
    # An unlisted address in a question about a token is public context too.
    pytest.param("en", f"is {EVM} the right contract?", [], id="en-contract-after"),
    pytest.param("en", f"what token is {EVM}", [], id="en-what-token"),
    pytest.param("en", f"{EVM} router approval, safe?", [], id="en-router-after"),
    pytest.param("zh", f"{EVM} 这个合约是真的吗", [], id="zh-contract-after"),
    pytest.param("zh", f"这个代币 {EVM} 能买吗", [], id="zh-token-before"),
    # ... but the user's own address stays private, even next to a contract word.
    pytest.param("en", f"my deposit address {EVM}", [(EVM, 1.0)], id="en-own-deposit"),
    pytest.param("zh", f"我的充值地址 {EVM}", [(EVM, 1.0)], id="zh-own-deposit"),
    pytest.param(
        "en",
        f"I sent USDT to my deposit address {EVM}, not the contract",
        [(EVM, 1.0)],
        id="en-own-address-beside-contract",
    ),
    pytest.param(
        "zh", f"我的提币地址 {EVM} 合约也对的", [(EVM, 1.0)], id="zh-own-address-beside-contract"
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_cases(lang: str, text: str, expected: list[tuple[str, float]]) -> None:
    assert found(lang, text) == spans(text, *expected)


@pytest.mark.parametrize(
    "template",
    ["send to {} please", "my deposit address {}", "我的充值地址{}", "withdraw to {} now"],
)
def test_public_list_is_what_invalidates_public_addresses(template: str) -> None:
    text = template.format(USDT_ERC20)
    recognizer = BeaconCryptoAddressRecognizer(public_addresses=frozenset())
    results = recognizer.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert [(r.start, r.end, r.score) for r in results] == spans(text, (USDT_ERC20, 1.0))
    # Listed, it is public whatever the words around it say.
    assert found("en", text) == []


def _data_lines() -> list[str]:
    text = resources.files("privacy").joinpath("data/public_addresses.txt").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("line", _data_lines())
def test_public_addresses_are_real_and_named(line: str) -> None:
    address, _, name = line.partition("#")
    address = address.strip()
    assert name.strip(), f"{address} needs a name"
    if address.startswith("0x"):
        body = address[2:]
        assert is_checksummed(address) or body == body.lower(), address
    elif len(address) in (43, 44):
        # Solana: a bare 32-byte public key or program id, no checksum.
        decoded = b58decode(address)
        assert decoded is not None and len(decoded) == 32, address
    else:
        payload = b58decode_check(address)
        assert payload is not None and payload[0] in (0x00, 0x05, 0x41), address


def test_public_addresses_load() -> None:
    public = load_public_addresses()
    assert USDT_ERC20.lower() in public and USDT_TRC20 in public
    assert len(public) == len(_data_lines())


@given(st.binary(min_size=20, max_size=20), st.booleans())
def test_any_checksummed_evm_address_is_found(raw: bytes, zh: bool) -> None:
    address = to_checksum_address("0x" + raw.hex())
    body = address[2:]
    assume(body != body.lower() and body != body.upper())
    text = f"充值地址{address}谢谢" if zh else f"my address is {address}."
    assert found("zh" if zh else "en", text) == spans(text, (address, 1.0))


@given(st.binary(min_size=20, max_size=20), st.data())
def test_random_casing_fails_eip55_unless_checksummed(raw: bytes, data: st.DataObject) -> None:
    upper = data.draw(st.lists(st.booleans(), min_size=40, max_size=40))
    body = "".join(c.upper() if u else c for c, u in zip(raw.hex(), upper, strict=True))
    address = "0x" + body
    assume(address.lower() not in PUBLIC)
    text = f"wallet {address}"
    if body in (body.lower(), body.upper()):
        expected = spans(text, (address, 0.6))
    elif address == to_checksum_address(address):
        expected = spans(text, (address, 1.0))
    else:
        expected = []
    assert found("en", text) == expected


@given(
    st.sampled_from([(0x00, "1"), (0x05, "3"), (0x41, "T")]), st.binary(min_size=20, max_size=20)
)
def test_any_base58check_address_is_found(version: tuple[int, str], raw: bytes) -> None:
    byte, prefix = version
    address = b58encode_check(bytes([byte]) + raw)
    assume(address.startswith(prefix) and len(address) >= 26)
    assume(address not in PUBLIC)
    text = f"地址{address}"
    assert found("zh", text) == spans(text, (address, 1.0))


OTHER_CHAINS = {0x41, 0x1E, 0x30, 0x32}  # TRON, Dogecoin, Litecoin P2PKH and P2SH


@given(
    st.integers(0x06, 0xFF).filter(lambda v: v not in OTHER_CHAINS),
    st.binary(min_size=20, max_size=20),
)
def test_other_version_bytes_are_not_addresses(version: int, raw: bytes) -> None:
    address = b58encode_check(bytes([version]) + raw)
    assert found("en", f"address {address}") == []


CRAFTED = [
    "1" * 4096,
    "bc1" + "q" * 4093,
    "0x" * 2048,
    "T" + "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz" * 71,
    ("地址" + "0x" + "a" * 39 + " ") * 95,
]


@pytest.mark.parametrize("text", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_4096_char_message_scans_fast(text: str) -> None:
    text = text[:4096]
    best = best_cpu_seconds(
        lambda: RECOGNIZERS["en"].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    )
    assert best < RECOGNIZER_CPU_BOUND_SECONDS, f"{best * 1000:.1f} ms CPU"
