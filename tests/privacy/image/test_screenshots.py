"""Screenshots and QR codes made here, read by the real OCR and QR decoder, then scanned.

Each case names what a member would post; the expected types are what the guard must act
on (an empty set: it must stay quiet).
"""

from __future__ import annotations

import pytest
from mnemonic import Mnemonic

from privacy import Severity
from privacy.image import ImageTextScanner
from privacy.image.reader import ImageReader
from tests.privacy.image.screens import DESKTOP, qr_png, render

SEED = Mnemonic("english").to_mnemonic(bytes.fromhex("9e2c1d4b7a05f36e8d1c2b3a49586f70"))
SEED_ZH = Mnemonic("chinese_simplified").to_mnemonic(
    bytes.fromhex("0f1e2d3c4b5a69788796a5b4c3d2e1f0")
)
WORDS, WORDS_ZH = SEED.split(), SEED_ZH.split()
WIF = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
XPRV = (
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU"
    "3TGtRBeJgk33yuGBxrMPHi"
)
USDT_CONTRACT = "0xdAC17F958D2ee523a2206206994597C13D831ec7"

CASES = {
    "phone en withdrawal page with e-mail": (
        render(["Withdrawal details", "Email: alice.chen@gmail.com", "Network: TRC20"]),
        {"EMAIL_ADDRESS"},
    ),
    "phone zh error dialog with a phone number": (
        render(["提示", "手机号 13812345678 未绑定，请先绑定后再提现", "确定"]),
        {"PHONE_NUMBER"},
    ),
    "desktop en account page with e-mail and UID": (
        render(
            ["Account settings", "UID: 48291738", "Email: wang.lei@outlook.com", "Log out"],
            DESKTOP,
        ),
        {"EMAIL_ADDRESS", "ACCOUNT_ID"},
    ),
    "phone seed phrase run together": (
        render(
            ["Back up your wallet", "".join(WORDS[:4]), "".join(WORDS[4:8]), "".join(WORDS[8:])]
        ),
        {"SEED_PHRASE"},
    ),
    "phone seed phrase in a numbered grid, numbered down the columns": (
        render(
            ["助记词备份"] + [f"{i + 1} {WORDS[i]}      {i + 7} {WORDS[i + 6]}" for i in range(6)]
        ),
        {"SEED_PHRASE"},
    ),
    "phone chinese seed phrase in a grid": (
        render(["请抄写助记词"] + ["   ".join(WORDS_ZH[i : i + 3]) for i in range(0, 12, 3)]),
        {"SEED_PHRASE"},
    ),
    "phone private key wrapped over lines": (
        render(["Export private key", WIF], wrap_px=560),
        {"PRIVATE_KEY"},
    ),
    "phone QR code of a WIF key": (render(["Scan to import"], qr=WIF), {"PRIVATE_KEY"}),
    "phone QR code of a mnemonic": (render(["Wallet backup"], qr=SEED), {"SEED_PHRASE"}),
    "image document: QR code of an xprv": (qr_png(XPRV), {"PRIVATE_KEY"}),
    "desktop price chart": (
        render(
            ["BTC/USDT  62,450.5  +2.31%", "24h High 63,100.0   24h Low 61,020.4"],
            DESKTOP,
            chart=True,
        ),
        set(),
    ),
    "phone official announcement with the public USDT contract": (
        render(
            [
                "Official announcement",
                "USDT (ERC20) deposits are open again.",
                "Contract address:",
                USDT_CONTRACT,
                "Never share your password or 2FA code.",
            ],
            wrap_px=900,
        ),
        set(),
    ),
    "phone masked account data": (
        render(["个人中心", "UID 4829****8291", "邮箱 al***@gmail.com", "手机 138****5678"]),
        set(),
    ),
    "phone QR code of a deposit address": (
        render(["Deposit USDT"], qr="TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        set(),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_screenshot(name: str, image_reader: ImageReader, image_scanner: ImageTextScanner) -> None:
    data, expected = CASES[name]
    scan = image_scanner.scan(image_reader.read(data))
    found = {f.type for f in scan.findings}
    assert found == expected, f"{name}: {found} (read {len(scan.text)} characters)"


def test_a_key_in_a_qr_code_is_critical(
    image_reader: ImageReader, image_scanner: ImageTextScanner
) -> None:
    scan = image_scanner.scan(image_reader.read(CASES["phone QR code of a WIF key"][0]))
    assert scan.findings and all(f.severity is Severity.CRITICAL for f in scan.findings)


def test_what_was_read_does_not_show_in_its_repr(image_reader: ImageReader) -> None:
    image = image_reader.read(CASES["phone en withdrawal page with e-mail"][0])
    assert "alice" in image.text
    assert "alice" not in repr(image) and "alice" not in str(image)
