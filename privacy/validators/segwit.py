"""Segwit address validation: Bech32 (BIP-173) for v0 and Bech32m (BIP-350) for v1+.

The ``bech32`` package (1.2) only knows the original Bech32 constant, so the version rules of
BIP-350 are applied here on top of its polymod and bit conversion.
"""

from __future__ import annotations

from bech32 import CHARSET, bech32_hrp_expand, bech32_polymod, convertbits

__all__ = ["is_segwit_address"]

_BECH32_CONST = 1
_BECH32M_CONST = 0x2BC830A3


def is_segwit_address(address: str, hrp: str = "bc") -> bool:
    """True if ``address`` is a valid segwit address for ``hrp`` (mainnet "bc" by default)."""
    if len(address) > 90 or (address.lower() != address and address.upper() != address):
        return False
    address = address.lower()
    separator = address.rfind("1")
    if separator < 1 or separator + 7 > len(address) or address[:separator] != hrp:
        return False
    data = [CHARSET.find(char) for char in address[separator + 1 :]]
    if -1 in data:
        return False
    constant = bech32_polymod(bech32_hrp_expand(hrp) + data)
    values = data[:-6]
    if not values:
        return False
    version = values[0]
    if version > 16:
        return False
    # v0 must use Bech32, v1..16 must use Bech32m (BIP-350).
    expected = _BECH32_CONST if version == 0 else _BECH32M_CONST
    if constant != expected:
        return False
    program = convertbits(values[1:], 5, 8, False)
    if program is None or not 2 <= len(program) <= 40:
        return False
    return not (version == 0 and len(program) not in (20, 32))
