"""Crafted 4,096-character messages aimed at Beacon's own recognizers stay fast.

Each shape targets one way a detector goes quadratic or backtracks: long digit/hex runs
against lookarounds, hex groups against the grouped-key pattern, word runs against the seed
phrase window search, floods of context words against the context enhancer, CJK/ASCII
alternation against boundaries. The unit-test bound is generous, in CPU time, best of three
runs (``tests/privacy/timing.py``), so a busy machine does not make it flaky;
``python -m bench.privacy`` measures the strict 50 ms wall-clock goal.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from privacy import PrivacyScanner
from tests.privacy.timing import SCAN_CPU_BOUND_SECONDS, best_cpu_seconds

LENGTH = 4096
ENGLISH = Mnemonic("english").wordlist
CHINESE = Mnemonic("chinese_simplified").wordlist
RNG = random.Random(4)
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def fill(motif: str) -> str:
    return (motif * (LENGTH // len(motif) + 1))[:LENGTH]


def digits(count: int) -> str:
    return "".join(RNG.choice(string.digits) for _ in range(count))


def joined(piece: Callable[[], str]) -> str:
    """Fresh pieces separated by spaces up to LENGTH characters."""
    text = ""
    while len(text) < LENGTH:
        text += piece() + " "
    return text[:LENGTH]


SHAPES = {
    "digit run": "7" * LENGTH,
    "4-digit groups": fill("1234 "),
    "3-digit groups": fill("123 "),
    "dashed digits": fill("12-345-"),
    "hex run": "".join(RNG.choice("0123456789abcdef") for _ in range(LENGTH)),
    "hex groups": fill("abcd "),
    "hex groups with dashes": fill("ab12-"),
    "64-hex blocks": fill("私钥 " + "ab12" * 16 + " "),
    "4096 a": "a" * LENGTH,
    "spaced a": fill("a "),
    "random bip39 words": " ".join(RNG.choice(ENGLISH) for _ in range(LENGTH))[:LENGTH],
    "one bip39 word repeated": fill("abandon "),
    "random chinese bip39": "".join(RNG.choice(CHINESE) for _ in range(LENGTH)),
    "spaced chinese bip39": " ".join(RNG.choice(CHINESE) for _ in range(LENGTH))[:LENGTH],
    "chinese with commas": fill("的，"),
    "cjk/ascii alternating": fill("密a"),
    "cjk/digit alternating": fill("码1"),
    "password keywords": fill("password: "),
    "password tokens": fill("Ab1!cdef9 "),
    "code context flood": fill("验证码 482913 "),
    "uid context flood": fill("UID 12345678 "),
    "api keyword flood": fill("api key: "),
    "pem header then junk": "-----BEGIN PRIVATE KEY-----" + "A" * (LENGTH - 27),
    "full-width digits": fill("１２３４ "),
    "zero-width digits": fill("1\u200b"),
    "masked stars": fill("4829****"),
    "single digits spaced": fill("1 "),
    "code word and single digits": fill("验证码 4 0 0 6 4 5 "),
    "login attempts": fill("tried Ab1!cdef9 and "),
    # Every number distinct, so no cache helps: libphonenumber's cost per candidate shows.
    "distinct cn mobiles": joined(lambda: "1" + RNG.choice("3456789") + digits(9)),
    "distinct +86 mobiles": joined(lambda: "+86 1" + RNG.choice("3456789") + digits(9)),
    "distinct north american numbers": joined(
        lambda: f"({RNG.randint(200, 999)}) {RNG.randint(200, 999)}-{digits(4)}"
    ),
    "distinct international numbers": joined(lambda: "+44 7911 " + digits(6)),
    "short login attempts": joined(lambda: "tried abc" + digits(3)),
    "credential pairs": joined(lambda: "u: ab" + digits(2) + " p: x" + digits(4)),
    "six-digit passwords": joined(lambda: "密码 " + digits(6)),
    "solana-like": joined(lambda: "".join(RNG.choice(BASE58) for _ in range(44))),
    "chinese bip39 groups": joined(lambda: "".join(RNG.choice(CHINESE) for _ in range(6))),
    "uids with units": joined(lambda: "uid " + digits(8) + " sats"),
}


def best_of_three(scanner: PrivacyScanner, text: str) -> float:
    return best_cpu_seconds(lambda: scanner.scan(text))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_crafted_shape_scans_quickly(privacy_scanner: PrivacyScanner, shape: str) -> None:
    text = SHAPES[shape]
    assert len(text) == LENGTH
    assert best_of_three(privacy_scanner, text) < SCAN_CPU_BOUND_SECONDS


motifs = st.lists(
    st.one_of(
        st.text(string.digits, min_size=1, max_size=12),
        st.text("0123456789abcdef", min_size=1, max_size=70),
        st.sampled_from(ENGLISH),
        st.sampled_from(CHINESE),
        st.sampled_from(["password:", "密码", "验证码", "UID", "私钥", "api key", "助记词", "2FA"]),
        st.text(string.ascii_letters + string.digits + "!#*", min_size=1, max_size=20),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(motif=motifs, separator=st.sampled_from(["", " ", "-", "，", "\u200b"]))
def test_repeated_motifs_scan_quickly(
    privacy_scanner: PrivacyScanner, motif: list[str], separator: str
) -> None:
    text = fill(separator.join(motif) + separator)
    assert best_of_three(privacy_scanner, text) < SCAN_CPU_BOUND_SECONDS
