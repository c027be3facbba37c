"""Local Telegram Bot API emulator, its control client and the data they exchange."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox.control import ControlClient, ControlError, SandboxTimeout
from bot.sandbox.models import (
    ADMIN_RIGHTS,
    FAULT_KINDS,
    BotCall,
    CallbackQueryState,
    ChatMemberState,
    ChatMessage,
    InlineQueryState,
    LimitSettings,
    LimitStats,
    SandboxChat,
    SandboxFile,
    SandboxUser,
)
from bot.sandbox.state import BOT_USER, DEFAULT_TOKEN

if TYPE_CHECKING:
    from bot.sandbox.emulator import BotApiEmulator

__all__ = [
    "ADMIN_RIGHTS",
    "BOT_USER",
    "DEFAULT_TOKEN",
    "FAULT_KINDS",
    "BotApiEmulator",
    "BotCall",
    "CallbackQueryState",
    "ChatMemberState",
    "ChatMessage",
    "ControlClient",
    "ControlError",
    "InlineQueryState",
    "LimitSettings",
    "LimitStats",
    "SandboxChat",
    "SandboxFile",
    "SandboxTimeout",
    "SandboxUser",
]


def __getattr__(name: str) -> Any:
    # Imported on first use so `python -m bot.sandbox.emulator` does not find the module
    # already imported by its own package (runpy warns about that).
    if name == "BotApiEmulator":
        from bot.sandbox.emulator import BotApiEmulator

        return BotApiEmulator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
