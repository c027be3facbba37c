"""EIP-55 mixed-case checksums for Ethereum (EVM) addresses, with Keccak-256."""

from __future__ import annotations

from Crypto.Hash import keccak

__all__ = ["is_checksummed", "to_checksum_address"]

_HEX = frozenset("0123456789abcdefABCDEF")


def to_checksum_address(address: str) -> str:
    """Return the EIP-55 form of a 0x-prefixed 40-hex-digit address."""
    body = _body(address).lower()
    digest = keccak.new(digest_bits=256, data=body.encode("ascii")).hexdigest()
    return "0x" + "".join(
        char.upper() if int(nibble, 16) >= 8 else char
        for char, nibble in zip(body, digest[:40], strict=True)
    )


def is_checksummed(address: str) -> bool:
    """True if a mixed-case address carries a correct EIP-55 checksum."""
    try:
        return to_checksum_address(address)[2:] == _body(address)
    except ValueError:
        return False


def _body(address: str) -> str:
    body = address[2:] if address[:2] in ("0x", "0X") else address
    if len(body) != 40 or not _HEX.issuperset(body):
        raise ValueError("an EVM address is 40 hexadecimal digits")
    return body
