"""The real bot process (`python -m bot run`) against the Bot API emulator on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from sandbox import BotApiEmulator, ControlClient

__all__ = ["BotProcess"]

START_TIMEOUT = 60.0


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
        return self.log_path.read_text("utf-8", errors="replace") if self.log_path.exists() else ""

    def _require(self) -> asyncio.subprocess.Process:
        if self._process is None:
            raise RuntimeError("the bot process was not started")
        return self._process
