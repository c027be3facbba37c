"""`NoticeSweeper`: removes the guard's notices once their time to live is over.

The schedule lives in SQLite (`privacy_notice_deletions`), so notices posted before a restart
are still removed after it: the worker simply finds them due when it starts. The guard also
puts a user's message here when Telegram failed to delete it, to try again.

A delete that fails for a passing reason (timeout, 5xx, flood control) is pushed back with a
doubling delay and given up after `MAX_ATTEMPTS`; one that cannot succeed (message gone, no
right, bot removed from the chat) is done. The attempt count is kept in memory only (the table
has no column for it): a restart gives a failing row another `MAX_ATTEMPTS`, still spaced out.
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
# After a failed delete: retry after 30 s, then 60 s, 120 s, ... at most an hour apart.
RETRY_FIRST_SECONDS = 30
RETRY_MAX_SECONDS = 3600
MAX_ATTEMPTS = 8
BATCH = 100


class MessageDeleter(Protocol):
    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome: ...


class NoticeSweeper:
    def __init__(self, db: Database, deleter: MessageDeleter, clock: Clock) -> None:
        self._db = db
        self._deleter = deleter
        self._clock = clock
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._failures: dict[int, int] = {}  # deletion_id -> failed attempts so far

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
        """Try every delete that is due; return how many were tried."""
        now = int(self._clock.now().timestamp())
        due = await self._db.fetch_all(
            "SELECT deletion_id, chat_id, message_id FROM privacy_notice_deletions"
            f" WHERE delete_at <= ? ORDER BY delete_at LIMIT {BATCH}",
            (now,),
        )
        for row in due:
            deletion_id = int(row["deletion_id"])
            chat_id, message_id = int(row["chat_id"]), int(row["message_id"])
            try:
                outcome = await self._deleter.delete_message(chat_id, message_id)
            except Exception as error:  # the deleter should say FAILED; treat a raise the same
                log.warning("could not remove a message", extra={"error": type(error).__name__})
                outcome = DeleteOutcome.FAILED
            if outcome is DeleteOutcome.FAILED:
                await self._failed(deletion_id, chat_id, now)
                continue
            self._failures.pop(deletion_id, None)
            await self._remove(deletion_id)
            log.debug(
                "scheduled message removed",
                extra={"chat_id": chat_id, "message_id": message_id, "outcome": str(outcome)},
            )
        return len(due)

    async def _failed(self, deletion_id: int, chat_id: int, now: int) -> None:
        attempts = self._failures.get(deletion_id, 0) + 1
        if attempts >= MAX_ATTEMPTS:
            self._failures.pop(deletion_id, None)
            await self._remove(deletion_id)
            log.warning(
                "gave up removing a message", extra={"chat_id": chat_id, "attempts": attempts}
            )
            return
        self._failures[deletion_id] = attempts
        delay = min(RETRY_FIRST_SECONDS * 2 ** (attempts - 1), RETRY_MAX_SECONDS)
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE privacy_notice_deletions SET delete_at = ? WHERE deletion_id = ?",
                (now + delay, deletion_id),
            )

    async def _remove(self, deletion_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "DELETE FROM privacy_notice_deletions WHERE deletion_id = ?", (deletion_id,)
            )

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
                wait = 0.0 if handled >= BATCH else await self.seconds_to_next()
            except Exception:
                log.error("privacy notice sweep failed", exc_info=True)
                wait = MAX_SLEEP_SECONDS
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=wait)
