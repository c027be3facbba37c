"""What a QR code holds: wallet secrets are critical, public payment data is not."""

from __future__ import annotations

import json

import pytest
from mnemonic import Mnemonic

from privacy.image.key_payloads import secret_in_code
from privacy.validators.base58 import b58encode, b58encode_check

KEY = bytes.fromhex("0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d")
XPRV = (
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU"
    "3TGtRBeJgk33yuGBxrMPHi"
)

SECRETS = {
    "WIF, uncompressed": (b58encode_check(b"\x80" + KEY), "PRIVATE_KEY"),
    "WIF, compressed": (b58encode_check(b"\x80" + KEY + b"\x01"), "PRIVATE_KEY"),
    "WIF, testnet": (b58encode_check(b"\xef" + KEY + b"\x01"), "PRIVATE_KEY"),
    "hex key": (KEY.hex(), "PRIVATE_KEY"),
    "hex key with 0x": ("0x" + KEY.hex(), "PRIVATE_KEY"),
    "xprv": (XPRV, "PRIVATE_KEY"),
    "Solana keypair, base58": (b58encode(KEY + KEY[::-1]), "PRIVATE_KEY"),
    "Solana keypair, JSON bytes": (json.dumps(list(KEY + KEY[::-1])), "PRIVATE_KEY"),
    "mnemonic": (Mnemonic("english").to_mnemonic(KEY[:16]), "SEED_PHRASE"),
    "2FA setup": (
        "otpauth://totp/Nova:alice?secret=JBSWY3DPEHPK3PXP&issuer=Nova",
        "VERIFICATION_CODE",
    ),
}

PUBLIC = {
    "bitcoin address": "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "ethereum address": "0xdAC17F958D2ee523a2206206994597C13D831ec7",
    "payment link": "bitcoin:1BoatSLRHtKNngkdXEeobR76b53LETtpyT?amount=0.01",
    "solana address (32 bytes)": b58encode(KEY),
    "website": "https://www.example.com/download",
    "WIF with a broken checksum": b58encode_check(b"\x80" + KEY)[:-1] + "2",
    "32 numbers": json.dumps(list(KEY)),
}


@pytest.mark.parametrize("name", list(SECRETS))
def test_a_wallet_secret_in_a_code(name: str) -> None:
    payload, kind = SECRETS[name]
    assert secret_in_code(payload) == kind


@pytest.mark.parametrize("name", list(PUBLIC))
def test_public_payment_data_in_a_code(name: str) -> None:
    assert secret_in_code(PUBLIC[name]) is None
