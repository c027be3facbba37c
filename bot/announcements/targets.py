"""Where announcements go: chats where the bot is an admin, named sets, each with a language.

The chats table (filled from my_chat_member updates by the core handlers) is the registry;
this module reads it, keeps named sets, sets a chat's announcement language, and carries a
chat over to its new id when a group becomes a supergroup.
"""

from __future__ import annotations

import re

from bot.announcements.audit import SYSTEM_ACTOR, AuditLog
from bot.announcements.models import DEFAULT_CHANNEL, Target
from bot.chats import ChatDirectory, ChatRecord
from bot.clock import Clock, utc_now_iso
from bot.errors import InvalidInput, NotFound
from bot.storage import Database
from bot.texts import LANGUAGES

__all__ = ["TargetDirectory", "parse_targets_spec"]

_SET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
ALL = "all"


# The X account is never implied: a moderator adds it to an announcement explicitly
# ("all+x", "zh-groups+x", or "x" alone), so nothing reaches X by accident.
WITH_X = "+x"
X_ONLY = "x"


def parse_targets_spec(text: str) -> str:
    """ "all", a set name, or chat ids ("-1001, -1002"), optionally "+x", as a stored spec."""
    parts = [p.strip() for p in text.strip().lower().split("+")]
    with_x = X_ONLY in parts
    value = "+".join(p for p in parts if p != X_ONLY)
    if not value:
        if with_x:
            return X_ONLY
        raise InvalidInput("bad targets", text_key="announcements.invalid_targets")
    spec = _telegram_spec(value)
    return spec + WITH_X if with_x else spec


def _telegram_spec(value: str) -> str:
    if value == ALL:
        return ALL
    parts = [p for p in re.split(r"[\s,]+", value) if p]
    if parts and all(re.fullmatch(r"-?\d+", p) for p in parts):
        return "ids:" + ",".join(parts)
    if _SET_NAME.match(value):
        return f"set:{value}"
    raise InvalidInput("bad targets", text_key="announcements.invalid_targets")


