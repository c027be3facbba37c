"""Every user-facing text exists in English and Chinese with the same fields."""

from __future__ import annotations

import pytest

from bot.texts import LANGUAGES, Texts, TextsError, template_fields

TEXTS = Texts.load("Nova")


@pytest.mark.parametrize("key", TEXTS.keys())
def test_both_languages_use_the_same_fields(key: str) -> None:
    en, zh = (TEXTS.raw(key, lang) for lang in LANGUAGES)
    assert en.strip() and zh.strip()
    assert template_fields(en) == template_fields(zh), key


def test_brand_is_filled_in() -> None:
    assert "Nova" in TEXTS.get("core.welcome", "zh", name="Ann")


def test_missing_key_and_field_are_clear() -> None:
    with pytest.raises(TextsError, match=r"no text .core\.nope."):
        TEXTS.get("core.nope", "en")
    with pytest.raises(TextsError, match="needs the field"):
        TEXTS.get("core.welcome", "en")
