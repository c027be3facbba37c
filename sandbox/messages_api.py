"""Bot API methods that send, change and remove messages."""

from __future__ import annotations

import time
from typing import Any

from sandbox.errors import MESSAGE_TO_DELETE_NOT_FOUND, bad_request
from sandbox.media import media_payload, resolve_file
from sandbox.models import JSON
from sandbox.outgoing import (
    MAX_TEXT,
    caption_content,
    checked_text,
    inline_markup,
    new_bot_message,
    writable_chat,
)
from sandbox.params import ApiParams, Handler
from sandbox.payloads import user_json, utf16_len
from sandbox.state import ChatRecord, MessageRecord, World

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


async def send_message(world: World, params: ApiParams) -> JSON:
    record = writable_chat(world, params)
    text, entities = checked_text(
        params.str_or_none("text"), params.str_or_none("parse_mode"), params.get("entities")
    )
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    content: JSON = {"text": text}
    if entities:
        content["entities"] = entities
    return new_bot_message(world, record, params, content).payload


def _media_sender(kind: str) -> Handler:
    async def send(world: World, params: ApiParams) -> JSON:
        record = writable_chat(world, params)
        file = resolve_file(world, params, kind, kind=kind)
        content = {**media_payload(file), **caption_content(params)}
        return new_bot_message(world, record, params, content).payload

    return send


def _editable(world: World, params: ApiParams) -> tuple[ChatRecord, MessageRecord] | None:
    """The bot message an edit targets; None for inline messages (recorded only)."""
    if params.str_or_none("inline_message_id"):
        return None
    record = world.chat(params.chat_ref())
    stored = world.message(record, params.require_int("message_id"))
    if stored is None:
        raise bad_request("message to edit not found")
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    return record, stored


def _apply_edit(
    stored: MessageRecord, changes: JSON, markup: JSON | None, drop: tuple[str, ...] = ()
) -> JSON:
    """Replace the message content; like Telegram, an edit without reply_markup drops it."""
    old = stored.payload
    new = {**old, **changes}
    new.pop("reply_markup", None)
    if markup is not None:
        new["reply_markup"] = markup
    for content_key, entities_key in (("text", "entities"), ("caption", "caption_entities")):
        if content_key in changes and entities_key not in changes:
            new.pop(entities_key, None)
    for key in drop:
        new.pop(key, None)
    unchanged = {k: v for k, v in new.items() if k != "edit_date"} == {
        k: v for k, v in old.items() if k != "edit_date"
    }
    if unchanged:
        raise bad_request(_NOT_MODIFIED)
    new["edit_date"] = int(time.time())
    stored.edits.append(old)
    stored.payload = new
    return new


async def edit_message_text(world: World, params: ApiParams) -> JSON | bool:
    text, entities = checked_text(
        params.str_or_none("text"), params.str_or_none("parse_mode"), params.get("entities")
    )
    target = _editable(world, params)
    markup = inline_markup(params.json_value("reply_markup"))
    if target is None:
        return True
    _, stored = target
    if "text" not in stored.payload:
        raise bad_request("there is no text in the message to edit")
    changes: JSON = {"text": text}
    if entities:
        changes["entities"] = entities
    preview = params.json_value("link_preview_options")
    if isinstance(preview, dict):
        changes["link_preview_options"] = preview
    result = _apply_edit(stored, changes, markup)
    world.touch()
    return result


async def edit_message_caption(world: World, params: ApiParams) -> JSON | bool:
    target = _editable(world, params)
    markup = inline_markup(params.json_value("reply_markup"))
    if target is None:
        return True
    _, stored = target
    if "text" in stored.payload:
        raise bad_request("there is no caption in the message to edit")
    changes = caption_content(params)
    drop = () if changes else ("caption", "caption_entities")
    result = _apply_edit(stored, changes, markup, drop)
    world.touch()
    return result


async def edit_message_reply_markup(world: World, params: ApiParams) -> JSON | bool:
    target = _editable(world, params)
    markup = inline_markup(params.json_value("reply_markup"))
    if target is None:
        return True
    _, stored = target
    result = _apply_edit(stored, {}, markup)
    world.touch()
    return result


def _check_deletable(world: World, record: ChatRecord, stored: MessageRecord) -> None:
    if record.info.type == "private" or stored.from_bot:
        return
    if not world.member(record, world.bot.id).has_right("can_delete_messages"):
        raise bad_request("message can't be deleted")


async def delete_message(world: World, params: ApiParams) -> bool:
    record = world.chat(params.chat_ref())
    stored = world.message(record, params.require_int("message_id"))
    if stored is None:
        raise bad_request(MESSAGE_TO_DELETE_NOT_FOUND)
    _check_deletable(world, record, stored)
    stored.deleted = True
    world.touch()
    return True


async def delete_messages(world: World, params: ApiParams) -> bool:
    record = world.chat(params.chat_ref())
    ids = params.json_value("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must contain 1-100 message identifiers")
    found = [m for m in (world.message(record, int(i)) for i in ids) if m is not None]
    for stored in found:
        _check_deletable(world, record, stored)
    for stored in found:
        stored.deleted = True
    world.touch()
    return True


def _source(world: World, params: ApiParams, verb: str) -> MessageRecord:
    source_chat = world.chat(params.chat_ref("from_chat_id"))
    stored = world.message(source_chat, params.require_int("message_id"))
    if stored is None:
        raise bad_request(f"message to {verb} not found")
    if stored.payload.get("has_protected_content"):
        raise bad_request("message has protected content and can't be forwarded")
    return stored


_COPIED = ("text", "entities", "caption", "caption_entities", "document", "photo")


async def copy_message(world: World, params: ApiParams) -> JSON:
    record = writable_chat(world, params)
    source = _source(world, params, "copy")
    content = {k: source.payload[k] for k in _COPIED if k in source.payload}
    if params.has("caption") and "text" not in content:
        content.pop("caption_entities", None)
        content.update(caption_content(params))
    copy = new_bot_message(world, record, params, content)
    return {"message_id": copy.payload["message_id"]}


def forward_origin(world: World, payload: JSON) -> JSON:
    """Where a forwarded copy of `payload` says it came from."""
    if "forward_origin" in payload:
        return dict(payload["forward_origin"])
    date = payload["date"]
    sender_chat = payload.get("sender_chat")
    if sender_chat and sender_chat.get("type") == "channel":
        return {
            "type": "channel",
            "chat": sender_chat,
            "message_id": payload["message_id"],
            "date": date,
        }
    if sender_chat:
        return {"type": "chat", "sender_chat": sender_chat, "date": date}
    return {"type": "user", "sender_user": payload.get("from", user_json(world.bot)), "date": date}


async def forward_message(world: World, params: ApiParams) -> JSON:
    record = writable_chat(world, params)
    source = _source(world, params, "forward")
    content: dict[str, Any] = {k: source.payload[k] for k in _COPIED if k in source.payload}
    content["forward_origin"] = forward_origin(world, source.payload)
    return new_bot_message(world, record, params, content).payload


async def get_file(world: World, params: ApiParams) -> JSON:
    file = world.files.get(params.require_str("file_id"))
    if file is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": file.meta.file_id,
        "file_unique_id": file.meta.file_unique_id,
        "file_size": file.meta.size,
        "file_path": file.file_path,
    }


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendDocument": _media_sender("document"),
    "sendPhoto": _media_sender("photo"),
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "deleteMessages": delete_messages,
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
    "getFile": get_file,
}
