"""The X background worker: open the connection, poll mentions every few seconds, close."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from bot.x.client import XApiError
from bot.x.mentions import MentionPoller

__all__ = ["XConnection", "XWorker"]

log = logging.getLogger(__name__)


class XConnection(Protocol):
    """The HTTP session behind the X client: opened on start, closed on stop."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...


class XWorker:
    """A `BackgroundWorker`: polls mentions until stopped; a failed poll is logged, not fatal."""

    def __init__(
        self, connection: XConnection, poller: MentionPoller, *, interval_seconds: float
    ) -> None:
        self._connection = connection
        self._poller = poller
        self._interval = interval_seconds
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self._task is not None:
            return
        await self._connection.open()
        self._task = asyncio.create_task(self._run(), name="x-mentions")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self._connection.close()

    async def _run(self) -> None:
        while True:
            try:
                report = await self._poller.poll_once()
                if report.fetched:
                    log.info(
                        "X mentions polled",
                        extra={"fetched": report.fetched, "outcomes": report.outcomes},
                    )
            except XApiError as error:
                log.warning("X poll failed", extra={"status": error.status, "error": str(error)})
            except Exception:
                log.exception("X poll crashed; trying again at the next interval")
            await asyncio.sleep(self._interval)
