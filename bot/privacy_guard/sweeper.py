"""`NoticeSweeper`: removes the guard's notices once their time to live is over.

The schedule lives in SQLite (`privacy_notice_deletions`), so notices posted before a restart
are still removed after it: the worker simply finds them due when it starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from bot.clock import Clock
from bot.privacy_guard.ports import DeleteOutcome
from bot.storage import Database

__all__ = ["MessageDeleter", "NoticeSweeper"]

log = logging.getLogger(__name__)

# Upper bound on one sleep, so a clock change or a missed wake-up costs at most this long.
MAX_SLEEP_SECONDS = 30.0


class MessageDeleter(Protocol):
    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome: ...


class NoticeSweeper:
    def __init__(self, db: Database, deleter: MessageDeleter, clock: Clock) -> None:
        self._db = db
        self._deleter = deleter
        self._clock = clock
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def schedule(self, chat_id: int, message_id: int, after_seconds: int) -> None:
        delete_at = int(self._clock.now().timestamp()) + after_seconds
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO privacy_notice_deletions (chat_id, message_id, delete_at)"
                " VALUES (?, ?, ?) ON CONFLICT (chat_id, message_id)"
                " DO UPDATE SET delete_at = excluded.delete_at",
                (chat_id, message_id, delete_at),
            )
        self._wake.set()

    async def sweep_due(self) -> int:
        """Delete every notice that is due; return how many were handled."""
        now = int(self._clock.now().timestamp())
        due = await self._db.fetch_all(
            "SELECT deletion_id, chat_id, message_id FROM privacy_notice_deletions"
            " WHERE delete_at <= ? ORDER BY delete_at LIMIT 100",
            (now,),
        )
        for row in due:
            chat_id, message_id = int(row["chat_id"]), int(row["message_id"])
            try:
                outcome = await self._deleter.delete_message(chat_id, message_id)
            except Exception:  # a network error: keep the row and try again on the next sweep
                log.warning("could not remove a privacy notice", exc_info=True)
                continue
            async with self._db.write() as tx:
                await tx.execute(
                    "DELETE FROM privacy_notice_deletions WHERE deletion_id = ?",
                    (row["deletion_id"],),
                )
            log.debug(
                "privacy notice removed",
                extra={"chat_id": chat_id, "message_id": message_id, "outcome": str(outcome)},
            )
        return len(due)

    async def seconds_to_next(self) -> float:
        next_at = await self._db.fetch_value("SELECT MIN(delete_at) FROM privacy_notice_deletions")
        if next_at is None:
            return MAX_SLEEP_SECONDS
        wait = float(next_at) - self._clock.now().timestamp()
        return min(max(wait, 0.0), MAX_SLEEP_SECONDS)

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="privacy-notice-sweeper")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            self._wake.clear()  # before the sweep: a notice scheduled during it wakes us again
            try:
                handled = await self.sweep_due()
                wait = 0.0 if handled >= 100 else await self.seconds_to_next()
            except Exception:
                log.error("privacy notice sweep failed", exc_info=True)
                wait = MAX_SLEEP_SECONDS
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=wait)
