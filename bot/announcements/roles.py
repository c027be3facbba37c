"""Who may announce: owners (from settings) and moderators (owners add them; kept in SQLite).

Identity is the numeric Telegram user id only; a username can be taken or changed by anyone.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.announcements.audit import AuditLog
from bot.clock import Clock, utc_now_iso
from bot.errors import InvalidInput, NotAllowed
from bot.storage import Database

__all__ = ["RoleBook"]


class RoleBook:
    def __init__(
        self, db: Database, clock: Clock, audit: AuditLog, owner_ids: Iterable[int]
    ) -> None:
        self._db = db
        self._clock = clock
        self._audit = audit
        self.owner_ids = frozenset(owner_ids)

    async def seed(self, moderator_ids: Iterable[int]) -> None:
        """Add the moderators named in settings, once each: an owner's later removal sticks."""
        now = utc_now_iso(self._clock)
        async with self._db.write() as tx:
            for user_id in moderator_ids:
                key = f"announcements.seeded_moderator.{user_id}"
                seeded = await tx.fetch_one("SELECT 1 FROM install_values WHERE name = ?", (key,))
                if seeded:
                    continue
                await tx.execute(
                    "INSERT INTO install_values (name, value) VALUES (?, ?)", (key, now)
                )
                await tx.execute(
                    "INSERT INTO announcement_moderators (user_id, added_by, added_at)"
                    " VALUES (?, NULL, ?) ON CONFLICT (user_id) DO NOTHING",
                    (user_id, now),
                )

    def is_owner(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.owner_ids

    async def can_announce(self, user_id: int | None) -> bool:
        if user_id is None:
            return False
        if self.is_owner(user_id):
            return True
        found = await self._db.fetch_value(
            "SELECT 1 FROM announcement_moderators WHERE user_id = ?", (user_id,)
        )
        return found is not None

    async def require_moderator(self, user_id: int | None) -> int:
        if user_id is None or not await self.can_announce(user_id):
            raise NotAllowed("not a moderator")
        return user_id

    def require_owner(self, user_id: int | None) -> int:
        if user_id is None or not self.is_owner(user_id):
            raise NotAllowed("not an owner")
        return user_id

    async def add_moderator(self, by: int | None, user_id: int) -> bool:
        """An owner adds a moderator; False if they already were one."""
        owner = self.require_owner(by)
        if user_id <= 0:
            raise InvalidInput("bad user id", text_key="announcements.invalid_user_id")
        async with self._db.write() as tx:
            added = await tx.execute_rowcount(
                "INSERT INTO announcement_moderators (user_id, added_by, added_at)"
                " VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING",
                (user_id, owner, utc_now_iso(self._clock)),
            )
        if added:
            await self._audit.record(owner, "moderator_add", user_id)
        return added > 0

    async def remove_moderator(self, by: int | None, user_id: int) -> bool:
        owner = self.require_owner(by)
        async with self._db.write() as tx:
            removed = await tx.execute_rowcount(
                "DELETE FROM announcement_moderators WHERE user_id = ?", (user_id,)
            )
        if removed:
            await self._audit.record(owner, "moderator_remove", user_id)
        return removed > 0

    async def moderators(self) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT user_id FROM announcement_moderators ORDER BY user_id"
        )
        return [int(r["user_id"]) for r in rows]
