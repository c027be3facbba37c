"""Which language a message is in: Chinese when it has a real share of CJK characters."""

from __future__ import annotations

__all__ = ["detect_language", "normalise_language_code"]


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def detect_language(text: str, hint: str | None = None) -> str:
    """Return "zh" or "en". Mixed messages ("充值 USDT not arrived") count as Chinese once a
    few Chinese characters appear, because Chinese readers are the ones who mix."""
    cjk = sum(1 for ch in text if _is_cjk(ch))
    letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if cjk >= 2 or (cjk and cjk * 3 >= letters):
        return "zh"
    if letters:
        return "en"
    return normalise_language_code(hint)


def normalise_language_code(code: str | None) -> str:
    """Map Telegram's `language_code` (zh-hans, zh-TW, en-GB, ...) to "zh" or "en"."""
    return "zh" if code and code.lower().startswith("zh") else "en"
