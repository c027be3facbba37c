"""Telegram messages to the desk's neutral `DeskMessage` and `Person`, and replies back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from telegram import (
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    User,
)

from bot.desk import Attachment, DeskMessage, Person
from bot.language import detect_language, normalise_language_code
from bot.messages import Reply
from handlers.telegram.render import send_reply

__all__ = ["desk_message_from", "person_from", "send_all"]


def person_from(user: User, text: str = "") -> Person:
    """Commands and buttons follow the app's language; typed text follows what it is in."""
    language = (
        detect_language(text, user.language_code)
        if text and not text.startswith("/")
        else normalise_language_code(user.language_code)
    )
    return Person(user.id, user.first_name, user.username, language)


def _attachment(message: Message) -> Attachment | None:
    if message.photo:
        return Attachment("photo")
    if message.document:
        return Attachment("document", message.document.file_name)
    if message.video:
        return Attachment("video", message.video.file_name)
    if message.voice or message.audio:
        return Attachment("voice")
    if message.sticker or message.animation or message.video_note:
        return Attachment("other")
    return None


def desk_message_from(message: Message, user: User) -> DeskMessage:
    text = message.text or message.caption or ""
    origin = message.forward_origin
    forward_user_id: int | None = None
    forward_name: str | None = None
    if isinstance(origin, MessageOriginUser):
        forward_user_id = origin.sender_user.id
        username = origin.sender_user.username
        forward_name = f"@{username}" if username else origin.sender_user.first_name
    elif isinstance(origin, MessageOriginHiddenUser):
        forward_name = origin.sender_user_name
    elif isinstance(origin, MessageOriginChat | MessageOriginChannel):
        forward_user_id = 0  # a group or channel is never a staff member
        chat = origin.sender_chat if isinstance(origin, MessageOriginChat) else origin.chat
        forward_name = chat.title or (f"@{chat.username}" if chat.username else None)
    reply = message.reply_to_message
    return DeskMessage(
        person=person_from(user, text),
        chat_id=message.chat.id,
        message_id=message.message_id,
        text=text,
        attachment=_attachment(message),
        thread_id=message.message_thread_id if message.is_topic_message else None,
        reply_to_message_id=reply.message_id if reply is not None else None,
        forwarded=origin is not None,
        forward_user_id=forward_user_id,
        forward_name=forward_name,
    )


async def send_all(
    bot: Any, chat_id: int, replies: Iterable[Reply], *, thread_id: int | None = None
) -> None:
    for reply in replies:
        await send_reply(bot, chat_id, reply, thread_id=thread_id)
