"""Which language a message is in: the one rule every part of Beacon uses.

The inbound message's language (what the bot answers in), the matcher's card language and the
privacy scanner's NLP pipeline all come from `detect_language`, so one message never gets
texts in one language and cards in the other.

The rule: Chinese once the text has two CJK characters, or one that is a real share of a short
text ("UID是"); mixed messages ("充值 USDT not arrived", "how to withdraw my USDT to 钱包") count
as Chinese because Chinese readers are the ones who mix, and the Chinese tokenizer handles
embedded English words, not the other way round. Text with no letters at all (digits, emoji)
takes the user's Telegram language when there is one.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["detect_language", "normalise_language_code"]

# CJK unified ideographs, extension A, compatibility ideographs, and extensions B-H.
_CJK = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f]"
)
_LATIN = re.compile("[A-Za-z]")


def detect_language(text: str, hint: str | None = None) -> str:
    """Return "zh" or "en"; `hint` (Telegram's `language_code`) only decides text without
    letters, so every caller that has the text gets the same answer."""
    normalized = unicodedata.normalize("NFKC", text)
    cjk = len(_CJK.findall(normalized))
    if cjk >= 2:
        return "zh"
    letters = len(_LATIN.findall(normalized))
    if cjk and cjk * 3 >= letters:
        return "zh"
    if letters:
        return "en"
    return normalise_language_code(hint)


def normalise_language_code(code: str | None) -> str:
    """Map Telegram's `language_code` (zh-hans, zh-TW, en-GB, ...) to "zh" or "en"."""
    return "zh" if code and code.lower().startswith("zh") else "en"
