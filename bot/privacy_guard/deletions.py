"""`DeleteBatcher`: removes messages as soon as they are due, several in one call when it can.

A chat has at most one delete call in flight. The first message due goes out at once on its
own (`deleteMessage`: no waiting to fill a batch); whatever comes due while that call is out
goes next, together, in one `deleteMessages` of up to 100 ids. A busy chat therefore costs one
round trip per batch, not one per message, and a quiet chat waits for nothing.

When a batch fails, each of its messages is tried alone, so every caller learns what happened
to its own message (one message someone else deleted first must not fail the others).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from typing import Protocol

from bot.privacy_guard.ports import DeleteOutcome

__all__ = ["MAX_BATCH", "BatchDeleter", "DeleteBatcher"]

log = logging.getLogger(__name__)

MAX_BATCH = 100  # Telegram's limit for deleteMessages


class BatchDeleter(Protocol):
    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome: ...

    async def delete_messages(self, chat_id: int, message_ids: Sequence[int]) -> DeleteOutcome: ...


class DeleteBatcher:
    def __init__(self, deleter: BatchDeleter) -> None:
        self._deleter = deleter
        self._queues: dict[int, list[tuple[int, asyncio.Future[DeleteOutcome]]]] = {}
        self._running: dict[int, asyncio.Task[None]] = {}
        self.calls = 0  # delete calls made (single or batch), for the benchmark and tests

    def submit(self, chat_id: int, message_id: int) -> asyncio.Future[DeleteOutcome]:
        """Queue a delete; the future says how it went. Never raises."""
        future: asyncio.Future[DeleteOutcome] = asyncio.get_running_loop().create_future()
        self._queues.setdefault(chat_id, []).append((message_id, future))
        if chat_id not in self._running:
            self._running[chat_id] = asyncio.create_task(
                self._drain(chat_id), name=f"privacy-delete-{chat_id}"
            )
        return future

    async def delete(self, chat_id: int, message_id: int) -> DeleteOutcome:
        return await self.submit(chat_id, message_id)

    async def _drain(self, chat_id: int) -> None:
        try:
            while queue := self._queues.get(chat_id):
                batch, self._queues[chat_id] = queue[:MAX_BATCH], queue[MAX_BATCH:]
                await self._delete_batch(chat_id, batch)
        finally:
            self._queues.pop(chat_id, None)
            self._running.pop(chat_id, None)

    async def _delete_batch(
        self, chat_id: int, batch: list[tuple[int, asyncio.Future[DeleteOutcome]]]
    ) -> None:
        ids = list(dict.fromkeys(message_id for message_id, _ in batch))
        outcomes: dict[int, DeleteOutcome] = {}
        if len(ids) > 1:
            outcome = await self._call(self._deleter.delete_messages(chat_id, ids))
            if outcome is DeleteOutcome.DELETED:
                outcomes = dict.fromkeys(ids, outcome)
        for message_id in ids:
            if message_id not in outcomes:
                outcomes[message_id] = await self._call(
                    self._deleter.delete_message(chat_id, message_id)
                )
        for message_id, future in batch:
            if not future.done():
                future.set_result(outcomes[message_id])

    async def _call(self, call: Awaitable[DeleteOutcome]) -> DeleteOutcome:
        self.calls += 1
        try:
            result = await call
        except Exception as error:  # the port should say FAILED; treat a raise the same
            log.warning("delete failed", extra={"error": type(error).__name__})
            return DeleteOutcome.FAILED
        return result if isinstance(result, DeleteOutcome) else DeleteOutcome.FAILED

    async def wait_idle(self) -> None:
        """Until every queued delete was tried (shutdown and tests)."""
        while self._running:
            await asyncio.gather(*self._running.values(), return_exceptions=True)
