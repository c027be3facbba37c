"""Pacing sends within a channel's limits: an even global rate, a gap per target, pauses.

Telegram allows about 30 messages a second overall and 20 a minute per group. Sends are spaced
evenly (no bursts) a little under the global rate, so jitter on the way never puts 31 sends in
one second; a 429 pauses every send for its `retry_after`, because Telegram does not say which
limit was hit.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

__all__ = ["PaceLimits", "SendPacer"]

PREPARE_LEAD = 0.010  # seconds before its slot a send's bookkeeping write starts


@dataclass(frozen=True)
class PaceLimits:
    per_second: float = 29.5  # a margin under Telegram's 30
    per_target_interval: float = 3.0  # 20 per minute per group

    @classmethod
    def telegram(cls) -> PaceLimits:
        return cls()


class SendPacer:
    def __init__(
        self,
        limits: PaceLimits,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.limits = limits
        self._clock = clock
        self._sleep = sleep
        self._interval = 1.0 / limits.per_second
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._target_ready: dict[str, float] = {}
        self._lock = asyncio.Lock()

    async def acquire(self, prepare: Callable[[], Awaitable[None]] | None = None) -> None:
        """Wait for the next send slot; run `prepare` just before it (a bookkeeping write),
        so the write's latency does not push the send past its slot."""
        async with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot, self._paused_until)
            self._next_slot = slot + self._interval
        if prepare is not None:
            if slot - PREPARE_LEAD > now:
                await self._sleep(slot - PREPARE_LEAD - now)
            await prepare()
            now = self._clock()
        if slot > now:
            await self._sleep(slot - now)
        # A send that leaves late moves the grid with it: otherwise the sends after it, on
        # time, could fit one too many into the same second.
        late = self._clock() - slot
        if late > 0:
            async with self._lock:
                self._next_slot = max(self._next_slot, slot + late + self._interval)

    def pause(self, seconds: float) -> None:
        """Hold every send for `seconds` (a RetryAfter)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._clock())

    def target_wait(self, target: str) -> float:
        """Seconds until `target` may receive another message (0 when it may now)."""
        return max(0.0, self._target_ready.get(target, 0.0) - self._clock())

    def reserve(self, target: str) -> None:
        """`target` gets a message now; the next one waits the per-target interval."""
        self._target_ready[target] = self._clock() + self.limits.per_target_interval
