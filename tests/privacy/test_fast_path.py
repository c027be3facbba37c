"""The fast path never drops what the full scan finds, however the context word is written.

Context words reach the scanner spaced ("验证 码"), with filler between their characters
("验证的码"), in mixed scripts ("ga 码", "сode" with a Cyrillic с), in any case, with bidi marks
inside. Whatever the full scan makes of such a message, ``scan`` (prefilter, then only the
candidate recognizers) and ``redact`` must make the same.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy import PrivacyScanner
from privacy.normalize import CONFUSABLE_LETTERS
from privacy.prefilter import CONTEXT_GATES
from privacy.recognizers.password_recognizer import BeaconPasswordRecognizer
from privacy.redact import redact

_LOOK_ALIKE = {latin: other for other, latin in CONFUSABLE_LETTERS.items()}
_WORDS = sorted({w for words in CONTEXT_GATES.values() for w in words})
_WORDS += list(BeaconPasswordRecognizer.PIN_CONTEXT)
_FILLERS = ["", " ", "  ", "的", " 的 ", "之", "-", "_", "·", "\u200e", "\u200b", "，"]


@st.composite
def context_word(draw: st.DrawFn) -> str:
    """A context word as people write it: spaced, filled, re-cased, partly look-alike."""
    word = draw(st.sampled_from(_WORDS))
    out = []
    for i, char in enumerate(word):
        if i and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(_FILLERS)))
        if char.isascii() and char.isalpha():
            if draw(st.booleans()):
                char = char.upper()
            if draw(st.integers(0, 4)) == 0:
                char = _LOOK_ALIKE.get(char, char)
        out.append(char)
    return "".join(out)


numbers = st.one_of(
    st.integers(1000, 99999999).map(str),
    st.tuples(st.integers(100, 999), st.integers(100, 999)).map(lambda p: f"{p[0]} {p[1]}"),
)
around = st.sampled_from(["", "my ", "我的", "请问", "the ", "我的 ", "ok "])
between = st.sampled_from(["", " ", ": ", "是", " is ", "：", "=", " 是 ", "\u200f "])
after = st.sampled_from(["", " thanks", " 谢谢", "，为什么登不上", " not working", "?"])


@settings(max_examples=400, deadline=None)
@given(
    before=around, word=context_word(), sep=between, number=numbers, tail=after, first=st.booleans()
)
def test_scan_agrees_with_scan_full_on_spelled_context(
    privacy_scanner: PrivacyScanner,
    before: str,
    word: str,
    sep: str,
    number: str,
    tail: str,
    first: bool,
) -> None:
    text = f"{before}{word}{sep}{number}{tail}" if first else f"{before}{number} {word}{tail}"
    fast = privacy_scanner.scan(text)
    full = privacy_scanner.scan_full(text)
    assert fast.private == full.private, text
    assert {f.type for f in fast.findings} == {f.type for f in full.findings}, text
    assert privacy_scanner.redact(text) == redact(text, full.findings), text


@pytest.mark.parametrize(
    "text",
    ["谷歌 验证 482913", "验证 码 482913", "验证的码 9145", "ga 码 482913", "\u0441ode 482913"],
)
def test_the_reported_spellings_are_found_by_both(
    privacy_scanner: PrivacyScanner, text: str
) -> None:
    assert [f.type for f in privacy_scanner.scan(text).findings] == ["VERIFICATION_CODE"]
    assert [f.type for f in privacy_scanner.scan_full(text).findings] == ["VERIFICATION_CODE"]
