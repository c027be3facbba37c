"""What people do in the sandbox: create chats, join, post, edit, press buttons, query inline.

Each action changes the world and enqueues the update Telegram would send the bot.
"""

from __future__ import annotations

import base64
import dataclasses
import time
from collections.abc import Mapping
from typing import Any

from sandbox.chats_api import valid_rights
from sandbox.media import add_member_photo, media_payload
from sandbox.messages_api import forward_origin
from sandbox.models import (
    CHAT_TYPES,
    JSON,
    MEMBER_STATUSES,
    CallbackQueryState,
    ChatMessage,
    InlineQueryState,
    SandboxChat,
    SandboxUser,
)
from sandbox.payloads import compute_entities, user_json
from sandbox.state import ChatRecord, Member, World

#: The senders Telegram shows for anonymous group admins and for linked channel posts.
GROUP_ANONYMOUS_BOT = SandboxUser(1087968824, "Group", "GroupAnonymousBot", is_bot=True)
CHANNEL_BOT = SandboxUser(136817688, "Channel", "Channel_Bot", is_bot=True)
_PRESENT = ("creator", "administrator", "member", "restricted")


def create_chat(
    world: World,
    chat_type: str,
    *,
    title: str | None = None,
    username: str | None = None,
    is_forum: bool = False,
    chat_id: int | None = None,
    owner_id: int | None = None,
    bot_status: str = "member",
    bot_rights: Mapping[str, bool] | None = None,
) -> SandboxChat:
    """A group, supergroup or channel; adding the bot enqueues `my_chat_member`."""
    if chat_type not in CHAT_TYPES or chat_type == "private":
        raise ValueError("private chats come with create_user; use group, supergroup or channel")
    if is_forum and chat_type != "supergroup":
        raise ValueError("only supergroups can be forums")
    info = SandboxChat(
        id=chat_id if chat_id is not None else world.new_chat_id(chat_type),
        type=chat_type,
        title=title or f"Sandbox {chat_type}",
        username=username,
        is_forum=is_forum,
    )
    record = world.add_chat(info)
    if owner_id is not None:
        world.user(owner_id)
        record.members[owner_id] = Member("creator")
    set_member(world, info.id, world.bot.id, bot_status, rights=bot_rights, actor=owner_id)
    return info


def set_member(
    world: World,
    chat_id: int,
    user_id: int,
    status: str,
    *,
    rights: Mapping[str, bool] | None = None,
    until_date: int = 0,
    permissions: Mapping[str, bool] | None = None,
    actor: int | None = None,
) -> None:
    if status not in MEMBER_STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {MEMBER_STATUSES}")
    record = world.chat(chat_id)
    if record.info.type == "private":
        raise ValueError("membership of private chats is fixed")
    world.user(user_id)
    member = Member(
        status,
        rights=valid_rights(dict(rights or {})),
        until_date=until_date,
        permissions=dict(permissions) if permissions is not None else None,
    )
    world.set_member(record, user_id, member, actor=actor if actor is not None else user_id)


def rename_user(
    world: World,
    user_id: int,
    *,
    first_name: str | None = None,
    last_name: str | None = None,
    username: str | None = None,
    clear_username: bool = False,
) -> SandboxUser:
    """The person changes their names. As on Telegram, no update says so: the bot sees the
    new names on their next message or member update. A username is one account's at a
    time; a released one can be taken by anyone."""
    user = world.user(user_id)
    new_username = None if clear_username else (username if username is not None else user.username)
    if new_username is not None:
        for other in world.users.values():
            if other.id != user_id and (other.username or "").lower() == new_username.lower():
                raise ValueError(f"username {new_username} is taken")
    renamed = dataclasses.replace(
        user,
        first_name=first_name if first_name is not None else user.first_name,
        last_name=last_name if last_name is not None else user.last_name,
        username=new_username,
    )
    world.users[user_id] = renamed
    world.touch()
    return renamed


def _sender(world: World, record: ChatRecord, from_user: int | None) -> SandboxUser:
    if record.info.type == "private":
        if from_user not in (None, record.info.id):
            raise ValueError("only the chat's user can write in a private chat")
        return world.user(record.info.id)
    if from_user is None:
        raise ValueError("from_user is required outside private chats")
    user = world.user(from_user)
    member = record.members.get(user.id)
    if member is None:
        record.members[user.id] = Member("member")
    elif member.status not in _PRESENT:
        raise ValueError(f"user {user.id} is {member.status} in chat {record.info.id}")
    return user


