"""Start the Telegram application, wait for a stop signal, stop everything in reverse order.

PTB's `run_polling`/`run_webhook` raise SystemExit from their signal handler. A SIGTERM that
arrives while start-up waits on Telegram (the deleteWebhook of `start_polling`) leaves that
request suspended; PTB then closes it outside the event loop, the HTTP library fails on that
("NoEventLoopError"), the error skips PTB's shutdown, and the database threads keep the
process alive for ever. Here a signal only sets an event: start-up finishes (or fails), then
the updater, the application and the services stop in order, and updates already fetched are
still answered. A second signal stops the process at once.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application

__all__ = ["STOP_SIGNALS", "serve", "started"]

log = logging.getLogger("beacon")

STOP_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def started(
    application: AnyApplication,
    start_updater: Callable[[], Awaitable[object]],
    stop: asyncio.Event | None = None,
) -> AsyncIterator[None]:
    """Initialize, run `post_init`, start fetching updates and handling them; on exit (or on
    any failure on the way) undo whatever was done, `post_shutdown` last.

    If `stop` is set by the time `post_init` is done, updates are never fetched.
    """
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        if stop is None or not stop.is_set():
            await start_updater()
            await application.start()
        yield
    finally:
        try:
            updater = application.updater
            if updater is not None and updater.running:
                await updater.stop()  # confirms the last offset: no update is fetched twice
            if application.running:
                await application.stop()  # handles the updates already fetched
                if application.post_stop is not None:
                    await application.post_stop(application)
            await application.shutdown()
        finally:
            # Always: it closes the database, whose threads would keep the process alive.
            if application.post_shutdown is not None:
                await application.post_shutdown(application)


async def serve(
    application: AnyApplication,
    start_updater: Callable[[], Awaitable[object]],
    stop_signals: Sequence[signal.Signals] = STOP_SIGNALS,
) -> None:
    """Run until one of `stop_signals` arrives, then stop gracefully."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal(signum: signal.Signals) -> None:
        log.info("stopping", extra={"signal": signum.name})
        stop.set()
        for sig in stop_signals:
            loop.remove_signal_handler(sig)
            # The OS default, so a second signal ends the process at once. (Python's own
            # SIGINT handler would raise KeyboardInterrupt in the middle of the shutdown
            # instead, and the database threads would keep the process alive.)
            signal.signal(sig, signal.SIG_DFL)

    for sig in stop_signals:
        loop.add_signal_handler(sig, on_signal, sig)
    try:
        async with started(application, start_updater, stop):
            await stop.wait()
    finally:
        if not stop.is_set():  # start-up failed: leave the handlers as they were
            for sig in stop_signals:
                loop.remove_signal_handler(sig)
