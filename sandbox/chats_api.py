"""Bot API methods about chats: info, members, moderation, pins, topics, chat actions."""

from __future__ import annotations

import time

from sandbox.errors import bad_request
from sandbox.models import ADMIN_RIGHTS, JSON
from sandbox.params import ApiParams, Handler
from sandbox.payloads import chat_full_info_json, user_json
from sandbox.state import ChatRecord, Member, World

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_TOPIC_COLORS = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)


def _group(world: World, params: ApiParams) -> ChatRecord:
    record = world.chat(params.chat_ref())
    if record.info.type == "private":
        raise bad_request("method is not available for private chats")
    return record


def _bot_needs(world: World, record: ChatRecord, right: str, reason: str) -> None:
    if not world.member(record, world.bot.id).has_right(right):
        raise bad_request(reason)


async def get_chat(world: World, params: ApiParams) -> JSON:
    record = world.chat(params.chat_ref())
    private_user = world.users.get(record.info.id) if record.info.type == "private" else None
    return chat_full_info_json(record.info, private_user)


async def get_chat_member(world: World, params: ApiParams) -> JSON:
    record = world.chat(params.chat_ref())
    return world.member_payload(record, params.require_int("user_id"))


async def get_chat_administrators(world: World, params: ApiParams) -> list[JSON]:
    record = world.chat(params.chat_ref())
    if record.info.type == "private":
        raise bad_request("there are no administrators in the private chat")
    with_bots = params.flag("return_bots")
    admins = []
    for user_id, member in record.members.items():
        if member.status not in ("creator", "administrator"):
            continue
        user = world.user(user_id)
        if user.is_bot and user_id != world.bot.id and not with_bots:
            continue
        admins.append(world.member_payload(record, user_id))
    return admins


async def get_chat_member_count(world: World, params: ApiParams) -> int:
    record = world.chat(params.chat_ref())
    present = ("creator", "administrator", "member", "restricted")
    return sum(1 for member in record.members.values() if member.status in present)


async def pin_chat_message(world: World, params: ApiParams) -> bool:
    record = world.chat(params.chat_ref())
    if record.info.type != "private":
        right = "can_edit_messages" if record.info.type == "channel" else "can_pin_messages"
        _bot_needs(world, record, right, "not enough rights to manage pinned messages in the chat")
    message_id = params.require_int("message_id")
    if world.message(record, message_id) is None:
        raise bad_request("message to pin not found")
    if message_id in record.pinned:
        record.pinned.remove(message_id)
    record.pinned.append(message_id)
    world.touch()
    return True


async def unpin_chat_message(world: World, params: ApiParams) -> bool:
    record = world.chat(params.chat_ref())
    if record.info.type != "private":
        right = "can_edit_messages" if record.info.type == "channel" else "can_pin_messages"
        _bot_needs(world, record, right, "not enough rights to manage pinned messages in the chat")
    message_id = params.int_or_none("message_id")
    if message_id is None:
        if record.pinned:
            record.pinned.pop()
    elif message_id in record.pinned:
        record.pinned.remove(message_id)
    else:
        raise bad_request("message to unpin not found")
    world.touch()
    return True


async def create_forum_topic(world: World, params: ApiParams) -> JSON:
    record = _group(world, params)
    if not record.info.is_forum:
        raise bad_request("the chat is not a forum")
    _bot_needs(world, record, "can_manage_topics", "not enough rights to create a topic")
    name = params.require_str("name")
    if len(name) > 128:
        raise bad_request("TOPIC_TITLE_INVALID")
    icon_color = params.int_or_none("icon_color") or _TOPIC_COLORS[0]
    if icon_color not in _TOPIC_COLORS:
        raise bad_request("TOPIC_ICON_COLOR_INVALID")
    thread_id = record.take_message_id()
    topic: JSON = {"message_thread_id": thread_id, "name": name, "icon_color": icon_color}
    emoji = params.str_or_none("icon_custom_emoji_id")
    if emoji:
        topic["icon_custom_emoji_id"] = emoji
    record.topics[thread_id] = topic
    service: JSON = {
        "message_id": thread_id,
        "date": int(time.time()),
        "chat": world.chat_payload(record),
        "from": user_json(world.bot),
        "message_thread_id": thread_id,
        "is_topic_message": True,
        "forum_topic_created": {"name": name, "icon_color": icon_color},
    }
    world.store_message(record, service, from_bot=True)
    return topic


