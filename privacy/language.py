"""Which NLP pipeline a message goes through: Beacon's one language rule (`bot.language`)."""

from __future__ import annotations

from bot.language import detect_language

__all__ = ["detect_language"]
