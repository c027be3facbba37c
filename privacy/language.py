"""Which NLP pipeline a message goes through: "zh" once it holds a real share of CJK."""

from __future__ import annotations

import regex

_CJK = regex.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = regex.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """Return "zh" or "en" (the same rule as ``bot.language.detect_language``).

    Mixed messages ("充值 USDT not arrived") go to Chinese once a few Chinese characters
    appear: the Chinese tokenizer handles embedded English words, not the other way round.
    """
    cjk = len(_CJK.findall(text))
    if cjk >= 2:
        return "zh"
    letters = len(_LATIN.findall(text))
    return "zh" if cjk and cjk * 3 >= letters else "en"


__all__ = ["detect_language"]
