"""The local Telegram Bot API emulator: one aiohttp server for the Bot API and the control API.

Run standalone with `python -m sandbox.emulator --port 8081`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from types import TracebackType

from aiohttp import web

from sandbox.bot_api import BotApi
from sandbox.control_api import ControlApi
from sandbox.models import SandboxUser
from sandbox.state import BOT_USER, DEFAULT_TOKEN, World
from sandbox.webhook import WebhookDeliverer


class BotApiEmulator:
    """A small Telegram server on `host:port` (port 0: any free port).

    Point python-telegram-bot at it with `base_url=emu.bot_api_base_url` and
    `base_file_url=emu.file_base_url`; drive it with `ControlClient(emu.control_url)`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        token: str = DEFAULT_TOKEN,
        bot_user: SandboxUser = BOT_USER,
    ) -> None:
        self._host = host
        self._port = port
        self.world = World(token=token, bot=bot_user)
        self._runner: web.AppRunner | None = None
        self._webhook = WebhookDeliverer(self.world)

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def bot_user(self) -> SandboxUser:
        return self.world.bot

    @property
    def port(self) -> int:
        if self._runner is None:
            raise RuntimeError("the emulator is not running; await start() first")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}"

    @property
    def bot_api_base_url(self) -> str:
        return f"{self.base_url}/bot"

    @property
    def file_base_url(self) -> str:
        return f"{self.base_url}/file/bot"

    @property
    def control_url(self) -> str:
        return f"{self.base_url}/control"

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("the emulator is already running")
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.add_routes(BotApi(self.world).routes())
        app.add_routes(ControlApi(self.world).routes())
        # Long polls end as soon as `closing` is set, so shutdown does not need to wait long.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self.world.closing = False
        self._webhook.start()

    async def stop(self) -> None:
        if self._runner is None:
            return
        self.world.closing = True
        self.world.touch()
        await self._webhook.stop()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()


async def _serve(host: str, port: int, token: str) -> None:
    async with BotApiEmulator(host, port, token=token) as emulator:
        print(f"Bot API base_url:      {emulator.bot_api_base_url}")
        print(f"Bot API base_file_url: {emulator.file_base_url}")
        print(f"Control API:           {emulator.control_url}")
        print(f"Bot token:             {emulator.token}")
        print("Press Ctrl-C to stop.", flush=True)
        await asyncio.Event().wait()


def serve_forever(host: str = "127.0.0.1", port: int = 8081, token: str = DEFAULT_TOKEN) -> int:
    """Run the emulator in the foreground, printing its URLs, until Ctrl-C; returns 0."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(host, port, token))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the local Telegram Bot API emulator.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args(argv)
    return serve_forever(args.host, args.port, args.token)


if __name__ == "__main__":
    sys.exit(main())