def _bot_sees(world: World, record: ChatRecord, payload: JSON) -> bool:
    """Whether Telegram would deliver this message to the bot (membership, privacy mode)."""
    if record.info.type == "private":
        return True
    bot_member = world.member(record, world.bot.id)
    if bot_member.status not in _PRESENT:
        return False
    if not world.privacy_mode or bot_member.status in ("creator", "administrator"):
        return True
    text = payload.get("text") or payload.get("caption") or ""
    entities = payload.get("entities") or payload.get("caption_entities") or []
    username = f"@{world.bot.username}".lower()
    mentioned = username in text.lower() or any(e["type"] == "bot_command" for e in entities)
    reply = payload.get("reply_to_message") or {}
    return mentioned or reply.get("from", {}).get("id") == world.bot.id


def send_message(
    world: World,
    chat_id: int,
    *,
    from_user: int | None = None,
    text: str | None = None,
    caption: str | None = None,
    photo_b64: str | None = None,
    document_b64: str | None = None,
    file_name: str | None = None,
    mime_type: str | None = None,
    reply_to: int | None = None,
    entities: list[JSON] | None = None,
    forward_origin_json: JSON | None = None,
    forward_from: int | None = None,
    forward_from_chat: int | None = None,
    sender_chat_id: int | None = None,
    message_thread_id: int | None = None,
    update_fields: JSON | None = None,
) -> ChatMessage:
    """A message from a person (or a channel) into a chat, delivered to the bot as an update.

    `update_fields` are merged into the delivered update only (not the stored message): a
    test's way to send what a client cannot parse.
    """
    record = world.chat(chat_id)
    info = record.info
    payload: JSON = {"message_id": 0, "date": int(time.time())}
    if info.type == "channel":
        payload["sender_chat"] = world.chat_payload(record)
    elif sender_chat_id is not None:
        if sender_chat_id in record.banned_sender_chats:
            raise ValueError(f"chat {sender_chat_id} is banned from posting in chat {chat_id}")
        sender_chat = world.chat(sender_chat_id)
        payload["sender_chat"] = world.chat_payload(sender_chat)
        anonymous = sender_chat_id == chat_id
        payload["from"] = user_json(GROUP_ANONYMOUS_BOT if anonymous else CHANNEL_BOT)
    else:
        payload["from"] = user_json(_sender(world, record, from_user))
    payload["chat"] = world.chat_payload(record)
    if message_thread_id is not None:
        if info.is_forum and message_thread_id not in record.topics:
            raise ValueError(f"no topic {message_thread_id} in chat {chat_id}")
        payload["message_thread_id"] = message_thread_id
        payload["is_topic_message"] = info.is_forum or None
    if reply_to is not None:
        target = world.message(record, reply_to)
        if target is None:
            raise ValueError(f"no message {reply_to} in chat {chat_id} to reply to")
        nested = dict(target.payload)
        nested.pop("reply_to_message", None)
        payload["reply_to_message"] = nested
    if forward_origin_json is not None:
        payload["forward_origin"] = forward_origin_json
    elif forward_from is not None:
        original = {"date": payload["date"] - 60, "from": user_json(world.user(forward_from))}
        payload["forward_origin"] = forward_origin(world, {"message_id": 1, **original})
    elif forward_from_chat is not None:
        source = world.chat(forward_from_chat)
        original = {"message_id": 1, "date": payload["date"] - 60}
        original["sender_chat"] = world.chat_payload(source)
        payload["forward_origin"] = forward_origin(world, original)
    payload.update(
        _content(world, text, caption, photo_b64, document_b64, file_name, mime_type, entities)
    )
    payload = {k: v for k, v in payload.items() if v is not None}
    payload["message_id"] = record.take_message_id()
    stored = world.store_message(record, payload, from_bot=False)
    if info.type == "private":
        world.not_started.discard(info.id)
    if _bot_sees(world, record, payload):
        delivered = {**payload, **update_fields} if update_fields else payload
        world.enqueue("channel_post" if info.type == "channel" else "message", delivered)
    return world.chat_message(record, stored)


def _content(
    world: World,
    text: str | None,
    caption: str | None,
    photo_b64: str | None,
    document_b64: str | None,
    file_name: str | None,
    mime_type: str | None,
    entities: list[JSON] | None,
) -> JSON:
    content: JSON = {}
    if photo_b64 is not None or document_b64 is not None:
        if photo_b64 is not None:
            content.update(add_member_photo(world, base64.b64decode(photo_b64)))
        else:
            data = base64.b64decode(document_b64 or "")
            file = world.add_file(data, kind="document", file_name=file_name, mime_type=mime_type)
            content.update(media_payload(file))
        if caption is not None:
            content["caption"] = caption
            found = entities if entities is not None else compute_entities(caption)
            if found:
                content["caption_entities"] = found
        return content
    if not text:
        raise ValueError("a message needs text, or a photo or document")
    content["text"] = text
    found = entities if entities is not None else compute_entities(text)
    if found:
        content["entities"] = found
    return content


