"""`NoticeBoard`: the notices after removed messages, coalesced so a busy group stays in budget.

Telegram lets a bot post about 20 messages a minute in one group. Each group has one worker
that posts a notice, and while that call is out (or waiting for the rate limiter) the next
removals pile up; they are then added to the notice already posted, edited in place, as long as
it is recent (`MERGE_SECONDS`) and names fewer than `MAX_NAMES` members. So a flood of secrets
costs a few posts and edits, not one post per secret, and no removal ever waits for a notice.

Notices never hold the data, only its kind; each member gets their own button (deep link).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.messages import Reply
from bot.privacy_guard.notices import NoticeEntry, NoticeWriter

__all__ = ["NoticeBoard", "NoticePoster"]

log = logging.getLogger(__name__)

MERGE_SECONDS = 60.0
MAX_NAMES = 8  # a notice stays readable, and its buttons fit on a phone screen


class NoticePoster(Protocol):
    async def send(
        self, chat_id: int, reply: Reply, *, thread_id: int | None = None
    ) -> int | None: ...

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool: ...


class NoticeScheduler(Protocol):
    async def schedule(self, chat_id: int, message_id: int, after_seconds: int) -> None: ...


@dataclass
class _Posted:
    message_id: int
    thread_id: int | None
    posted_at: float
    entries: list[NoticeEntry] = field(default_factory=list)


@dataclass
class _Pending:
    entry: NoticeEntry
    thread_id: int | None
    ttl: int


class NoticeBoard:
    def __init__(
        self,
        poster: NoticePoster,
        writer: NoticeWriter,
        sweeper: NoticeScheduler,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._poster = poster
        self._writer = writer
        self._sweeper = sweeper
        self._clock = clock
        self._pending: dict[int, list[_Pending]] = {}
        self._current: dict[int, _Posted] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self.sends = 0
        self.edits = 0

    def post(self, chat_id: int, entry: NoticeEntry, *, thread_id: int | None, ttl: int) -> None:
        """Queue a notice for a removed message; it goes out as soon as the chat allows."""
        self._pending.setdefault(chat_id, []).append(_Pending(entry, thread_id, ttl))
        if chat_id not in self._workers:
            self._workers[chat_id] = asyncio.create_task(
                self._work(chat_id), name=f"privacy-notices-{chat_id}"
            )

    async def _work(self, chat_id: int) -> None:
        try:
            while pending := self._pending.get(chat_id):
                thread_id = pending[0].thread_id
                batch = [p for p in pending if p.thread_id == thread_id]
                self._pending[chat_id] = [p for p in pending if p.thread_id != thread_id]
                try:
                    await self._publish(chat_id, thread_id, batch)
                except Exception as error:  # one failed notice must not stop the next ones
                    log.warning(
                        "could not post a privacy notice",
                        extra={"chat_id": chat_id, "error": type(error).__name__},
                    )
        finally:
            self._pending.pop(chat_id, None)
            self._workers.pop(chat_id, None)

    async def _publish(self, chat_id: int, thread_id: int | None, batch: list[_Pending]) -> None:
        current = self._current.get(chat_id)
        if (
            current is not None
            and current.thread_id == thread_id
            and self._clock() - current.posted_at < MERGE_SECONDS
        ):
            room = MAX_NAMES - len(current.entries)
            if room > 0:
                added, batch = batch[:room], batch[room:]
                entries = current.entries + [p.entry for p in added]
                if await self._poster.edit(chat_id, current.message_id, self._render(entries)):
                    self.edits += 1
                    current.entries = entries
                    await self._schedule(chat_id, current.message_id, added)
                else:
                    batch = added + batch  # gone or not editable: post them anew
        while batch:
            chunk, batch = batch[:MAX_NAMES], batch[MAX_NAMES:]
            entries = [p.entry for p in chunk]
            message_id = await self._poster.send(
                chat_id, self._render(entries), thread_id=thread_id
            )
            if message_id is None:
                continue
            self.sends += 1
            self._current[chat_id] = _Posted(message_id, thread_id, self._clock(), entries)
            await self._schedule(chat_id, message_id, chunk)

    def _render(self, entries: list[NoticeEntry]) -> Reply:
        return self._writer.removed_many_notice(entries, entries[0].language)

    async def _schedule(self, chat_id: int, message_id: int, added: list[_Pending]) -> None:
        ttl = max((p.ttl for p in added), default=0)
        if ttl <= 0:
            return
        try:  # the notice is out; its removal is best effort (the database may be failing)
            await self._sweeper.schedule(chat_id, message_id, ttl)
        except Exception as error:
            log.warning(
                "could not schedule a notice's removal",
                extra={"chat_id": chat_id, "error": type(error).__name__},
            )

    async def wait_idle(self) -> None:
        while self._workers:
            await asyncio.gather(*self._workers.values(), return_exceptions=True)
