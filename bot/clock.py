"""Time, injected: services take a `Clock` so tests can move it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

__all__ = ["Clock", "StartedClock", "SystemClock", "utc_now_iso"]


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class StartedClock:
    """A clock that starts at a given moment and runs at the real rate from there: the bot
    process under test or in a demo (`CLOCK_START`), where waiting for a time is no option."""

    def __init__(
        self, start: datetime, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._start = start if start.tzinfo else start.replace(tzinfo=UTC)
        self._monotonic = monotonic
        self._began = monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._monotonic() - self._began)


def utc_now_iso(clock: Clock | None = None) -> str:
    return (clock or SystemClock()).now().isoformat(timespec="seconds")
