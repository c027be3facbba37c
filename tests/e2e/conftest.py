"""End-to-end fixtures: the emulator in the test's event loop, the bot as a real process.

`beacon` is a started bot with default settings; `bot_process` builds one with custom settings
(`bot_process(STAFF_CHAT_ID="-100", ...)`) that the test starts itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from sandbox import BotApiEmulator, ControlClient
from tests.e2e.harness import BotProcess

pytestmark = pytest.mark.e2e


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emu:
        yield emu


@pytest.fixture
async def control(emulator: BotApiEmulator) -> AsyncIterator[ControlClient]:
    async with ControlClient(emulator.control_url) as client:
        yield client


@pytest.fixture
async def bot_process(
    emulator: BotApiEmulator, control: ControlClient, tmp_path: Path
) -> AsyncIterator[Callable[..., BotProcess]]:
    made: list[BotProcess] = []

    def make(**settings: str) -> BotProcess:
        process = BotProcess(emulator, control, tmp_path, **settings)
        made.append(process)
        return process

    yield make
    for process in made:
        await process.kill()


@pytest.fixture
async def beacon(bot_process: Callable[..., BotProcess]) -> AsyncIterator[BotProcess]:
    process = bot_process()
    await process.start()
    yield process
    if process.running:
        assert await process.stop() == 0, process.log_text()[-4000:]
