"""Base58 and Base58Check decoding (Bitcoin alphabet), as used by BTC, TRON and Solana."""

from __future__ import annotations

from hashlib import sha256

__all__ = ["BASE58_ALPHABET", "b58decode", "b58decode_check", "b58encode", "b58encode_check"]

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(BASE58_ALPHABET)}


def b58decode(text: str) -> bytes | None:
    """Decode Base58 text to bytes; None if a character is outside the alphabet."""
    number = 0
    for char in text:
        value = _INDEX.get(char)
        if value is None:
            return None
        number = number * 58 + value
    # Each leading "1" stands for one leading zero byte.
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * leading_zeros + body


def b58decode_check(text: str) -> bytes | None:
    """Decode Base58Check text to its payload; None if the 4-byte checksum does not match."""
    raw = b58decode(text)
    if raw is None or len(raw) < 4:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if sha256(sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


def b58encode(data: bytes) -> str:
    """Encode bytes as Base58 text."""
    number = int.from_bytes(data, "big")
    chars: list[str] = []
    while number:
        number, remainder = divmod(number, 58)
        chars.append(BASE58_ALPHABET[remainder])
    leading_zeros = len(data) - len(data.lstrip(b"\x00"))
    return "1" * leading_zeros + "".join(reversed(chars))


def b58encode_check(payload: bytes) -> str:
    """Encode a payload as Base58Check (payload + first 4 bytes of double SHA-256)."""
    return b58encode(payload + sha256(sha256(payload).digest()).digest()[:4])
