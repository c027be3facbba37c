"""The services container: built once in `bot.app`, reached by handlers via the context."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts

__all__ = ["Services"]


@dataclass
class Services:
    settings: Settings
    db: Database
    texts: Texts
    clock: Clock
    chats: ChatDirectory

    async def close(self) -> None:
        await self.db.close()
