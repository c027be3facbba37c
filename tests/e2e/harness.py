"""The real bot process (`python -m bot run`) against the Bot API emulator on 127.0.0.1.

`BotProcess` is one process a test owns (custom settings, restarts, signals). `WarmBot` is one
process with default settings and its own emulator on a thread of their own, started once and
shared by the tests that only talk to it: each of them creates its own chats and users.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from sandbox import BotApiEmulator, ControlClient

__all__ = ["BotProcess", "WarmBot"]

# Generous (a loaded machine builds Presidio and the BM25 index slowly); every wait ends as soon
# as its condition holds.
START_TIMEOUT = 120.0

T = TypeVar("T")


class BotProcess:
    """One bot process with its own database and log file; can be stopped, killed, restarted."""

    def __init__(
        self, emulator: BotApiEmulator, control: ControlClient, workdir: Path, **settings: str
    ) -> None:
        self.emulator = emulator
        self.control = control
        self.workdir = workdir
        self.database_path = workdir / "beacon.db"
        self.log_path = workdir / "bot.log"
        self.settings = {
            "TELEGRAM_BOT_TOKEN": emulator.token,
            "TELEGRAM_API_BASE_URL": emulator.bot_api_base_url,
            "TELEGRAM_FILE_BASE_URL": emulator.file_base_url,
            "DATABASE_PATH": str(self.database_path),
            "BRAND_NAME": "Nova Exchange",
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "DEBUG",
            **settings,
        }
        self._process: asyncio.subprocess.Process | None = None
        self._log_start = 0

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start the process; return once its services are built and polling begins.

        PTB removes any webhook right after `post_init` and then polls; the long poll itself
        is only recorded when it returns, so `deleteWebhook` is the signal to wait for.
        """
        since = await self.control.last_call_seq()
        await self.launch()
        # In webhook mode PTB registers its URL instead of removing it.
        ready_call = "setWebhook" if self.settings.get("BOT_MODE") == "webhook" else "deleteWebhook"
        try:
            await self.control.wait_for_call(ready_call, timeout=timeout, since=since)
        except AssertionError:
            await self.kill()
            raise AssertionError(
                f"bot did not start polling; log:\n{self.log_text()[-4000:]}"
            ) from None

    async def launch(self) -> None:
        """Start the process and return at once (see `start` to wait until it polls)."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.workdir),
            "PYTHONUNBUFFERED": "1",
            **self.settings,
        }
        log = self.log_path.open("ab")
        try:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "--env-file",
                str(self.workdir / "none.env"),
                "run",
                cwd=self.workdir,
                env=env,
                stdout=log,
                stderr=log,
            )
        finally:
            log.close()

    async def wait_for_log(self, text: str, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log_text():
            if time.monotonic() > deadline or not self.running:
                raise AssertionError(f"{text!r} never logged; log:\n{self.log_text()[-4000:]}")
            await asyncio.sleep(0.05)

    async def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, as a service manager would; return the exit code."""
        self.send_signal(signal.SIGTERM)
        return await self.wait(timeout)

    def send_signal(self, signum: signal.Signals) -> None:
        self._require().send_signal(signum)

    async def wait(self, timeout: float) -> int:
        """Wait for the process to exit; return its exit code (-N: killed by signal N)."""
        return await asyncio.wait_for(self._require().wait(), timeout)

    async def kill(self) -> None:
        """SIGKILL: no clean-up at all, like a crash or an OOM kill."""
        if self.running:
            self._require().kill()
            await self._require().wait()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    def log_text(self) -> str:
        """The log since `mark_log` (all of it unless marked)."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(self._log_start)
            return log.read().decode("utf-8", errors="replace")

    def mark_log(self) -> None:
        """From now on `log_text` starts here: a shared process's log, one test at a time."""
        self._log_start = self.log_path.stat().st_size if self.log_path.exists() else 0

    def _require(self) -> asyncio.subprocess.Process:
        if self._process is None:
            raise RuntimeError("the bot process was not started")
        return self._process


class WarmBot:
    """One started bot process (default settings) and its emulator, shared across tests.

    The emulator and the process's watcher run on an event loop in a thread of their own, so
    they keep serving between tests and whatever loop each test runs in; tests reach the
    emulator over HTTP with their own `ControlClient`. Each test sees the log from its own
    start (`BotProcess.mark_log`).
    """

    def __init__(self, workdir: Path) -> None:
        self._workdir = workdir
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="warm-bot", daemon=True)
        self._emulator: BotApiEmulator | None = None
        self._control: ControlClient | None = None
        self._process: BotProcess | None = None

    @property
    def emulator(self) -> BotApiEmulator:
        assert self._emulator is not None, "the warm bot was not started"
        return self._emulator

    @property
    def process(self) -> BotProcess:
        assert self._process is not None, "the warm bot was not started"
        return self._process

    def start(self) -> None:
        self._thread.start()
        self._run(self._start())

    def ensure_running(self) -> BotProcess:
        """The shared process, started again if an earlier test left it dead."""
        if not self.process.running:
            self._run(self.process.start())
        self.process.mark_log()
        return self.process

    def close(self) -> int | None:
        """Stop the process (SIGTERM) and the emulator; the process's exit code."""
        code = None
        try:
            if self._process is not None and self._process.running:
                code = self._run(self._process.stop())
            self._run(self._close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=30)
            if not self._thread.is_alive():
                self._loop.close()
        return code

    async def _start(self) -> None:
        self._emulator = BotApiEmulator()
        await self._emulator.start()
        self._control = ControlClient(self._emulator.control_url)
        self._process = BotProcess(self._emulator, self._control, self._workdir)
        await self._process.start()

    async def _close(self) -> None:
        if self._process is not None:
            await self._process.kill()
        if self._control is not None:
            await self._control.aclose()
        if self._emulator is not None:
            await self._emulator.stop()

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout=START_TIMEOUT + 60)
