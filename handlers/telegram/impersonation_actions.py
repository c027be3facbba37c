"""`TelegramGuardActions`: the anti-impersonation guard's `GuardActions`, with the Bot API."""

from __future__ import annotations

import logging
from typing import Any

from telegram import ChatPermissions, User
from telegram.error import TelegramError

from bot.impersonation.models import Member
from bot.messages import Reply
from handlers.telegram.render import keyboard, send_reply

__all__ = ["TelegramGuardActions", "member_of"]

log = logging.getLogger(__name__)

_SILENCED = ChatPermissions.no_permissions()
_FREE = ChatPermissions.all_permissions()


def member_of(user: User) -> Member:
    return Member(
        user.id,
        user.first_name or "",
        user.last_name,
        user.username,
        bool(user.is_bot),
        user.language_code,
    )


class TelegramGuardActions:
    def __init__(self, bot: Any) -> None:
        self._bot = bot

    async def _try(self, what: str, chat_id: int, call: Any) -> bool:
        try:
            await call
        except TelegramError as error:
            # Which call and why, never the names involved.
            log.info(
                "guard action refused",
                extra={"action": what, "chat_id": chat_id, "reason": type(error).__name__},
            )
            return False
        return True

    async def restrict(self, chat_id: int, user_id: int) -> bool:
        return await self._try(
            "restrict",
            chat_id,
            self._bot.restrict_chat_member(chat_id=chat_id, user_id=user_id, permissions=_SILENCED),
        )

    async def unrestrict(self, chat_id: int, user_id: int) -> bool:
        return await self._try(
            "unrestrict",
            chat_id,
            self._bot.restrict_chat_member(chat_id=chat_id, user_id=user_id, permissions=_FREE),
        )

    async def ban(self, chat_id: int, user_id: int) -> bool:
        return await self._try(
            "ban", chat_id, self._bot.ban_chat_member(chat_id=chat_id, user_id=user_id)
        )

    async def unban(self, chat_id: int, user_id: int) -> bool:
        return await self._try(
            "unban",
            chat_id,
            self._bot.unban_chat_member(chat_id=chat_id, user_id=user_id, only_if_banned=True),
        )

    async def ban_sender_chat(self, chat_id: int, sender_chat_id: int) -> bool:
        return await self._try(
            "ban_sender_chat",
            chat_id,
            self._bot.ban_chat_sender_chat(chat_id=chat_id, sender_chat_id=sender_chat_id),
        )

    async def unban_sender_chat(self, chat_id: int, sender_chat_id: int) -> bool:
        return await self._try(
            "unban_sender_chat",
            chat_id,
            self._bot.unban_chat_sender_chat(chat_id=chat_id, sender_chat_id=sender_chat_id),
        )

    async def delete(self, chat_id: int, message_id: int) -> bool:
        return await self._try(
            "delete", chat_id, self._bot.delete_message(chat_id=chat_id, message_id=message_id)
        )

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int | None:
        try:
            message = await send_reply(self._bot, chat_id, reply, thread_id=thread_id)
        except TelegramError as error:
            log.info(
                "guard send failed", extra={"chat_id": chat_id, "reason": type(error).__name__}
            )
            return None
        return int(message.message_id)

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        return await self._try(
            "edit",
            chat_id,
            self._bot.edit_message_text(
                chat_id=chat_id,
                message_id=message_id,
                text=reply.text,
                reply_markup=keyboard(reply.buttons),
            ),
        )

    async def chat_admins(self, chat_id: int) -> list[Member] | None:
        try:
            admins = await self._bot.get_chat_administrators(chat_id=chat_id)
        except TelegramError as error:
            log.info(
                "cannot list admins", extra={"chat_id": chat_id, "reason": type(error).__name__}
            )
            return None
        return [member_of(admin.user) for admin in admins]

    async def member(self, chat_id: int, user_id: int) -> Member | None:
        try:
            found = await self._bot.get_chat_member(chat_id=chat_id, user_id=user_id)
        except TelegramError:
            return None
        if found.status in ("left", "kicked"):
            return None
        return member_of(found.user)
