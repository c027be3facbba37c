"""`TelegramChatActions`: the privacy guard's `ChatActions`, done with the Bot API."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import ChatMemberAdministrator, ChatMemberOwner
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.messages import Reply, Sender
from bot.privacy_guard import ChatFacts, DeleteOutcome
from handlers.telegram.render import keyboard, send_reply

__all__ = ["TelegramChatActions"]

log = logging.getLogger(__name__)


class TelegramChatActions:
    def __init__(self, bot: Any) -> None:
        self._bot = bot

    @property
    def bot_username(self) -> str:
        return str(self._bot.username)

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        try:
            await self._bot.delete_message(chat_id=chat_id, message_id=message_id)
        except BadRequest as error:
            if "not found" in error.message.lower():
                return DeleteOutcome.GONE
            # "message can't be deleted": no right, or too old for the bot to delete.
            log.info("cannot delete a message", extra={"chat_id": chat_id, "reason": error.message})
            return DeleteOutcome.NOT_ALLOWED
        except Forbidden:
            return DeleteOutcome.NOT_ALLOWED
        except TelegramError as error:
            # TimedOut, NetworkError (5xx), RetryAfter left after the rate limiter's retries,
            # ChatMigrated: the message may still be up. The guard falls back to asking.
            log.warning("delete failed", extra={"chat_id": chat_id, "reason": type(error).__name__})
            return DeleteOutcome.FAILED
        return DeleteOutcome.DELETED

    async def delete_messages(self, chat_id: int, message_ids: Sequence[int]) -> DeleteOutcome:
        try:
            await self._bot.delete_messages(chat_id=chat_id, message_ids=list(message_ids))
        except BadRequest as error:
            log.info("cannot delete messages", extra={"chat_id": chat_id, "reason": error.message})
            return DeleteOutcome.NOT_ALLOWED
        except Forbidden:
            return DeleteOutcome.NOT_ALLOWED
        except TelegramError as error:
            log.warning("delete failed", extra={"chat_id": chat_id, "reason": type(error).__name__})
            return DeleteOutcome.FAILED
        return DeleteOutcome.DELETED

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        try:
            await self._bot.edit_message_text(
                chat_id=chat_id,
                message_id=message_id,
                text=reply.text,
                parse_mode=ParseMode.HTML if reply.html else None,
                reply_markup=keyboard(reply.buttons),
            )
        except TelegramError as error:
            log.info("cannot edit a notice", extra={"chat_id": chat_id, "reason": str(error)})
            return False
        return True

    async def chat_facts(self, chat_id: int) -> ChatFacts | None:
        try:
            members = await self._bot.get_chat_administrators(chat_id=chat_id)
            chat = await self._bot.get_chat(chat_id=chat_id)
        except TelegramError as error:
            log.info("cannot list admins", extra={"chat_id": chat_id, "reason": str(error)})
            return None
        admins = frozenset(m.user.id for m in members if not m.user.is_bot)
        return ChatFacts(admin_ids=admins, linked_chat_id=chat.linked_chat_id)

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int | None:
        try:
            message = await send_reply(self._bot, chat_id, reply, thread_id=thread_id)
        except (BadRequest, Forbidden) as error:
            log.info(
                "cannot send to this chat", extra={"chat_id": chat_id, "reason": error.message}
            )
            return None
        except TelegramError as error:
            log.warning("send failed", extra={"chat_id": chat_id, "reason": type(error).__name__})
            return None
        return message.message_id

    async def chat_admins(self, chat_id: int) -> list[Sender]:
        try:
            members = await self._bot.get_chat_administrators(chat_id=chat_id)
        except TelegramError as error:
            log.info("cannot list admins", extra={"chat_id": chat_id, "reason": str(error)})
            return []
        return [
            Sender(m.user.id, m.user.first_name, m.user.username, m.user.language_code)
            for m in members
            if not m.user.is_bot
        ]

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        try:
            member = await self._bot.get_chat_member(chat_id=chat_id, user_id=user_id)
        except TelegramError as error:
            log.info("cannot check a member", extra={"chat_id": chat_id, "reason": str(error)})
            return False
        return isinstance(member, ChatMemberAdministrator | ChatMemberOwner)
