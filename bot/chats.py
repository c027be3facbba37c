"""The chats and users Beacon has seen, and the bot's own rights in each chat."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, utc_now_iso
from bot.storage import Database

__all__ = ["ChatDirectory", "ChatRecord"]


@dataclass(frozen=True)
class ChatRecord:
    chat_id: int
    type: str
    title: str | None
    language: str
    bot_status: str | None
    bot_can_delete: bool
    bot_can_pin: bool
    is_forum: bool
    rights_warned: bool

    @property
    def bot_is_member(self) -> bool:
        return self.bot_status in {"creator", "administrator", "member", "restricted"}

    @property
    def bot_is_admin(self) -> bool:
        return self.bot_status in {"creator", "administrator"}


class ChatDirectory:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def record_chat(
        self,
        chat_id: int,
        chat_type: str,
        title: str | None,
        username: str | None,
        *,
        is_forum: bool = False,
    ) -> None:
        """Remember a chat we saw a message in (no change to the bot's recorded rights)."""
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO chats (chat_id, type, title, username, is_forum, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type,"
                " title = excluded.title, username = excluded.username,"
                " is_forum = excluded.is_forum, updated_at = excluded.updated_at",
                (chat_id, chat_type, title, username, int(is_forum), utc_now_iso(self._clock)),
            )

    async def record_bot_membership(
        self,
        chat_id: int,
        chat_type: str,
        title: str | None,
        status: str,
        *,
        can_delete: bool,
        can_pin: bool,
        is_forum: bool = False,
    ) -> None:
        """Store the bot's status and rights from a my_chat_member update."""
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO chats (chat_id, type, title, is_forum, bot_status, bot_can_delete,"
                " bot_can_pin, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type,"
                " title = excluded.title, is_forum = excluded.is_forum,"
                " bot_status = excluded.bot_status, bot_can_delete = excluded.bot_can_delete,"
                " bot_can_pin = excluded.bot_can_pin, updated_at = excluded.updated_at,"
                # Rights changed: warn the admins again if they are still missing.
                " rights_warned_at = NULL",
                (
                    chat_id,
                    chat_type,
                    title,
                    int(is_forum),
                    status,
                    int(can_delete),
                    int(can_pin),
                    utc_now_iso(self._clock),
                ),
            )

    async def mark_unreachable(self, chat_id: int, chat_type: str, status: str = "kicked") -> None:
        """Telegram said Forbidden: the user blocked the bot, or the bot left the group."""
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO chats (chat_id, type, bot_status, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET bot_status = excluded.bot_status,"
                " updated_at = excluded.updated_at",
                (chat_id, chat_type, status, utc_now_iso(self._clock)),
            )

    async def mark_rights_warned(self, chat_id: int) -> bool:
        """Record that admins were told about missing rights; False if already told."""
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "UPDATE chats SET rights_warned_at = ?"
                " WHERE chat_id = ? AND rights_warned_at IS NULL",
                (utc_now_iso(self._clock), chat_id),
            )
        return changed > 0

    async def set_language(self, chat_id: int, language: str) -> None:
        async with self._db.write() as tx:
            await tx.execute("UPDATE chats SET language = ? WHERE chat_id = ?", (language, chat_id))

    async def get(self, chat_id: int) -> ChatRecord | None:
        row = await self._db.fetch_one("SELECT * FROM chats WHERE chat_id = ?", (chat_id,))
        return _record(row) if row else None

    async def list(
        self, *, types: tuple[str, ...] = ("group", "supergroup", "channel")
    ) -> list[ChatRecord]:
        marks = ",".join("?" for _ in types)
        rows = await self._db.fetch_all(
            f"SELECT * FROM chats WHERE type IN ({marks}) ORDER BY chat_id", types
        )
        return [_record(r) for r in rows]

    async def record_user(
        self, user_id: int, first_name: str, username: str | None, language: str | None
    ) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO users (user_id, first_name, username, language, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                " first_name = excluded.first_name, username = excluded.username,"
                " language = excluded.language, updated_at = excluded.updated_at",
                (user_id, first_name, username, language, utc_now_iso(self._clock)),
            )

    async def is_banned(self, user_id: int) -> bool:
        return bool(
            await self._db.fetch_value("SELECT banned FROM users WHERE user_id = ?", (user_id,))
        )

    async def set_banned(self, user_id: int, banned: bool) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO users (user_id, banned, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET banned = excluded.banned",
                (user_id, int(banned), utc_now_iso(self._clock)),
            )


def _record(row: dict[str, object]) -> ChatRecord:
    return ChatRecord(
        chat_id=int(row["chat_id"]),  # type: ignore[call-overload]
        type=str(row["type"]),
        title=row["title"] if isinstance(row["title"], str) else None,
        language=str(row["language"]),
        bot_status=row["bot_status"] if isinstance(row["bot_status"], str) else None,
        bot_can_delete=bool(row["bot_can_delete"]),
        bot_can_pin=bool(row["bot_can_pin"]),
        is_forum=bool(row["is_forum"]),
        rights_warned=row["rights_warned_at"] is not None,
    )
