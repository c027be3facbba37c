"""The staff chat: agents answer in a ticket's topic or thread, and /close, /reopen, /assign,
/note it. Everything in the staff chat stops here, so no other feature answers agents."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.desk import STAFF_COMMANDS
from handlers.telegram.context import BeaconContext, services_of
from handlers.telegram.desk_convert import desk_message_from, send_all

__all__ = ["register"]


class _StaffChat(filters.MessageFilter):
    """Messages in the chat named by STAFF_CHAT_ID (read when the message comes)."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        super().__init__(name="StaffChat")
        self._application = application

    def filter(self, message: Any) -> bool:
        if "services" not in self._application.bot_data:
            return False
        staff_chat_id = services_of(self._application).settings.staff_chat_id
        return staff_chat_id is not None and message.chat.id == staff_chat_id


async def on_staff_message(update: Update, context: BeaconContext) -> None:
    """An agent's message in a ticket's topic or thread goes to the user."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    replies = await context.services.desk.staff.on_message(desk_message_from(message, user))
    await _answer(context, message, replies)


async def on_staff_command(update: Update, context: BeaconContext) -> None:
    """/close, /reopen, /assign, /note inside a ticket."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    argument = message.text.partition(" ")[2]
    replies = await context.services.desk.staff.command(
        desk_message_from(message, user), name, argument
    )
    await _answer(context, message, replies)


async def _answer(context: BeaconContext, message: Any, replies: list[Any]) -> None:
    thread_id = message.message_thread_id if message.is_topic_message else None
    await send_all(context.bot, message.chat.id, replies, thread_id=thread_id)
    raise ApplicationHandlerStop


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    staff_chat = _StaffChat(application)
    application.add_handler(
        CommandHandler(list(STAFF_COMMANDS), on_staff_command, filters=staff_chat)
    )
    application.add_handler(
        MessageHandler(staff_chat & ~filters.COMMAND & filters.UpdateType.MESSAGE, on_staff_message)
    )
