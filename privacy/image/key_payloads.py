"""What a QR code holds, when it is a wallet's secret.

Wallets export private keys and seed phrases as QR codes; a code that decodes to one is a
critical secret whatever text surrounds it. Addresses and payment links are public.
"""

from __future__ import annotations

import json
import re

from privacy.entities import PRIVATE_KEY, SEED_PHRASE, VERIFICATION_CODE
from privacy.image.seed_words import Segment, seed_phrases
from privacy.validators.base58 import b58decode, b58decode_check

__all__ = ["secret_in_code"]

_HEX_KEY = re.compile(r"(?:0x)?[0-9a-fA-F]{64}")
_BASE58 = re.compile(r"[1-9A-HJ-NP-Za-km-z]{43,100}")
_WIF_VERSIONS = (0x80, 0xEF)  # mainnet, testnet
# BIP32 extended private keys and their SLIP-132 variants (xprv yprv zprv tprv uprv vprv ...).
_EXTENDED_PRIVATE = re.compile(r"[xyztuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}")
_OTPAUTH = re.compile(r"otpauth://[th]otp/\S*[?&]secret=[A-Z2-7=]{16,}", re.IGNORECASE)


def secret_in_code(payload: str, segment: Segment | None = None) -> str | None:
    """The entity type of the secret the code holds (PRIVATE_KEY, SEED_PHRASE,
    VERIFICATION_CODE for a 2FA setup key), or None."""
    text = payload.strip()
    if _OTPAUTH.match(text):
        return VERIFICATION_CODE
    if _is_private_key(text):
        return PRIVATE_KEY
    if seed_phrases(text, segment):
        return SEED_PHRASE
    return None


def _is_private_key(text: str) -> bool:
    if _HEX_KEY.fullmatch(text):
        return True  # a bare 32-byte hex secret; a transaction is shared as a link, not this
    if _EXTENDED_PRIVATE.fullmatch(text):
        payload = b58decode_check(text)
        return payload is not None and len(payload) == 78
    if _BASE58.fullmatch(text):
        payload = b58decode_check(text)
        if payload is not None and len(payload) in (33, 34) and payload[0] in _WIF_VERSIONS:
            return len(payload) == 33 or payload[-1] == 0x01  # WIF, compressed or not
        raw = b58decode(text)
        return raw is not None and len(raw) == 64  # a Solana (ed25519) keypair
    return _is_byte_array_key(text)


def _is_byte_array_key(text: str) -> bool:
    """The JSON array of 64 bytes Solana's CLI writes as a keypair file."""
    if not (text.startswith("[") and text.endswith("]")):
        return False
    try:
        values = json.loads(text)
    except ValueError:
        return False
    return (
        isinstance(values, list)
        and len(values) == 64
        and all(isinstance(v, int) and 0 <= v <= 255 for v in values)
    )
