"""`OfficialRegistry`: who is official, by user id, and the names others must not copy.

Official people: owners, moderators and agents from settings, moderators added with
/mod_add, each chat's administrators (listed once per chat, then kept current from
chat_member updates) and the bot itself. Their names are learned whenever Telegram shows
them (a message, a member update, the admin list); a username they gave up stays protected.
Official non-people: the brand and the handles in settings.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.impersonation.matcher import NameMatch, NameMatcher, Official, OfficialKind
from bot.impersonation.models import Member
from bot.impersonation.ports import GuardActions
from bot.impersonation.rules import GuardRules
from bot.storage import Database

__all__ = ["OfficialRegistry", "StaticOfficials", "UsernameCheck"]

log = logging.getLogger("beacon.impersonation")


@dataclass(frozen=True)
class StaticOfficials:
    """What settings say: people by id, and the non-person identities."""

    user_ids: frozenset[int]
    bot: Member | None
    identities: tuple[Official, ...]  # the brand and the official handles
    staff_chat_id: int | None = None


@dataclass(frozen=True)
class UsernameCheck:
    official: bool
    imitates: str | None = None  # the official handle it imitates or used to belong to
    former: bool = False  # the username belonged to staff once


# Moderators added with /mod_add live in the announcements' tables: read again this often.
IDS_TTL_SECONDS = 60.0


@dataclass
class _Cache:
    ids: frozenset[int] | None = None
    ids_at: float = 0.0
    matcher: NameMatcher | None = None
    admin_chats: set[int] = field(default_factory=set)


class OfficialRegistry:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        rules: GuardRules,
        static: StaticOfficials,
        actions: GuardActions,
        moderators: Callable[[], Awaitable[list[int]]],
    ) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules
        self._static = static
        self._actions = actions
        self._moderators = moderators
        self._cache = _Cache()

    def _now(self) -> int:
        return int(self._clock.now().timestamp())

    def invalidate(self) -> None:
        """Something official changed (a /mod_add, a promotion): rebuild on next use."""
        self._cache.ids = None
        self._cache.matcher = None

    # -- who -------------------------------------------------------------------------------

    async def official_ids(self) -> frozenset[int]:
        if self._cache.ids is not None and time.monotonic() - self._cache.ids_at > IDS_TTL_SECONDS:
            self.invalidate()
        if self._cache.ids is None:
            rows = await self._db.fetch_all("SELECT DISTINCT user_id FROM guard_chat_admins", ())
            ids = set(self._static.user_ids) | {int(r["user_id"]) for r in rows}
            ids.update(await self._moderators())
            if self._static.bot is not None:
                ids.add(self._static.bot.user_id)
            self._cache.ids = frozenset(ids)
            self._cache.ids_at = time.monotonic()
        return self._cache.ids

    async def is_official(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in await self.official_ids()

    async def matcher(self) -> NameMatcher:
        if self._cache.matcher is None:
            ids = await self.official_ids()
            rows = await self._db.fetch_all(
                "SELECT user_id, name, username, former FROM guard_identities", ()
            )
            officials: list[Official] = list(self._static.identities)
            if self._static.bot is not None:
                officials.append(Official(OfficialKind.HANDLE, username=self._static.bot.username))
            for row in rows:
                user_id = int(row["user_id"])
                if user_id not in ids:
                    continue
                username = str(row["username"]) or None
                if row["former"]:
                    # A username given up: protected as a handle nobody else may hold.
                    if username:
                        officials.append(Official(OfficialKind.HANDLE, username=username))
                    continue
                officials.append(Official(OfficialKind.STAFF, str(row["name"]), username, user_id))
            self._cache.matcher = self._rules.names(officials)
        return self._cache.matcher

    async def check(self, name: str, username: str | None, user_id: int) -> NameMatch:
        matcher = await self.matcher()
        return matcher.check(name, username, user_id=user_id)

    # -- learning names --------------------------------------------------------------------

    async def learn(self, member: Member) -> None:
        """An official person as Telegram shows them now; their old username stays protected."""
        if not await self.is_official(member.user_id):
            return
        username = member.username or ""
        name = member.name
        current = await self._db.fetch_all(
            "SELECT name, username FROM guard_identities WHERE user_id = ? AND former = 0",
            (member.user_id,),
        )
        if [(r["name"], r["username"]) for r in current] == [(name, username)]:
            return
        now = self._now()
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE guard_identities SET former = 1 WHERE user_id = ? AND former = 0"
                " AND username != ''",
                (member.user_id,),
            )
            await tx.execute(
                "DELETE FROM guard_identities WHERE user_id = ? AND former = 0",
                (member.user_id,),
            )
            await tx.execute(
                "INSERT INTO guard_identities (user_id, name, username, former, seen_at)"
                " VALUES (?, ?, ?, 0, ?) ON CONFLICT (user_id, name, username) DO UPDATE SET"
                " former = 0, seen_at = excluded.seen_at",
                (member.user_id, name, username, now),
            )
        self._cache.matcher = None

    async def refresh_chat(self, chat_id: int) -> bool:
        """List the chat's administrators again (the bot joined or its rights changed)."""
        admins = await self._actions.chat_admins(chat_id)
        if admins is None:
            return False
        now = self._now()
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM guard_chat_admins WHERE chat_id = ?", (chat_id,))
            for admin in admins:
                await tx.execute(
                    "INSERT INTO guard_chat_admins (chat_id, user_id, refreshed_at)"
                    " VALUES (?, ?, ?) ON CONFLICT (chat_id, user_id) DO NOTHING",
                    (chat_id, admin.user_id, now),
                )
        self._cache.admin_chats.add(chat_id)
        self.invalidate()
        for admin in admins:
            await self.learn(admin)
        return True

    async def ensure_chat(self, chat_id: int) -> None:
        """List a chat's administrators the first time the guard works there."""
        if chat_id in self._cache.admin_chats:
            return
        known = await self._db.fetch_value(
            "SELECT 1 FROM guard_chat_admins WHERE chat_id = ? LIMIT 1", (chat_id,)
        )
        if known is not None or await self.refresh_chat(chat_id):
            self._cache.admin_chats.add(chat_id)

    async def set_admin(self, chat_id: int, member: Member, is_admin: bool) -> None:
        """A chat_member update promoted or demoted someone."""
        async with self._db.write() as tx:
            if is_admin:
                await tx.execute(
                    "INSERT INTO guard_chat_admins (chat_id, user_id, refreshed_at)"
                    " VALUES (?, ?, ?) ON CONFLICT (chat_id, user_id) DO NOTHING",
                    (chat_id, member.user_id, self._now()),
                )
            else:
                await tx.execute(
                    "DELETE FROM guard_chat_admins WHERE chat_id = ? AND user_id = ?",
                    (chat_id, member.user_id),
                )
        self.invalidate()
        if is_admin:
            await self.learn(member)

    # -- /verify ---------------------------------------------------------------------------

    async def check_username(self, username: str) -> UsernameCheck:
        """Is @username an official account now? Staff are known by id: a username that
        staff gave up, or that only resembles theirs, is not."""
        name = username.strip().lstrip("@").lower()
        ids = await self.official_ids()
        rows = await self._db.fetch_all(
            "SELECT user_id, former FROM guard_identities WHERE LOWER(username) = ?", (name,)
        )
        for row in rows:
            user_id = int(row["user_id"])
            if row["former"] or user_id not in ids:
                continue
            if await self._still_holds(user_id, name):
                return UsernameCheck(True)
        handles = {(o.username or "").lower() for o in self._static.identities}
        if self._static.bot is not None and self._static.bot.username:
            handles.add(self._static.bot.username.lower())
        if name in handles:
            return UsernameCheck(True)
        staff_rows = [row for row in rows if int(row["user_id"]) in ids]
        if staff_rows:
            # Staff's once: they renamed, and whoever holds it now is somebody else.
            return UsernameCheck(False, await self._current_username(staff_rows), former=True)
        found = (await self.matcher()).check(None, name, user_id=0)
        if found.suspect and found.resembles is not None:
            return UsernameCheck(False, found.resembles.shown)
        return UsernameCheck(False)

    async def _still_holds(self, user_id: int, username: str) -> bool:
        """Ask Telegram for the staff member's current username: what we stored may be
        stale (they renamed and someone else took the old one)."""
        for chat_id in await self._chats_of(user_id):
            member = await self._actions.member(chat_id, user_id)
            if member is not None:
                await self.learn(member)
                return (member.username or "").lower() == username
        return True  # Telegram cannot tell us: what we saw last is all we have

    async def _chats_of(self, user_id: int) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT chat_id FROM guard_chat_admins WHERE user_id = ?", (user_id,)
        )
        chats = [int(r["chat_id"]) for r in rows]
        if self._static.staff_chat_id is not None:
            chats.insert(0, self._static.staff_chat_id)
        return chats

    async def _current_username(self, rows: Iterable[dict[str, object]]) -> str | None:
        for row in rows:
            value = await self._db.fetch_value(
                "SELECT username FROM guard_identities WHERE user_id = ? AND former = 0",
                (row["user_id"],),
            )
            if value:
                return str(value)
        return None

    async def forget_user(self, user_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM guard_identities WHERE user_id = ?", (user_id,))
        self.invalidate()
