"""Render a neutral `Reply` as a Telegram message."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode

from bot.messages import Button, Reply

__all__ = ["keyboard", "send_reply"]


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, url=b.url, callback_data=b.callback_data) for b in row]
            for row in rows
        ]
    )


async def send_reply(
    bot: Any, chat_id: int, reply: Reply, *, thread_id: int | None = None
) -> Message:
    """Send `reply` to a chat; a reply to a message that is gone is sent without the thread."""
    params = (
        ReplyParameters(reply.reply_to_message_id, allow_sending_without_reply=True)
        if reply.reply_to_message_id
        else None
    )
    message: Message = await bot.send_message(
        chat_id=chat_id,
        text=reply.text,
        parse_mode=ParseMode.HTML if reply.html else None,
        reply_markup=keyboard(reply.buttons),
        reply_parameters=params,
        disable_notification=reply.silent,
        message_thread_id=thread_id,
    )
    return message
