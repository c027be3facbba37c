"""The emulator's in-memory world: users, chats, memberships, messages, files and updates."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from sandbox.errors import CHAT_NOT_FOUND, bad_request
from sandbox.faults import FaultBook
from sandbox.limits import SendLimiter
from sandbox.models import (
    JSON,
    BotCall,
    CallbackQueryState,
    ChatMessage,
    InlineQueryState,
    LimitSettings,
    SandboxChat,
    SandboxFile,
    SandboxUser,
)
from sandbox.payloads import chat_json, chat_member_json, user_json

DEFAULT_TOKEN = "123456:SANDBOX-TOKEN"
BOT_USER = SandboxUser(id=123456, first_name="Beacon", username="beacon_sandbox_bot", is_bot=True)

#: Update types Telegram leaves out unless a bot lists them in allowed_updates.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class Member:
    status: str
    rights: dict[str, bool] = field(default_factory=dict)
    until_date: int = 0
    permissions: dict[str, bool] | None = None

    def has_right(self, right: str) -> bool:
        return self.status == "creator" or (
            self.status == "administrator" and self.rights.get(right, False)
        )


@dataclass
class MessageRecord:
    payload: JSON
    from_bot: bool
    deleted: bool = False
    edits: list[JSON] = field(default_factory=list)
    file_id: str | None = None
    keyboard: JSON | None = None


@dataclass
class ChatRecord:
    info: SandboxChat
    members: dict[int, Member] = field(default_factory=dict)
    messages: dict[int, MessageRecord] = field(default_factory=dict)
    topics: dict[int, JSON] = field(default_factory=dict)
    pinned: list[int] = field(default_factory=list)
    next_message_id: int = 1
    migrated_to: int | None = None  # a group upgraded to this supergroup
    banned_sender_chats: set[int] = field(default_factory=set)  # banChatSenderChat

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class FileRecord:
    meta: SandboxFile
    data: bytes
    file_path: str


@dataclass
class PendingUpdate:
    update_id: int
    kind: str
    payload: JSON


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None
    allowed_updates: list[str] | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


class World:
    """Everything the emulator knows; every change wakes whoever waits in `wait_change`."""

    def __init__(self, token: str = DEFAULT_TOKEN, bot: SandboxUser = BOT_USER) -> None:
        self.token = token
        self.bot = bot
        self.faults = FaultBook()
        self.limiter = SendLimiter()
        self._changed = asyncio.Event()
        self.version = 0
        self.poll_generation = 0
        self.closing = False
        # Update ids keep rising across resets so a running bot's offset never hides new ones.
        self._update_ids = itertools.count(1)
        self.reset()

    def reset(self) -> None:
        self.users: dict[int, SandboxUser] = {self.bot.id: self.bot}
        self.blocked: set[int] = set()
        # Users who never opened the private chat with the bot: it cannot write to them first.
        self.not_started: set[int] = set()
        self.chats: dict[int, ChatRecord] = {}
        self.files: dict[str, FileRecord] = {}
        self.updates: list[PendingUpdate] = []
        self.allowed_updates: list[str] | None = None
        self.calls: list[BotCall] = []
        self.callbacks: dict[str, CallbackQueryState] = {}
        self.inline_queries: dict[str, InlineQueryState] = {}
        self.commands: dict[str, list[JSON]] = {}
        self.webhook: WebhookConfig | None = None
        self.privacy_mode = False
        self.faults.clear()
        self.limiter.configure(LimitSettings())
        self._ids = itertools.count(1)
        self._user_ids = itertools.count(1001)
        self._group_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.touch()

    # -- change notification -------------------------------------------------------------

    def touch(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_change(self, since: int, timeout: float) -> int:
        """Return once `version` moves past `since` or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        while self.version <= since:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            event = self._changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                break
        return self.version

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    # -- users and chats -----------------------------------------------------------------

    def add_user(self, user: SandboxUser | None = None, **fields: Any) -> SandboxUser:
        if user is None:
            fields.setdefault("id", next(self._user_ids))
            user = SandboxUser(**fields)
        if user.id in self.users and user.id != self.bot.id:
            raise ValueError(f"user {user.id} already exists")
        self.users[user.id] = user
        private = SandboxChat(id=user.id, type="private", username=user.username)
        self.chats[user.id] = ChatRecord(
            info=private,
            members={user.id: Member("member"), self.bot.id: Member("member")},
        )
        self.touch()
        return user

    def new_chat_id(self, chat_type: str) -> int:
        n = next(self._group_ids)
        return -(1000 + n) if chat_type == "group" else -(1001000000000 + n)

    def add_chat(self, info: SandboxChat) -> ChatRecord:
        if info.id in self.chats:
            raise ValueError(f"chat {info.id} already exists")
        record = ChatRecord(info=info)
        self.chats[info.id] = record
        self.touch()
        return record

    def user(self, user_id: int) -> SandboxUser:
        try:
            return self.users[user_id]
        except KeyError:
            raise bad_request("user not found") from None

    def chat(self, ref: int | str) -> ChatRecord:
        """The chat by id or "@username", or 400 "chat not found" like Telegram."""
        if isinstance(ref, str):
            name = ref.removeprefix("@").lower()
            for record in self.chats.values():
                if record.info.type != "private" and (record.info.username or "").lower() == name:
                    return record
            raise bad_request(CHAT_NOT_FOUND)
        found = self.chats.get(ref)
        if found is None:
            raise bad_request(CHAT_NOT_FOUND)
        return found

    def chat_payload(self, record: ChatRecord) -> JSON:
        private_user = self.users.get(record.info.id) if record.info.type == "private" else None
        return chat_json(record.info, private_user)

    def member(self, record: ChatRecord, user_id: int) -> Member:
        return record.members.get(user_id, Member("left"))

    def member_payload(self, record: ChatRecord, user_id: int) -> JSON:
        member = self.member(record, user_id)
        return chat_member_json(
            self.user(user_id),
            member.status,
            member.rights,
            until_date=member.until_date,
            permissions=member.permissions,
        )

    def set_member(self, record: ChatRecord, user_id: int, member: Member, *, actor: int) -> None:
        """Change a membership and enqueue the matching (my_)chat_member update."""
        old = self.member_payload(record, user_id)
        record.members[user_id] = member
        new = self.member_payload(record, user_id)
        kind = "my_chat_member" if user_id == self.bot.id else "chat_member"
        self.enqueue(
            kind,
            {
                "chat": self.chat_payload(record),
                "from": user_json(self.user(actor)),
                "date": int(time.time()),
                "old_chat_member": old,
                "new_chat_member": new,
            },
        )

    # -- messages ------------------------------------------------------------------------

    def message(self, record: ChatRecord, message_id: int) -> MessageRecord | None:
        found = record.messages.get(message_id)
        return None if found is None or found.deleted else found

    def store_message(self, record: ChatRecord, payload: JSON, *, from_bot: bool) -> MessageRecord:
        file_id = None
        if "document" in payload:
            file_id = payload["document"]["file_id"]
        elif "photo" in payload:
            file_id = payload["photo"][-1]["file_id"]
        stored = MessageRecord(payload=payload, from_bot=from_bot, file_id=file_id)
        record.messages[payload["message_id"]] = stored
        self.touch()
        return stored

    def chat_message(self, record: ChatRecord, stored: MessageRecord) -> ChatMessage:
        payload = stored.payload
        sender = payload.get("from")
        reply = payload.get("reply_to_message")
        file = self.files.get(stored.file_id) if stored.file_id else None
        return ChatMessage(
            chat_id=record.info.id,
            message_id=payload["message_id"],
            date=payload["date"],
            from_bot=stored.from_bot,
            from_id=sender["id"] if sender else None,
            sender_chat_id=payload["sender_chat"]["id"] if "sender_chat" in payload else None,
            text=payload.get("text"),
            caption=payload.get("caption"),
            reply_markup=payload.get("reply_markup"),
            reply_to_message_id=reply["message_id"] if reply else None,
            message_thread_id=payload.get("message_thread_id"),
            deleted=stored.deleted,
            pinned=payload["message_id"] in record.pinned,
            edits=tuple(stored.edits),
            file=file.meta if file else None,
            keyboard=stored.keyboard,
            raw=payload,
        )

    # -- files ---------------------------------------------------------------------------

    def add_file(
        self, data: bytes, *, kind: str, file_name: str | None, mime_type: str | None
    ) -> FileRecord:
        n = next(self._file_ids)
        folder = "photos" if kind == "photo" else "documents"
        if kind == "photo":
            suffix: str | None = "jpg"
        else:
            suffix = file_name.rpartition(".")[2] if file_name and "." in file_name else None
        meta = SandboxFile(
            file_id=f"{'AgAC' if kind == 'photo' else 'BQAC'}{n:06d}SANDBOX",
            file_unique_id=f"AQAD{n:06d}",
            kind=kind,
            size=len(data),
            file_name=file_name,
            mime_type=mime_type,
        )
        path = f"{folder}/file_{n}" + (f".{suffix}" if suffix else "")
        record = FileRecord(meta=meta, data=data, file_path=path)
        self.files[meta.file_id] = record
        return record

    def file_by_path(self, path: str) -> FileRecord | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    # -- updates -------------------------------------------------------------------------

    def enqueue(self, kind: str, body: JSON) -> PendingUpdate:
        update = PendingUpdate(next(self._update_ids), kind, {kind: body})
        update.payload = {"update_id": update.update_id, **update.payload}
        self.updates.append(update)
        self.touch()
        return update

    def is_allowed(self, kind: str, allowed: list[str] | None) -> bool:
        if allowed:
            return kind in allowed
        return kind not in OPT_IN_UPDATES

    def confirm(self, offset: int) -> None:
        """Forget updates older than `offset` (negative: keep only the last -offset)."""
        before = len(self.updates)
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u.update_id >= offset]
        if len(self.updates) != before:
            self.touch()

    def deliverable(self, allowed: list[str] | None, limit: int) -> list[PendingUpdate]:
        """Pending updates the bot accepts; ones it does not are dropped like Telegram does."""
        kept = [u for u in self.updates if self.is_allowed(u.kind, allowed)]
        if len(kept) != len(self.updates):
            self.updates = kept
            self.touch()
        return kept[:limit]

    def record_call(
        self, method: str, params: JSON, status: int, description: str | None, *, known: bool
    ) -> BotCall:
        call = BotCall(
            seq=len(self.calls) + 1,
            method=method,
            params=params,
            status=status,
            description=description,
            known=known,
            at=time.time(),
        )
        self.calls.append(call)
        self.touch()
        return call
