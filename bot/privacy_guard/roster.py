"""`ChatRoster`: who speaks for each group, kept in memory, never looked up per message.

One `chat_facts` call (the admin list and the linked channel) per group, made the first time
the group is seen and again after `REFRESH_SECONDS` or a change of its members
(`chat_member` updates call `member_changed`). A message never waits on it for long: when
the facts are not known within `WAIT_SECONDS` the sender is treated as a plain member, so the
guard errs on the side of removing the data (fail closed).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.privacy_guard.ports import ChatFacts

__all__ = ["ChatRoster", "FactSource"]

log = logging.getLogger(__name__)

REFRESH_SECONDS = 600.0
FAILED_RETRY_SECONDS = 30.0
WAIT_SECONDS = 0.5


class FactSource(Protocol):
    async def chat_facts(self, chat_id: int) -> ChatFacts | None: ...


@dataclass
class _Entry:
    facts: ChatFacts | None
    fetched_at: float


class ChatRoster:
    def __init__(
        self,
        source: FactSource,
        *,
        wait_seconds: float = WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._wait = wait_seconds
        self._clock = clock
        self._known: dict[int, _Entry] = {}
        self._loading: dict[int, asyncio.Task[None]] = {}
        self.lookups = 0  # chat_facts calls made, for the benchmark and tests

    def warm(self, chat_id: int) -> None:
        """Start loading a group's facts in the background unless they are fresh."""
        entry = self._known.get(chat_id)
        if entry is not None:
            age = self._clock() - entry.fetched_at
            fresh_for = REFRESH_SECONDS if entry.facts is not None else FAILED_RETRY_SECONDS
            if age < fresh_for:
                return
        if chat_id not in self._loading:
            self._loading[chat_id] = asyncio.create_task(
                self._load(chat_id), name=f"privacy-roster-{chat_id}"
            )

    async def facts(self, chat_id: int) -> ChatFacts | None:
        """The group's facts; waits at most `WAIT_SECONDS` for a first load (None: unknown)."""
        self.warm(chat_id)
        loading = self._loading.get(chat_id)
        if loading is not None and chat_id not in self._known:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(loading), timeout=self._wait)
        entry = self._known.get(chat_id)
        return entry.facts if entry else None

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        facts = await self.facts(chat_id)
        return facts is not None and user_id in facts.admin_ids

    def member_changed(self, chat_id: int) -> None:
        """A member joined, left, was promoted or demoted: load the facts again."""
        entry = self._known.get(chat_id)
        if entry is not None:
            entry.fetched_at = float("-inf")
        self.warm(chat_id)

    def forget_chat(self, chat_id: int) -> None:
        self._known.pop(chat_id, None)

    async def _load(self, chat_id: int) -> None:
        try:
            self.lookups += 1
            facts = await self._source.chat_facts(chat_id)
        except Exception as error:
            log.info(
                "cannot list a chat's admins",
                extra={"chat_id": chat_id, "error": type(error).__name__},
            )
            facts = None
        finally:
            self._loading.pop(chat_id, None)
        previous = self._known.get(chat_id)
        if facts is None and previous is not None and previous.facts is not None:
            # Keep what we knew; try again soon.
            previous.fetched_at = self._clock() - REFRESH_SECONDS + FAILED_RETRY_SECONDS
            return
        self._known[chat_id] = _Entry(facts, self._clock())
