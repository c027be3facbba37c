"""CRYPTO_ADDRESS: EVM, Bitcoin and TRON wallet addresses, checksum-validated."""

from __future__ import annotations

from importlib import resources
from typing import ClassVar

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer

from privacy.validators.base58 import b58decode_check
from privacy.validators.eip55 import is_checksummed
from privacy.validators.segwit import is_segwit_address

__all__ = ["CryptoAddressRecognizer", "load_public_addresses"]

_START = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9A-Za-z])"
_BASE58 = r"[1-9A-HJ-NP-Za-km-z]"

# Base58Check version bytes: P2PKH addresses start with "1", P2SH with "3", TRON with "T".
_BTC_P2PKH = 0x00
_BTC_P2SH = 0x05
_TRON = 0x41


def load_public_addresses() -> frozenset[str]:
    """Addresses from ``privacy/data/public_addresses.txt``, lower-cased for EVM comparison."""
    text = resources.files("privacy").joinpath("data/public_addresses.txt").read_text("utf-8")
    addresses = set()
    for line in text.splitlines():
        address = line.split("#", 1)[0].strip()
        if address:
            addresses.add(_public_key(address))
    return frozenset(addresses)


def _public_key(address: str) -> str:
    # EVM addresses are case-insensitive; base58 addresses are not.
    return address.lower() if address[:2] in ("0x", "0X") else address


class CryptoAddressRecognizer(PatternRecognizer):
    """Recognize wallet addresses and check them the way wallets do.

    EVM: 0x + 40 hex; mixed case must carry a valid EIP-55 checksum (then the score is 1.0),
    all-lower or all-upper has no checksum and keeps a lower score. Bitcoin: Base58Check P2PKH
    and P2SH, Bech32/Bech32m segwit. TRON: Base58Check with the 0x41 prefix. Well-known public
    contracts and burn addresses are not reported.
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
            else load_public_addresses()
        )
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns is not None else list(self.PATTERNS),
            context=context if context is not None else list(self.CONTEXT),
            supported_language=supported_language,
            # Case carries the EIP-55 checksum and base58 data, so no IGNORECASE.
            global_regex_flags=re.DOTALL | re.MULTILINE,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Checksum the address; None (keep the pattern score) when it carries no checksum."""
        if pattern_text.startswith("0x"):
            body = pattern_text[2:]
            if body == body.lower() or body == body.upper():
                return None
            return is_checksummed(pattern_text)
        if pattern_text[:3].lower() == "bc1":
            return is_segwit_address(pattern_text)
        payload = b58decode_check(pattern_text)
        if payload is None or len(payload) != 21:
            return False
        version = payload[0]
        if pattern_text.startswith("T"):
            return version == _TRON
        if pattern_text.startswith("1"):
            return version == _BTC_P2PKH
        return version == _BTC_P2SH

    def invalidate_result(self, pattern_text: str) -> bool:
        """Drop public contracts and burn addresses that people quote about tokens."""
        return _public_key(pattern_text) in self.public_addresses
