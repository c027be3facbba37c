"""Each Telegram update is handled once, however often it is delivered and to which replica."""

from __future__ import annotations

from bot.clock import Clock
from bot.storage import Database

__all__ = ["RETENTION_SECONDS", "UpdateLedger"]

# Telegram gives up redelivering an update within a day; two days leave a margin.
RETENTION_SECONDS = 2 * 86_400
PRUNE_EVERY_SECONDS = 600


class UpdateLedger:
    """Records update ids under a unique key; the first replica to record one handles it.

    The id is recorded before the update is handled: a replica that dies while handling it
    loses that one update rather than letting a second replica act on it twice.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._pruned_at = 0.0

    async def first_delivery(self, update_id: int, stamp: str) -> bool:
        """True for an update not seen before; False for a repeated delivery of one."""
        now = int(self._clock.now().timestamp())
        async with self._db.write() as tx:
            # A known id with another stamp is a new update that reuses the id: take it over.
            taken = await tx.execute_rowcount(
                "INSERT INTO processed_updates (update_id, stamp, received_at) VALUES (?, ?, ?)"
                " ON CONFLICT (update_id) DO UPDATE SET stamp = excluded.stamp,"
                " received_at = excluded.received_at"
                " WHERE processed_updates.stamp <> excluded.stamp",
                (update_id, stamp, now),
            )
            if now - self._pruned_at >= PRUNE_EVERY_SECONDS:
                self._pruned_at = now
                await tx.execute(
                    "DELETE FROM processed_updates WHERE received_at < ?",
                    (now - RETENTION_SECONDS,),
                )
        return taken > 0
