"""What the desk keeps of a message: critical secrets and CVVs never, card numbers masked.

These use the real privacy scanner (the desk's `ScannerSecretDetector`).
"""

from __future__ import annotations

import pytest

from bot.desk import ScannerSecretDetector, strip_secrets
from privacy import build_scanner

CARD = "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def detector() -> ScannerSecretDetector:
    return ScannerSecretDetector(build_scanner())


CASES = [
    # (case, text, must not survive, must survive, kinds)
    ("card number", f"charged twice on card {CARD}", ["4111 1111 1111"], ["•••• 1111"], ()),
    (
        "card and cvv",
        f"card {CARD} cvv 318 exp 09/28",
        ["4111 1111 1111", "318"],
        ["•••• 1111"],
        ("CARD_SECURITY_CODE",),
    ),
    ("cvv alone", "the cvv is 907", ["907"], [], ("CARD_SECURITY_CODE",)),
    (
        "password",
        "my password is Tr0ub4dor&3x!",
        ["Tr0ub4dor&3x!"],
        ["[PASSWORD]"],
        ("PASSWORD",),
    ),
    ("nothing", "my deposit is missing since yesterday", [], ["deposit is missing"], ()),
]


@pytest.mark.parametrize(
    ("text", "gone", "kept", "kinds"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_what_the_desk_keeps(
    detector: ScannerSecretDetector,
    text: str,
    gone: list[str],
    kept: list[str],
    kinds: tuple[str, ...],
) -> None:
    cleaned = strip_secrets(detector, text)
    for value in gone:
        assert value not in cleaned.text
    for value in kept:
        assert value in cleaned.text
    assert cleaned.kinds == kinds
