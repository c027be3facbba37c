"""Core handlers: the bot's own membership in chats."""

from __future__ import annotations

from typing import Any

from telegram import ChatMemberAdministrator, ChatMemberOwner, Update
from telegram.ext import Application, ChatMemberHandler

from handlers.telegram.context import BeaconContext

__all__ = ["register"]


async def on_my_chat_member(update: Update, context: BeaconContext) -> None:
    """Record the bot's status and rights in a chat when an admin changes them."""
    change = update.my_chat_member
    if change is None:
        return
    member = change.new_chat_member
    is_admin = isinstance(member, ChatMemberAdministrator | ChatMemberOwner)
    can_delete = isinstance(member, ChatMemberOwner) or (
        isinstance(member, ChatMemberAdministrator) and member.can_delete_messages
    )
    can_pin = isinstance(member, ChatMemberOwner) or (
        isinstance(member, ChatMemberAdministrator) and bool(member.can_pin_messages)
    )
    chat = change.chat
    await context.services.chats.record_bot_membership(
        chat.id,
        chat.type,
        chat.title,
        member.status,
        can_delete=bool(can_delete) and is_admin,
        can_pin=can_pin,
        is_forum=bool(chat.is_forum),
    )


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
