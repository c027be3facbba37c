"""What the guard needs from Telegram, as one small Protocol (`handlers/telegram/
impersonation_actions.py` implements it with the Bot API; tests supply a fake)."""

from __future__ import annotations

from typing import Protocol

from bot.impersonation.models import Member
from bot.messages import Reply

__all__ = ["GuardActions"]


class GuardActions(Protocol):
    """Each call returns False (or None) when Telegram refused or failed; never raises."""

    async def restrict(self, chat_id: int, user_id: int) -> bool: ...

    async def unrestrict(self, chat_id: int, user_id: int) -> bool: ...

    async def ban(self, chat_id: int, user_id: int) -> bool: ...

    async def unban(self, chat_id: int, user_id: int) -> bool: ...

    async def ban_sender_chat(self, chat_id: int, sender_chat_id: int) -> bool: ...

    async def unban_sender_chat(self, chat_id: int, sender_chat_id: int) -> bool: ...

    async def delete(self, chat_id: int, message_id: int) -> bool: ...

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int | None:
        """Post a message; its id, or None."""
        ...

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool: ...

    async def chat_admins(self, chat_id: int) -> list[Member] | None:
        """The chat's administrators (bots included), or None when they cannot be listed."""
        ...

    async def member(self, chat_id: int, user_id: int) -> Member | None:
        """A user's current names, as Telegram shows them in that chat."""
        ...
