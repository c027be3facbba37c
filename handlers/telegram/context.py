"""How handlers reach the services, and how a Telegram message becomes an `Inbound`."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_plus

from telegram import Message, MessageEntity, Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.language import detect_language
from bot.messages import Inbound, Sender
from bot.services import Services

__all__ = ["BeaconContext", "inbound_from", "services_of"]


class BeaconContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The callback context with typed access to Beacon's services."""

    @property
    def services(self) -> Services:
        return services_of(self.application)


def services_of(application: Application[Any, Any, Any, Any, Any, Any] | Any) -> Services:
    services = application.bot_data.get("services")
    if not isinstance(services, Services):
        raise RuntimeError("services are not built yet (post_init has not run)")
    return services


def inbound_from(update: Update, bot_username: str) -> Inbound | None:
    """Convert a new, edited, or channel message to an `Inbound`; None for anything else."""
    message: Message | None = update.effective_message
    if message is None or update.effective_chat is None:
        return None
    is_edit = update.edited_message is not None or update.edited_channel_post is not None
    text = message.text or message.caption or ""
    user = message.from_user
    sender = (
        Sender(user.id, user.first_name, user.username, user.language_code, user.is_bot)
        if user is not None
        else None
    )
    return Inbound(
        chat_id=message.chat.id,
        chat_type=message.chat.type,
        message_id=message.message_id,
        text=text,
        language=detect_language(text, user.language_code if user else None),
        sender=sender,
        sender_chat_id=message.sender_chat.id if message.sender_chat else None,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        is_edit=is_edit,
        is_forward=message.forward_origin is not None,
        addressed_to_bot=_addressed_to_bot(message, bot_username),
        has_media=bool(message.photo or message.document or message.video or message.voice),
        attached_text=_attached_text(message),
    )


def _attached_text(message: Message) -> str:
    """Text a member can post outside the message body: link targets, polls, contact cards."""
    parts: list[str] = []
    for entity in (*(message.entities or ()), *(message.caption_entities or ())):
        if entity.type == MessageEntity.TEXT_LINK and entity.url:
            parts.append(entity.url)
            # A value hidden in a link's query or path reads as words once decoded.
            parts.append(re.sub(r"[/?&=#+:._~-]+", " ", unquote_plus(entity.url)))
    if message.poll is not None:
        parts.append(message.poll.question)
        parts.extend(option.text for option in message.poll.options)
    if message.contact is not None:
        contact = message.contact
        parts.extend(
            p
            for p in (contact.first_name, contact.last_name, contact.phone_number, contact.vcard)
            if p
        )
    return "\n".join(parts)


def _addressed_to_bot(message: Message, bot_username: str) -> bool:
    reply = message.reply_to_message
    if (
        reply is not None
        and reply.from_user is not None
        and reply.from_user.username == bot_username
    ):
        return True
    wanted = f"@{bot_username}".lower()
    entities = message.parse_entities() if message.text else message.parse_caption_entities()
    for entity, value in entities.items():
        if entity.type == MessageEntity.MENTION and value.lower() == wanted:
            return True
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            return True
    return False
