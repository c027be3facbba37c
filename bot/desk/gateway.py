"""What the desk needs from the messenger to reach other chats (the staff chat, a user's DM).

Replies to the chat a message came from are returned to the handler; everything sent elsewhere
goes through this protocol, implemented for Telegram in `handlers/telegram/desk_gateway.py`.
"""

from __future__ import annotations

from typing import Protocol

from bot.errors import BeaconError
from bot.messages import Reply

__all__ = ["DeliveryFailed", "DeskGateway", "Unreachable"]


class DeliveryFailed(BeaconError):
    """The messenger refused a send (no right to create topics, chat not found, ...)."""


class Unreachable(DeliveryFailed):
    """The user cannot be messaged (they blocked the bot or deleted their account)."""


class DeskGateway(Protocol):
    async def is_forum(self, chat_id: int) -> bool:
        """Whether the chat has forum topics (one topic per ticket)."""
        ...

    async def create_topic(self, chat_id: int, name: str) -> int:
        """Create a forum topic; return its thread id."""
        ...

    async def send(
        self,
        chat_id: int,
        reply: Reply,
        *,
        thread_id: int | None = None,
    ) -> int:
        """Send a message; return its message id."""
        ...

    async def copy(
        self,
        chat_id: int,
        from_chat_id: int,
        message_id: int,
        *,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> int:
        """Copy a message (text, photo, file, ...) without its sender; return the new id."""
        ...

    async def delete(self, chat_id: int, message_id: int) -> None: ...

    async def send_document(
        self, chat_id: int, file_name: str, data: bytes, caption: str
    ) -> None: ...
