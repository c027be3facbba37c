"""Bot API JSON shapes: users, chats, members, entities, messages.

Chat members are built with python-telegram-bot's own classes so every required field is
present exactly as Telegram sends it.
"""

from __future__ import annotations

import datetime as dtm
import re
from collections.abc import Mapping
from typing import Any

import telegram

from sandbox.models import ADMIN_RIGHTS, JSON, SandboxChat, SandboxUser

_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{4,32}(?!\w)")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def compute_entities(text: str) -> list[JSON]:
    """bot_command and mention entities as Telegram's clients would attach them."""
    found = [
        (match.start(), match.end(), kind)
        for pattern, kind in ((_COMMAND, "bot_command"), (_MENTION, "mention"))
        for match in pattern.finditer(text)
    ]
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in sorted(found)
    ]


def user_json(user: SandboxUser) -> JSON:
    data: JSON = {"id": user.id, "is_bot": user.is_bot, "first_name": user.first_name}
    for key in ("last_name", "username", "language_code"):
        value = getattr(user, key)
        if value is not None:
            data[key] = value
    return data


def chat_json(chat: SandboxChat, private_user: SandboxUser | None = None) -> JSON:
    """The `Chat` object embedded in messages and updates."""
    data: JSON = {"id": chat.id, "type": chat.type}
    if chat.type == "private" and private_user is not None:
        data["first_name"] = private_user.first_name
        if private_user.last_name:
            data["last_name"] = private_user.last_name
        if private_user.username:
            data["username"] = private_user.username
        return data
    if chat.title is not None:
        data["title"] = chat.title
    if chat.username is not None:
        data["username"] = chat.username
    if chat.is_forum:
        data["is_forum"] = True
    return data


def chat_full_info_json(chat: SandboxChat, private_user: SandboxUser | None) -> JSON:
    """The `ChatFullInfo` answer of getChat."""
    data = chat_json(chat, private_user)
    data.update({"accent_color_id": 0, "max_reaction_count": 11})
    data["accepted_gift_types"] = {
        "unlimited_gifts": False,
        "limited_gifts": False,
        "unique_gifts": False,
        "premium_subscription": False,
        "gifts_from_channels": False,
    }
    return data


def tg_user(user: SandboxUser) -> telegram.User:
    return telegram.User(
        id=user.id,
        first_name=user.first_name,
        is_bot=user.is_bot,
        last_name=user.last_name,
        username=user.username,
        language_code=user.language_code,
    )


_RESTRICTED_PERMISSIONS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
    "can_edit_tag",
    "can_react_to_messages",
)


def chat_member_json(
    user: SandboxUser,
    status: str,
    rights: Mapping[str, bool],
    *,
    until_date: int = 0,
    permissions: Mapping[str, bool] | None = None,
    is_member: bool = True,
) -> JSON:
    """A `ChatMember` of the right subclass for `status`."""
    who = tg_user(user)
    until = dtm.datetime.fromtimestamp(until_date, tz=dtm.UTC)
    member: telegram.ChatMember
    if status == "creator":
        member = telegram.ChatMemberOwner(user=who, is_anonymous=False)
    elif status == "administrator":
        flags: dict[str, Any] = {name: bool(rights.get(name, False)) for name in ADMIN_RIGHTS}
        member = telegram.ChatMemberAdministrator(
            user=who, can_be_edited=False, is_anonymous=False, **flags
        )
    elif status == "restricted":
        perms = permissions or {}
        allowed: dict[str, Any] = {
            name: bool(perms.get(name, False)) for name in _RESTRICTED_PERMISSIONS
        }
        member = telegram.ChatMemberRestricted(
            user=who, is_member=is_member, until_date=until, **allowed
        )
    elif status == "kicked":
        member = telegram.ChatMemberBanned(user=who, until_date=until)
    elif status == "left":
        member = telegram.ChatMemberLeft(user=who)
    else:
        member = telegram.ChatMemberMember(user=who)
    return member.to_dict()


def drop_none(data: Mapping[str, Any]) -> JSON:
    return {key: value for key, value in data.items() if value is not None}
