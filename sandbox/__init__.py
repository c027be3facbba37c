"""Local Telegram Bot API emulator, its control client and the data they exchange."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.control import ControlClient, ControlError, SandboxTimeout
from sandbox.models import (
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
from sandbox.state import BOT_USER, DEFAULT_TOKEN

if TYPE_CHECKING:
    from sandbox.emulator import BotApiEmulator

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
    # Imported on first use so `python -m sandbox.emulator` does not find the module
    # already imported by its own package (runpy warns about that).
    if name == "BotApiEmulator":
        from sandbox.emulator import BotApiEmulator

        return BotApiEmulator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
