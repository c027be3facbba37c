"""Plain data the control API hands to tests: users, chats, messages, calls, queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

#: Administrator rights a chat member (or the bot) may hold, as named by the Bot API.
ADMIN_RIGHTS: tuple[str, ...] = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_post_messages",
    "can_edit_messages",
    "can_pin_messages",
    "can_manage_topics",
)

MEMBER_STATUSES: tuple[str, ...] = (
    "creator",
    "administrator",
    "member",
    "restricted",
    "left",
    "kicked",
)

CHAT_TYPES: tuple[str, ...] = ("private", "group", "supergroup", "channel")

FAULT_KINDS: tuple[str, ...] = ("429", "403", "400_not_found", "slow", "500", "502")


@dataclass(frozen=True)
class SandboxUser:
    """A Telegram user (or the bot itself) living in the emulator."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "first_name": self.first_name,
            "username": self.username,
            "last_name": self.last_name,
            "language_code": self.language_code,
            "is_bot": self.is_bot,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SandboxUser:
        return cls(
            id=int(data["id"]),
            first_name=str(data["first_name"]),
            username=data.get("username"),
            last_name=data.get("last_name"),
            language_code=data.get("language_code"),
            is_bot=bool(data.get("is_bot", False)),
        )


@dataclass(frozen=True)
class SandboxChat:
    """A chat: private (id equals the user's id), group, supergroup or channel."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    is_forum: bool = False

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "username": self.username,
            "is_forum": self.is_forum,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SandboxChat:
        return cls(
            id=int(data["id"]),
            type=str(data["type"]),
            title=data.get("title"),
            username=data.get("username"),
            is_forum=bool(data.get("is_forum", False)),
        )


@dataclass(frozen=True)
class SandboxFile:
    """A stored file; its bytes are fetched separately with `ControlClient.file_content`."""

    file_id: str
    file_unique_id: str
    kind: str
    size: int
    file_name: str | None = None
    mime_type: str | None = None

    def to_json(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "kind": self.kind,
            "size": self.size,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SandboxFile:
        return cls(
            file_id=str(data["file_id"]),
            file_unique_id=str(data["file_unique_id"]),
            kind=str(data["kind"]),
            size=int(data["size"]),
            file_name=data.get("file_name"),
            mime_type=data.get("mime_type"),
        )


@dataclass(frozen=True)
class ChatMessage:
    """One message in a chat's history, as the emulator last saw it.

    `raw` is the Bot API `Message` object (feed it to `telegram.Message.de_json`);
    `edits` holds the earlier versions, oldest first. `reply_markup` is the inline keyboard;
    `keyboard` is any other markup the bot sent (reply keyboard, removal, force_reply).
    """

    chat_id: int
    message_id: int
    date: int
    from_bot: bool
    from_id: int | None
    sender_chat_id: int | None
    text: str | None
    caption: str | None
    reply_markup: JSON | None
    reply_to_message_id: int | None
    message_thread_id: int | None
    deleted: bool
    pinned: bool
    edits: tuple[JSON, ...]
    file: SandboxFile | None
    keyboard: JSON | None = None
    raw: JSON = field(default_factory=dict, repr=False)

    @property
    def content(self) -> str | None:
        """The message text, or the caption for media."""
        return self.text if self.text is not None else self.caption

    def callback_data(self) -> list[str]:
        """Every callback_data of the inline keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    def to_json(self) -> JSON:
        return {
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "date": self.date,
            "from_bot": self.from_bot,
            "from_id": self.from_id,
            "sender_chat_id": self.sender_chat_id,
            "text": self.text,
            "caption": self.caption,
            "reply_markup": self.reply_markup,
            "reply_to_message_id": self.reply_to_message_id,
            "message_thread_id": self.message_thread_id,
            "deleted": self.deleted,
            "pinned": self.pinned,
            "edits": list(self.edits),
            "file": self.file.to_json() if self.file else None,
            "keyboard": self.keyboard,
            "raw": self.raw,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChatMessage:
        file = data.get("file")
        return cls(
            chat_id=int(data["chat_id"]),
            message_id=int(data["message_id"]),
            date=int(data["date"]),
            from_bot=bool(data["from_bot"]),
            from_id=data.get("from_id"),
            sender_chat_id=data.get("sender_chat_id"),
            text=data.get("text"),
            caption=data.get("caption"),
            reply_markup=data.get("reply_markup"),
            reply_to_message_id=data.get("reply_to_message_id"),
            message_thread_id=data.get("message_thread_id"),
            deleted=bool(data["deleted"]),
            pinned=bool(data.get("pinned", False)),
            edits=tuple(data.get("edits", ())),
            file=SandboxFile.from_json(file) if file else None,
            keyboard=data.get("keyboard"),
            raw=dict(data["raw"]),
        )


@dataclass(frozen=True)
class BotCall:
    """One Bot API request the bot made: parsed params (uploads summarised), never the token."""

    seq: int
    method: str
    params: JSON
    status: int
    description: str | None
    known: bool
    at: float

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def to_json(self) -> JSON:
        return {
            "seq": self.seq,
            "method": self.method,
            "params": self.params,
            "status": self.status,
            "description": self.description,
            "known": self.known,
            "at": self.at,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BotCall:
        return cls(
            seq=int(data["seq"]),
            method=str(data["method"]),
            params=dict(data["params"]),
            status=int(data["status"]),
            description=data.get("description"),
            known=bool(data["known"]),
            at=float(data["at"]),
        )


@dataclass(frozen=True)
class CallbackQueryState:
    """A button press and how (whether) the bot answered it."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answered: bool
    text: str | None = None
    show_alert: bool = False
    url: str | None = None

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "user_id": self.user_id,
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "data": self.data,
            "answered": self.answered,
            "text": self.text,
            "show_alert": self.show_alert,
            "url": self.url,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CallbackQueryState:
        return cls(
            id=str(data["id"]),
            user_id=int(data["user_id"]),
            chat_id=int(data["chat_id"]),
            message_id=int(data["message_id"]),
            data=str(data["data"]),
            answered=bool(data["answered"]),
            text=data.get("text"),
            show_alert=bool(data.get("show_alert", False)),
            url=data.get("url"),
        )


@dataclass(frozen=True)
class InlineQueryState:
    """An inline query and the results the bot answered with (None until answered)."""

    id: str
    user_id: int
    query: str
    offset: str
    answered: bool
    results: tuple[JSON, ...] = ()
    next_offset: str | None = None

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "user_id": self.user_id,
            "query": self.query,
            "offset": self.offset,
            "answered": self.answered,
            "results": list(self.results),
            "next_offset": self.next_offset,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> InlineQueryState:
        return cls(
            id=str(data["id"]),
            user_id=int(data["user_id"]),
            query=str(data["query"]),
            offset=str(data["offset"]),
            answered=bool(data["answered"]),
            results=tuple(data.get("results", ())),
            next_offset=data.get("next_offset"),
        )


@dataclass(frozen=True)
class LimitSettings:
    """Telegram's broadcast limits, enforced on send methods when `enabled`."""

    enabled: bool = False
    global_per_second: int = 30
    per_group_per_minute: int = 20
    per_chat_per_second: int = 1

    def to_json(self) -> JSON:
        return {
            "enabled": self.enabled,
            "global_per_second": self.global_per_second,
            "per_group_per_minute": self.per_group_per_minute,
            "per_chat_per_second": self.per_chat_per_second,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LimitSettings:
        return cls(
            enabled=bool(data.get("enabled", False)),
            global_per_second=int(data.get("global_per_second", 30)),
            per_group_per_minute=int(data.get("per_group_per_minute", 20)),
            per_chat_per_second=int(data.get("per_chat_per_second", 1)),
        )


@dataclass(frozen=True)
class LimitStats:
    """How many sends the limiter let through and how many it answered with 429."""

    settings: LimitSettings
    accepted: int
    rejected: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LimitStats:
        return cls(
            settings=LimitSettings.from_json(data["settings"]),
            accepted=int(data["accepted"]),
            rejected=int(data["rejected"]),
        )


@dataclass(frozen=True)
class ChatMemberState:
    """A user's (or the bot's) standing in a chat as the emulator records it."""

    chat_id: int
    user_id: int
    status: str
    rights: Mapping[str, bool] = field(default_factory=dict)
    until_date: int = 0
    permissions: Mapping[str, bool] | None = None

    def to_json(self) -> JSON:
        return {
            "chat_id": self.chat_id,
            "user_id": self.user_id,
            "status": self.status,
            "rights": dict(self.rights),
            "until_date": self.until_date,
            "permissions": dict(self.permissions) if self.permissions is not None else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChatMemberState:
        return cls(
            chat_id=int(data["chat_id"]),
            user_id=int(data["user_id"]),
            status=str(data["status"]),
            rights=dict(data.get("rights") or {}),
            until_date=int(data.get("until_date") or 0),
            permissions=data.get("permissions"),
        )