async def send_chat_action(world: World, params: ApiParams) -> bool:
    world.chat(params.chat_ref())
    if params.str_or_none("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


def _moderate(world: World, params: ApiParams) -> tuple[ChatRecord, int]:
    record = _group(world, params)
    _bot_needs(
        world,
        record,
        "can_restrict_members",
        "not enough rights to restrict/unrestrict chat member",
    )
    user_id = params.require_int("user_id")
    world.user(user_id)
    if world.member(record, user_id).status == "creator":
        raise bad_request("can't remove chat owner")
    return record, user_id


async def ban_chat_member(world: World, params: ApiParams) -> bool:
    record, user_id = _moderate(world, params)
    until = params.int_or_none("until_date") or 0
    world.set_member(record, user_id, Member("kicked", until_date=until), actor=world.bot.id)
    return True


async def unban_chat_member(world: World, params: ApiParams) -> bool:
    record, user_id = _moderate(world, params)
    current = world.member(record, user_id)
    unban = current.status == "kicked"
    # Without only_if_banned Telegram also removes a present member, as the docs warn.
    if unban or (not params.flag("only_if_banned") and current.status != "left"):
        world.set_member(record, user_id, Member("left"), actor=world.bot.id)
    return True


async def restrict_chat_member(world: World, params: ApiParams) -> bool:
    record, user_id = _moderate(world, params)
    if record.info.type != "supergroup":
        raise bad_request("method is available only for supergroups")
    permissions = params.json_value("permissions")
    if not isinstance(permissions, dict):
        raise bad_request("can't parse permissions JSON object")
    granted = {k: bool(v) for k, v in permissions.items()}
    if granted and all(granted.values()):
        # Every right given back: Telegram lists the user as an ordinary member again.
        member = Member("member")
    else:
        member = Member(
            "restricted",
            until_date=params.int_or_none("until_date") or 0,
            permissions=granted,
        )
    world.set_member(record, user_id, member, actor=world.bot.id)
    return True


def _sender_chat(world: World, params: ApiParams) -> tuple[ChatRecord, int]:
    record = _group(world, params)
    if record.info.type not in ("supergroup", "channel"):
        raise bad_request("method is available only for supergroups and channel")
    _bot_needs(
        world,
        record,
        "can_restrict_members",
        "not enough rights to restrict/unrestrict chat member",
    )
    return record, params.require_int("sender_chat_id")


async def ban_chat_sender_chat(world: World, params: ApiParams) -> bool:
    """The channel can no longer post in the group as itself."""
    record, sender_chat_id = _sender_chat(world, params)
    record.banned_sender_chats.add(sender_chat_id)
    world.touch()
    return True


async def unban_chat_sender_chat(world: World, params: ApiParams) -> bool:
    record, sender_chat_id = _sender_chat(world, params)
    record.banned_sender_chats.discard(sender_chat_id)
    world.touch()
    return True


async def leave_chat(world: World, params: ApiParams) -> bool:
    record = _group(world, params)
    if world.member(record, world.bot.id).status in ("left", "kicked"):
        raise bad_request("bot is not a member of the chat")
    world.set_member(record, world.bot.id, Member("left"), actor=world.bot.id)
    return True


def valid_rights(rights: dict[str, bool]) -> dict[str, bool]:
    unknown = set(rights) - set(ADMIN_RIGHTS)
    if unknown:
        raise ValueError(f"unknown admin rights: {sorted(unknown)}")
    return {name: bool(value) for name, value in rights.items()}


METHODS: dict[str, Handler] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": unpin_chat_message,
    "createForumTopic": create_forum_topic,
    "sendChatAction": send_chat_action,
    "banChatMember": ban_chat_member,
    "unbanChatMember": unban_chat_member,
    "restrictChatMember": restrict_chat_member,
    "banChatSenderChat": ban_chat_sender_chat,
    "unbanChatSenderChat": unban_chat_sender_chat,
    "leaveChat": leave_chat,
}
