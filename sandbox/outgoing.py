"""Building the messages the bot sends: access checks, replies, threads, keyboards, text."""

from __future__ import annotations

import time
from typing import Any

from sandbox.errors import bad_request, forbidden
from sandbox.formatting import parse_formatted
from sandbox.models import JSON
from sandbox.params import ApiParams
from sandbox.payloads import user_json, utf16_len
from sandbox.state import ChatRecord, MessageRecord, World

_BUTTON_ERROR = "can't parse inline keyboard button: "
MAX_TEXT = 4096
MAX_CAPTION = 1024
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _chat_word(record: ChatRecord) -> str:
    return {"group": "group chat", "supergroup": "supergroup chat"}.get(
        record.info.type, "channel chat"
    )


def writable_chat(world: World, params: ApiParams, name: str = "chat_id") -> ChatRecord:
    """The target chat, or the 400/403 Telegram gives when the bot cannot post there."""
    record = world.chat(params.chat_ref(name))
    info = record.info
    if info.type == "private":
        if info.id in world.blocked:
            raise forbidden("bot was blocked by the user")
        if info.id in world.not_started:
            raise forbidden("bot can't initiate conversation with a user")
        if world.users[info.id].is_bot:
            raise forbidden("bot can't send messages to bots")
        return record
    member = world.member(record, world.bot.id)
    if member.status == "kicked":
        raise forbidden(f"bot was kicked from the {_chat_word(record)}")
    if member.status == "left":
        raise forbidden(f"bot is not a member of the {_chat_word(record)}")
    if info.type == "channel" and not member.has_right("can_post_messages"):
        raise bad_request("need administrator rights in the channel chat")
    if member.status == "restricted" and not (member.permissions or {}).get("can_send_messages"):
        raise bad_request("not enough rights to send text messages to the chat")
    return record


def checked_text(text: str | None, parse_mode: str | None, entities: Any) -> tuple[str, list[JSON]]:
    """Plain text and entities: explicit `entities` win over `parse_mode`, like Telegram."""
    if text is None or text.strip() == "":
        raise bad_request("message text is empty")
    if entities:
        if not isinstance(entities, list):
            raise bad_request("can't parse entities JSON object")
        return text, entities
    return parse_formatted(text, parse_mode)


def inline_markup(value: Any) -> JSON | None:
    """The reply_markup kept on the message: only inline keyboards are part of a Message."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = value.get("inline_keyboard")
    if rows is None:
        return None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(_BUTTON_ERROR + 'field "inline_keyboard" must be an Array')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request(
                    _BUTTON_ERROR + "Text buttons are unallowed in the inline keyboard"
                )
            actions = [key for key in _BUTTON_ACTIONS if key in button]
            if len(actions) != 1:
                raise bad_request(
                    _BUTTON_ERROR + "InlineKeyboardButton must have exactly one action"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
    return {"inline_keyboard": rows}


def _reply_target(world: World, record: ChatRecord, params: ApiParams) -> JSON | None:
    reply = params.json_value("reply_parameters")
    message_id = params.int_or_none("reply_to_message_id")
    allow_missing = params.flag("allow_sending_without_reply")
    target_chat = record
    if isinstance(reply, dict):
        message_id = int(reply["message_id"])
        allow_missing = bool(reply.get("allow_sending_without_reply", False))
        if reply.get("chat_id") is not None:
            target_chat = world.chat(reply["chat_id"])
    if message_id is None:
        return None
    target = world.message(target_chat, message_id)
    if target is None:
        if allow_missing:
            return None
        raise bad_request("message to be replied not found")
    nested = dict(target.payload)
    nested.pop("reply_to_message", None)
    return nested


def new_bot_message(
    world: World, record: ChatRecord, params: ApiParams, content: JSON
) -> MessageRecord:
    """Store a message from the bot with the common send options applied."""
    payload: JSON = {"message_id": record.take_message_id(), "date": int(time.time())}
    info = record.info
    if info.type == "channel":
        payload["sender_chat"] = world.chat_payload(record)
    else:
        payload["from"] = user_json(world.bot)
    payload["chat"] = world.chat_payload(record)
    thread_id = params.int_or_none("message_thread_id")
    if thread_id is not None and info.is_forum:
        if thread_id not in record.topics:
            raise bad_request("message thread not found")
        payload["message_thread_id"] = thread_id
        payload["is_topic_message"] = True
    reply_to = _reply_target(world, record, params)
    if reply_to is not None:
        payload["reply_to_message"] = reply_to
    payload.update(content)
    requested = params.json_value("reply_markup")
    markup = inline_markup(requested)
    if markup is not None:
        payload["reply_markup"] = markup
    if params.flag("protect_content"):
        payload["has_protected_content"] = True
    preview = params.json_value("link_preview_options")
    if isinstance(preview, dict):
        payload["link_preview_options"] = preview
    stored = world.store_message(record, payload, from_bot=True)
    if markup is None and isinstance(requested, dict):
        stored.keyboard = requested  # a reply keyboard, removal or force_reply: not in Message
    return stored


def caption_content(params: ApiParams) -> JSON:
    caption = params.str_or_none("caption")
    if caption is None:
        return {}
    text, entities = parse_formatted(caption, params.str_or_none("parse_mode"))
    explicit = params.json_value("caption_entities")
    if explicit:
        text, entities = caption, list(explicit)
    if utf16_len(text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    content: JSON = {"caption": text}
    if entities:
        content["caption_entities"] = entities
    return content
