"""Process updates concurrently across chats but strictly in order within one chat.

PTB's default processor is either fully sequential (one slow chat stalls everyone, e.g. while
the rate limiter waits out a RetryAfter) or fully concurrent (two messages of one user can be
handled out of order, which breaks conversations). Per-chat ordering gives both.

PTB takes its own semaphore slot *before* calling `do_process_update`, so a burst in one chat
would fill every slot while its updates wait for the chat's lock. PTB's semaphore is therefore
only a bound on queued updates here; the real limit on running handlers is taken after the
chat's lock.

A `screen` (the privacy guard) sees every update first, at once, outside the chat's order: a
message holding a secret must not wait behind an answer that waits for the chat's rate limit.
When the screen returns True the update is done (its handlers never run).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

__all__ = ["PerChatUpdateProcessor", "Screen"]

Screen = Callable[[object], Awaitable[bool]]

# Updates allowed to wait (in all chats together) before PTB stops fetching more.
MAX_QUEUED_UPDATES = 10_000


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int,
        max_queued_updates: int = MAX_QUEUED_UPDATES,
        observe: Callable[[float], None] | None = None,
        screen: Screen | None = None,
    ) -> None:
        """`observe` is told how many seconds each update's handlers took (for /metrics)."""
        super().__init__(max_queued_updates)
        self._observe = observe
        self.screen = screen
        self._running = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self.screen is not None and await self.screen(update):
            if isinstance(coroutine, Coroutine):
                coroutine.close()  # never started: nothing to clean up
            return
        key = _chat_key(update)
        if key is None:
            async with self._running:
                await self._timed(coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._running:
                await self._timed(coroutine)
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] == 0:  # forget idle chats so the dict stays small
                del self._waiting[key]
                del self._locks[key]

    async def _timed(self, coroutine: Awaitable[Any]) -> None:
        started = time.perf_counter()
        try:
            await coroutine
        finally:
            if self._observe is not None:
                self._observe(time.perf_counter() - started)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None
