"""Time, injected: services take a `Clock` so tests can move it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

__all__ = ["Clock", "SystemClock", "utc_now_iso"]


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def utc_now_iso(clock: Clock | None = None) -> str:
    return (clock or SystemClock()).now().isoformat(timespec="seconds")