class TargetDirectory:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        chats: ChatDirectory,
        audit: AuditLog,
        *,
        staff_chat_ids: tuple[int, ...] = (),
    ) -> None:
        self._db = db
        self._clock = clock
        self._chats = chats
        self._audit = audit
        # The agents' own chats: never a target, so "all" means the community chats.
        self._staff_chat_ids = frozenset(staff_chat_ids)
        self._channel_targets: list[Target] = []

    def add_channel_target(self, target: Target) -> None:
        """A target outside Telegram (the X account), chosen with "+x" or "x"."""
        self._channel_targets.append(target)

    async def available(self) -> list[ChatRecord]:
        """Groups and channels where the bot is an admin, other than the staff chat: the
        chats that can be targets."""
        return [
            c
            for c in await self._chats.list()
            if c.bot_is_admin and c.chat_id not in self._staff_chat_ids
        ]

    async def resolve(self, spec: str) -> list[Target]:
        """The targets a stored spec names today (only chats where the bot is still admin)."""
        if spec == X_ONLY:
            return list(self._channel_targets)
        with_x = spec.endswith(WITH_X)
        spec = spec.removesuffix(WITH_X)
        chats = {c.chat_id: c for c in await self.available()}
        if spec == ALL:
            chosen = list(chats.values())
        elif spec.startswith("set:"):
            ids = await self.set_members(spec[4:])
            chosen = [chats[i] for i in ids if i in chats]
        elif spec.startswith("ids:"):
            ids = [int(p) for p in spec[4:].split(",") if p]
            chosen = [chats[i] for i in ids if i in chats]
        else:
            raise InvalidInput(
                f"bad targets spec {spec!r}", text_key="announcements.invalid_targets"
            )
        found = [Target(DEFAULT_CHANNEL, str(c.chat_id), c.language, c.title) for c in chosen]
        return found + list(self._channel_targets) if with_x else found

    async def migrate(
        self, channel: str, old: str, new: str, *, actor_id: int = SYSTEM_ACTOR
    ) -> None:
        """A group became a supergroup with a new id: the target lives on under the new id.

        The registered chat row is carried over (language, rights; the old id is marked
        `left`, so it is no longer a target). When the new chat already has a row (its
        my_chat_member update often comes first) that row keeps its own status and rights,
        which are newer, and takes the old chat's language. Named sets follow, and so do
        scheduled announcements that name the old id (`ids:` specs). Idempotent: Telegram tells
        us twice (migrate_to_chat_id in the old chat, migrate_from_chat_id in the new one) and
        a send may find out first. The chats table belongs to `ChatDirectory`; this is the one
        write to it from announcements, done here so the move is a single transaction.
        `actor_id` is who upgraded the group when Telegram says, else `SYSTEM_ACTOR`.
        """
        if channel != DEFAULT_CHANNEL:
            return
        old_id, new_id = int(old), int(new)
        if old_id == new_id:
            return
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO chats (chat_id, type, title, username, language, is_forum,"
                " bot_status, bot_can_delete, bot_can_pin, updated_at)"
                " SELECT ?, 'supergroup', title, username, language, is_forum, bot_status,"
                " bot_can_delete, bot_can_pin, ? FROM chats WHERE chat_id = ?"
                " AND COALESCE(bot_status, '') <> 'left'"
                " ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language,"
                " title = COALESCE(chats.title, excluded.title),"
                " username = COALESCE(chats.username, excluded.username)",
                (new_id, utc_now_iso(self._clock), old_id),
            )
            moved = await tx.execute_rowcount(
                "UPDATE chats SET bot_status = 'left', updated_at = ?"
                " WHERE chat_id = ? AND COALESCE(bot_status, '') <> 'left'",
                (utc_now_iso(self._clock), old_id),
            )
            await tx.execute(
                "INSERT INTO announcement_target_sets (name, chat_id, added_at)"
                " SELECT name, ?, added_at FROM announcement_target_sets WHERE chat_id = ?"
                " ON CONFLICT (name, chat_id) DO NOTHING",
                (new_id, old_id),
            )
            await tx.execute("DELETE FROM announcement_target_sets WHERE chat_id = ?", (old_id,))
            # Announcements not queued yet resolve their targets when they go: point them at
            # the new id (queued ones have rows, which the worker moves when a send finds out).
            scheduled = await tx.fetch_all(
                "SELECT id, targets FROM announcements"
                " WHERE status = 'scheduled' AND targets LIKE 'ids:%'"
            )
            rewritten = [
                (spec, int(r["id"]))
                for r in scheduled
                if (spec := _spec_with_id_moved(str(r["targets"]), old_id, new_id))
                != r["targets"]
            ]
            await tx.executemany("UPDATE announcements SET targets = ? WHERE id = ?", rewritten)
        if moved or rewritten:
            detail = f"{new_id} scheduled={len(rewritten)}"
            await self._audit.record(actor_id, "target_migrated", old_id, detail)

    async def set_language(self, actor_id: int, chat_id: int, language: str) -> None:
        if language not in LANGUAGES:
            raise InvalidInput("bad language", text_key="announcements.invalid_language")
        if await self._chats.get(chat_id) is None:
            raise NotFound("no such chat")
        await self._chats.set_language(chat_id, language)
        await self._audit.record(actor_id, "target_language", chat_id, language)

    async def add_to_set(self, actor_id: int, name: str, chat_ids: list[int]) -> None:
        name = _set_name(name)
        async with self._db.write() as tx:
            await tx.executemany(
                "INSERT INTO announcement_target_sets (name, chat_id, added_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name, chat_id) DO NOTHING",
                [(name, chat_id, utc_now_iso(self._clock)) for chat_id in chat_ids],
            )
        await self._audit.record(actor_id, "targetset_add", name, ",".join(map(str, chat_ids)))

    async def remove_from_set(self, actor_id: int, name: str, chat_ids: list[int]) -> None:
        name = _set_name(name)
        async with self._db.write() as tx:
            await tx.executemany(
                "DELETE FROM announcement_target_sets WHERE name = ? AND chat_id = ?",
                [(name, chat_id) for chat_id in chat_ids],
            )
        await self._audit.record(actor_id, "targetset_remove", name, ",".join(map(str, chat_ids)))

    async def set_members(self, name: str) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT chat_id FROM announcement_target_sets WHERE name = ? ORDER BY chat_id",
            (name,),
        )
        return [int(r["chat_id"]) for r in rows]

    async def sets(self) -> dict[str, list[int]]:
        rows = await self._db.fetch_all(
            "SELECT name, chat_id FROM announcement_target_sets ORDER BY name, chat_id"
        )
        found: dict[str, list[int]] = {}
        for row in rows:
            found.setdefault(str(row["name"]), []).append(int(row["chat_id"]))
        return found


def _spec_with_id_moved(spec: str, old_id: int, new_id: int) -> str:
    """An `ids:` spec (maybe "+x") naming `new_id` where it named `old_id`, once."""
    with_x = spec.endswith(WITH_X)
    ids = spec.removesuffix(WITH_X)[4:].split(",")
    if str(old_id) not in ids:
        return spec
    moved: list[str] = []
    for chat_id in (str(new_id) if i == str(old_id) else i for i in ids):
        if chat_id not in moved:
            moved.append(chat_id)
    value = "ids:" + ",".join(moved)
    return value + WITH_X if with_x else value


def _set_name(name: str) -> str:
    value = name.strip().lower()
    if value == ALL or not _SET_NAME.match(value):
        raise InvalidInput("bad set name", text_key="announcements.invalid_set_name")
    return value
