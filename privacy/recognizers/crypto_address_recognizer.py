"""CRYPTO_ADDRESS: EVM, Bitcoin and TRON wallet addresses, checksum-validated."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, ClassVar

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from privacy.validators.base58 import b58decode, b58decode_check
from privacy.validators.context import ContextWords
from privacy.validators.eip55 import is_checksummed
from privacy.validators.segwit import is_segwit_address

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["BeaconCryptoAddressRecognizer", "is_public_address", "load_public_addresses"]

_START = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9A-Za-z])"
_BASE58 = r"[1-9A-HJ-NP-Za-km-z]"

# Base58Check version bytes: P2PKH addresses start with "1", P2SH with "3", TRON with "T".
_BTC_P2PKH = 0x00
_BTC_P2SH = 0x05
_TRON = 0x41
# Dogecoin P2PKH ("D"), Litecoin P2PKH ("L") and P2SH ("M").
_ALTCOIN_VERSIONS = {"D": (0x1E,), "L": (0x30,), "M": (0x32,)}
_SOLANA_PATTERN = "Solana address (base58, 32 bytes)"
# Sixteen "1"s are sixteen zero bytes: a vanity program id, never a generated key.
_PROGRAM_ID_PADDING = "1" * 16


def load_public_addresses() -> frozenset[str]:
    """Addresses from ``privacy/data/public_addresses.txt``, lower-cased for EVM comparison."""
    text = resources.files("privacy").joinpath("data/public_addresses.txt").read_text("utf-8")
    addresses = set()
    for line in text.splitlines():
        address = line.split("#", 1)[0].strip()
        if address:
            addresses.add(_public_key(address))
    return frozenset(addresses)


@cache
def _default_public_addresses() -> frozenset[str]:
    return load_public_addresses()


def is_public_address(value: str) -> bool:
    """True if ``value`` is exactly one of the listed public contract or burn addresses."""
    return _public_key(value) in _default_public_addresses()


def _public_key(address: str) -> str:
    # EVM addresses are case-insensitive; base58 addresses are not.
    return address.lower() if address[:2] in ("0x", "0X") else address


class BeaconCryptoAddressRecognizer(PatternRecognizer):
    """Recognize wallet addresses and check them the way wallets do.

    EVM: 0x + 40 hex; mixed case must carry a valid EIP-55 checksum (then the score is 1.0),
    all-lower or all-upper has no checksum and keeps a lower score. Bitcoin: Base58Check P2PKH
    and P2SH, Bech32/Bech32m segwit. TRON: Base58Check with the 0x41 prefix. Dogecoin and
    Litecoin: Base58Check with their version bytes, Litecoin segwit. Solana: 43-44 base58
    characters decoding to 32 bytes; with no checksum it needs an address word nearby.
    Well-known public contracts and burn addresses, and addresses named as a token contract
    ("CA:", "合约地址"), are not reported.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("EVM address", _START + r"0x[0-9a-fA-F]{40}" + _END, 0.6),
        Pattern("BTC base58 address", _START + r"[13]" + _BASE58 + r"{25,34}" + _END, 0.3),
        Pattern(
            "BTC segwit address",
            _START + r"(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}" + _END,
            0.3,
        ),
        Pattern("TRON address", _START + r"T" + _BASE58 + r"{33}" + _END, 0.3),
        Pattern("DOGE/LTC base58 address", _START + r"[DLM]" + _BASE58 + r"{33}" + _END, 0.3),
        Pattern("LTC segwit address", _START + r"(?:ltc1|LTC1)[02-9ac-hj-np-z]{8,87}" + _END, 0.3),
        # A Solana address is a bare 32-byte public key: no checksum, so it needs a wallet or
        # address word nearby to count.
        Pattern(_SOLANA_PATTERN, _START + _BASE58 + r"{43,44}" + _END, 0.2),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "address",
        "wallet",
        "deposit",
        "withdraw",
        "withdrawal",
        "send to",
        "receive",
        "erc20",
        "trc20",
        "bep20",
        "usdt",
        "btc",
        "eth",
        "sol",
        "solana",
        "phantom",
        "spl",
        "地址",
        "钱包",
        "钱包地址",
        "充值",
        "充币",
        "提现",
        "提币",
        "转账",
        "收款",
        "收币",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        supported_entity: str = "CRYPTO_ADDRESS",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        public_addresses: frozenset[str] | None = None,
    ) -> None:
        self.public_addresses = (
            frozenset(_public_key(a) for a in public_addresses)
            if public_addresses is not None
            else _default_public_addresses()
        )
        self._contract_words = ContextWords(self.CONTRACT_CONTEXT, before=24, after=24)
        self._token_words = ContextWords(self.TOKEN_CONTEXT, before=16, after=0)
        self._owner_words = ContextWords(self.OWNER_CONTEXT, before=40, after=0)
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns is not None else list(self.PATTERNS),
            context=context if context is not None else list(self.CONTEXT),
            supported_language=supported_language,
            # Case carries the EIP-55 checksum and base58 data, so no IGNORECASE.
            global_regex_flags=re.DOTALL | re.MULTILINE,
        )

    # Words that make an address a token or DEX contract, which is public, before or after
    # it: "CA: 0x...", "is 0x... the PEPE contract?", "Uniswap router 0x...", "合约地址".
    CONTRACT_CONTEXT: ClassVar[list[str]] = [
        "contract",
        "contracts",
        "ca",
        "token address",
        "token contract",
        "router",
        "合约",
        "合约地址",
        "代币地址",
        "代币合约",
        "路由",
    ]
    # A token named right before the address: "MATIC token 0x...", "what token is 0x...".
    TOKEN_CONTEXT: ClassVar[list[str]] = ["token", "tokens", "代币", "什么币"]
    # Words that make an address the user's own even next to a contract word ("I sent USDT
    # to my deposit address 0x..., not the contract").
    OWNER_CONTEXT: ClassVar[list[str]] = [
        "my",
        "mine",
        "deposit",
        "deposited",
        "withdraw",
        "withdrew",
        "withdrawal",
        "receive",
        "receiving",
        "我的",
        "充值",
        "充币",
        "提现",
        "提币",
        "收款",
        "收币",
    ]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find addresses; drop those named as token or DEX contracts (a question about a
        token), unless the user also calls the address their own."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        return [r for r in results if not self._is_public_context(text, r.start, r.end)]

    def _is_public_context(self, text: str, start: int, end: int) -> bool:
        named = self._contract_words.near(text, start, end) or self._token_words.near(
            text, start, end
        )
        return named and not self._owner_words.near(text, start, end)

    def validate_result(self, pattern_text: str) -> bool | None:
        """Checksum the address; None (keep the pattern score) when it carries no checksum."""
        if pattern_text[:4].lower() == "ltc1":
            return is_segwit_address(pattern_text.lower(), hrp="ltc")
        if pattern_text.startswith("0x"):
            body = pattern_text[2:]
            if body == body.lower() or body == body.upper():
                return None
            return is_checksummed(pattern_text)
        if pattern_text[:3].lower() == "bc1":
            return is_segwit_address(pattern_text)
        if len(pattern_text) in (43, 44):
            # Solana: a 32-byte key, kept at the pattern's score (there is no checksum).
            decoded = b58decode(pattern_text)
            return None if decoded is not None and len(decoded) == 32 else False
        payload = b58decode_check(pattern_text)
        if payload is None or len(payload) != 21:
            return False
        version = payload[0]
        if pattern_text[0] in _ALTCOIN_VERSIONS:
            return version in _ALTCOIN_VERSIONS[pattern_text[0]]
        if pattern_text.startswith("T"):
            return version == _TRON
        if pattern_text.startswith("1"):
            return version == _BTC_P2PKH
        return version == _BTC_P2SH

    def invalidate_result(self, pattern_text: str) -> bool:
        """Drop public contracts and burn addresses that people quote about tokens, and
        Solana program ids (a name padded with "1"s: "Vote111...", "Stake111...")."""
        return _public_key(pattern_text) in self.public_addresses or (
            len(pattern_text) in (43, 44) and _PROGRAM_ID_PADDING in pattern_text
        )
