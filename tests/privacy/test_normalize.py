"""normalize(): NFKC, invisible characters dropped, offsets back into the original text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.normalize import (
    CONFUSABLE_LETTERS,
    INVISIBLE_CHARACTERS,
    has_invisible_between_letters,
    normalize,
)

CASES = [
    ("ascii is untouched", "password: hunter2!", "password: hunter2!"),
    ("full-width digits", "验证码：７８８４５７", "验证码:788457"),
    ("full-width letters", "ＵＩＤ　１２３", "UID 123"),
    ("full-width punctuation", "密码，是！", "密码,是!"),
    ("zero-width space", "12\u200b34", "1234"),
    ("zero-width joiner and non-joiner", "a\u200cb\u200dc", "abc"),
    ("word joiner", "sol\u2060dier", "soldier"),
    ("bom", "\ufeffhello", "hello"),
    ("soft hyphen", "pass\u00adword", "password"),
    ("circled digit", "①②③", "123"),
    ("combining accent composes", "cafe\u0301", "café"),
    ("chinese is untouched", "助记词是什么", "助记词是什么"),
    ("bidi marks inside a word", "pass\u200eword \u200f12\u061c34", "password 1234"),
    ("bidi isolates", "\u2066seed\u2069", "seed"),
    ("arabic-indic digits", "٤١١١ ١١١١", "4111 1111"),
    ("extended arabic-indic digits", "۴۸۲۹۱۳", "482913"),
    ("devanagari digits", "४८२९१३", "482913"),
    ("cyrillic look-alike in a latin word", "\u0441ode 482913", "code 482913"),
    ("greek look-alike in a latin word", "ab\u03b1ndon", "abandon"),
    ("a russian word is left alone", "\u043a\u043e\u0434 482913", "\u043a\u043e\u0434 482913"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("name", "original", "expected"), CASES, ids=[c[0] for c in CASES])
def test_normalizes(name: str, original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize(("name", "original", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_character_maps_back_to_its_source(name: str, original: str, expected: str) -> None:
    normalized = normalize(original)
    for i in range(len(normalized.text)):
        start, end = normalized.to_original(i, i + 1)
        source = original[start:end]
        readings = unicodedata.normalize("NFKC", source) + "".join(
            CONFUSABLE_LETTERS.get(c, "") + str(unicodedata.decimal(c, "")) for c in source
        )
        assert normalized.text[i] in readings


def test_span_of_full_width_secret_maps_to_original() -> None:
    original = "密码：Ａｂｃ１２３４５ 谢谢"
    normalized = normalize(original)
    start = normalized.text.index("Abc12345")
    assert normalized.to_original(start, start + 8) == (3, 11)
    assert original[3:11] == "Ａｂｃ１２３４５"


def test_span_covering_removed_characters_keeps_them() -> None:
    original = "code 48\u200b29\u200b13."
    normalized = normalize(original)
    start = normalized.text.index("482913")
    assert original.__getitem__(slice(*normalized.to_original(start, start + 6))) == (
        "48\u200b29\u200b13"
    )


def test_expanding_character_maps_to_the_whole_source() -> None:
    normalized = normalize("x㎏y")  # ㎏ -> "kg"
    assert normalized.text == "xkgy"
    assert normalized.to_original(1, 3) == (1, 2)
    assert normalized.to_original(1, 2) == (1, 2)


def test_out_of_range_span_is_rejected() -> None:
    with pytest.raises(ValueError):
        normalize("abc").to_original(2, 5)


pieces = st.one_of(
    st.text(max_size=5),
    st.sampled_from(sorted(INVISIBLE_CHARACTERS)),
    st.text(alphabet="０１２３４５６７８９ＡＢＣａｂｃ：，", max_size=5),
)


@given(st.lists(pieces, max_size=20).map("".join))
def test_mapping_is_monotonic_and_in_bounds(text: str) -> None:
    normalized = normalize(text)
    assert INVISIBLE_CHARACTERS.isdisjoint(normalized.text)
    previous = (0, 0)
    for i in range(len(normalized.text)):
        start, end = normalized.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous[0] and end >= previous[1]
        previous = (start, end)
    if normalized.text:
        # Whatever lies outside the whole normalised text is invisible characters only.
        start, end = normalized.to_original(0, len(normalized.text))
        assert set(text[:start] + text[end:]) <= INVISIBLE_CHARACTERS


def test_invisible_characters_between_letters_can_read_as_spaces() -> None:
    text = "abandon\u200bability\u200b\u200cable 1\u200b2"
    spaced = normalize(text, invisible_as_space=True)
    assert spaced.text == "abandon ability able 12"
    start = spaced.text.index("able ")
    assert text[slice(*spaced.to_original(start, start + 4))] == "able"
    assert has_invisible_between_letters(text)
    assert not has_invisible_between_letters("12\u200b34 and plain words")