def migrate_chat(world: World, chat_id: int, *, by_user: int | None = None) -> SandboxChat:
    """A group becomes a supergroup with a new id, as Telegram does on upgrade: members carry
    over, the bot gets the two service messages, and every later call to the old id is a 400
    with `migrate_to_chat_id`."""
    old = world.chat(chat_id)
    if old.info.type != "group":
        raise ValueError("only a basic group can be upgraded to a supergroup")
    if old.migrated_to is not None:
        raise ValueError(f"chat {chat_id} was already upgraded to {old.migrated_to}")
    info = SandboxChat(
        id=world.new_chat_id("supergroup"),
        type="supergroup",
        title=old.info.title,
        username=old.info.username,
    )
    new = world.add_chat(info)
    new.members = {user_id: dataclasses.replace(m) for user_id, m in old.members.items()}
    old.migrated_to = info.id
    if by_user is None:  # the group's creator upgrades it unless someone else is named
        creators = [uid for uid, m in old.members.items() if m.status == "creator"]
        by_user = creators[0] if creators else None
    actor = user_json(_sender(world, old, by_user))
    notices = ((old, "migrate_to_chat_id", info.id), (new, "migrate_from_chat_id", chat_id))
    for record, field_name, other in notices:
        payload: JSON = {
            "message_id": record.take_message_id(),
            "date": int(time.time()),
            "from": actor,
            "chat": world.chat_payload(record),
            field_name: other,
        }
        world.store_message(record, payload, from_bot=False)
        world.enqueue("message", payload)
    world.touch()
    return info


def edit_message(world: World, chat_id: int, message_id: int, text: str) -> ChatMessage:
    """A person edits their message: the text (or the caption of media) changes."""
    record = world.chat(chat_id)
    stored = world.message(record, message_id)
    if stored is None or stored.from_bot:
        raise ValueError(f"no user message {message_id} in chat {chat_id}")
    is_text = "text" in stored.payload
    key, entities_key = ("text", "entities") if is_text else ("caption", "caption_entities")
    new = {k: v for k, v in stored.payload.items() if k != entities_key}
    new[key] = text
    found = compute_entities(text)
    if found:
        new[entities_key] = found
    new["edit_date"] = int(time.time())
    stored.edits.append(stored.payload)
    stored.payload = new
    world.touch()
    if _bot_sees(world, record, new):
        kind = "edited_channel_post" if record.info.type == "channel" else "edited_message"
        world.enqueue(kind, new)
    return world.chat_message(record, stored)


def press_button(
    world: World, chat_id: int, message_id: int, user_id: int, data: str, *, forged: bool = False
) -> str:
    """A person presses an inline button with `data` on a bot message; returns the query id.

    `forged`: the data need not be on any of the message's buttons (a modified client)."""
    record = world.chat(chat_id)
    stored = world.message(record, message_id)
    if stored is None or not stored.from_bot:
        raise ValueError(f"no bot message {message_id} in chat {chat_id}")
    rows = stored.payload.get("reply_markup", {}).get("inline_keyboard", [])
    offered = any(button.get("callback_data") == data for row in rows for button in row)
    if not forged and not offered:
        raise ValueError(f"message {message_id} has no button with callback_data {data!r}")
    user = world.user(user_id)
    query_id = world.next_id("cbq-")
    world.callbacks[query_id] = CallbackQueryState(
        id=query_id,
        user_id=user.id,
        chat_id=chat_id,
        message_id=message_id,
        data=data,
        answered=False,
    )
    world.enqueue(
        "callback_query",
        {
            "id": query_id,
            "from": user_json(user),
            "message": stored.payload,
            "chat_instance": str(abs(chat_id) * 7919),
            "data": data,
        },
    )
    return query_id


def inline_query(
    world: World, user_id: int, query: str, *, offset: str = "", chat_type: str | None = None
) -> str:
    user = world.user(user_id)
    query_id = world.next_id("iq-")
    world.inline_queries[query_id] = InlineQueryState(
        id=query_id, user_id=user.id, query=query, offset=offset, answered=False
    )
    body: dict[str, Any] = {
        "id": query_id,
        "from": user_json(user),
        "query": query,
        "offset": offset,
    }
    if chat_type:
        body["chat_type"] = chat_type
    world.enqueue("inline_query", body)
    return query_id
