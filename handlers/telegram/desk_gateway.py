"""`TelegramDeskGateway`: the desk's `DeskGateway` over the Bot API (topics, copies, files).

Telegram's refusals become the desk's own errors: `Unreachable` when the user blocked the bot,
`DeliveryFailed` for anything else Telegram rejects (missing rights, a chat that is gone).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from telegram import ReplyParameters
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.desk import DeliveryFailed, Unreachable
from bot.messages import Reply
from handlers.telegram.render import send_reply

__all__ = ["TelegramDeskGateway"]


@contextlib.asynccontextmanager
async def _refusals() -> AsyncIterator[None]:
    try:
        yield
    except Forbidden as exc:
        raise Unreachable(exc.message) from exc
    except BadRequest as exc:
        raise DeliveryFailed(exc.message) from exc


class TelegramDeskGateway:
    def __init__(self, bot: Any) -> None:
        self._bot = bot
        self._forum: dict[int, bool] = {}

    async def is_forum(self, chat_id: int) -> bool:
        if chat_id not in self._forum:
            async with _refusals():
                chat = await self._bot.get_chat(chat_id)
            self._forum[chat_id] = bool(chat.is_forum)
        return self._forum[chat_id]

    async def create_topic(self, chat_id: int, name: str) -> int:
        async with _refusals():
            topic = await self._bot.create_forum_topic(chat_id=chat_id, name=name)
        return int(topic.message_thread_id)

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int:
        async with _refusals():
            message = await send_reply(self._bot, chat_id, reply, thread_id=thread_id)
        return int(message.message_id)

    async def copy(
        self,
        chat_id: int,
        from_chat_id: int,
        message_id: int,
        *,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> int:
        params = (
            ReplyParameters(reply_to_message_id, allow_sending_without_reply=True)
            if reply_to_message_id is not None
            else None
        )
        async with _refusals():
            copied = await self._bot.copy_message(
                chat_id=chat_id,
                from_chat_id=from_chat_id,
                message_id=message_id,
                message_thread_id=thread_id,
                reply_parameters=params,
            )
        return int(copied.message_id)

    async def delete(self, chat_id: int, message_id: int) -> None:
        # Already gone, or too old to delete: the warning still goes out.
        with contextlib.suppress(TelegramError):
            await self._bot.delete_message(chat_id=chat_id, message_id=message_id)

    async def send_document(self, chat_id: int, file_name: str, data: bytes, caption: str) -> None:
        async with _refusals():
            await self._bot.send_document(
                chat_id=chat_id, document=data, filename=file_name, caption=caption
            )
