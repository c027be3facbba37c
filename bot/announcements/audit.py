"""The audit log: who did what to announcements, roles and targets, and when."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, utc_now_iso
from bot.storage import Database

__all__ = ["CLI_ACTOR", "SYSTEM_ACTOR", "AuditEntry", "AuditLog"]

CLI_ACTOR = 0  # the command line has no Telegram user id
# The bot itself: a change Telegram reported without saying who made it (a group upgrade found
# by a send).
SYSTEM_ACTOR = -1


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor_id: int
    action: str
    subject: str | None
    detail: str | None


class AuditLog:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def record(
        self, actor_id: int, action: str, subject: object = None, detail: str | None = None
    ) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO announcement_audit (at, actor_id, action, subject, detail)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    utc_now_iso(self._clock),
                    actor_id,
                    action,
                    None if subject is None else str(subject),
                    detail,
                ),
            )

    async def recent(self, limit: int = 50) -> list[AuditEntry]:
        rows = await self._db.fetch_all(
            "SELECT at, actor_id, action, subject, detail FROM announcement_audit"
            " ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AuditEntry(**row) for row in rows]
