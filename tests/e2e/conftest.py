"""End-to-end fixtures: the bot as a real process against the Bot API emulator.

`beacon` is the warm bot: one process with default settings, started once per test process
(`WarmBot`) and shared by every test that asks for it; such a test creates its own chats and
users and never stops the process. `bot_process` builds a process with custom settings
(`bot_process(STAFF_CHAT_ID="-100", ...)`) on a fresh emulator; the test starts, restarts or
kills it itself. `emulator` and `control` are the warm bot's when the test uses `beacon`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from sandbox import BotApiEmulator, ControlClient
from tests.e2e.harness import BotProcess, WarmBot

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def warm_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarmBot]:
    warm = WarmBot(tmp_path_factory.mktemp("warm-bot"))
    warm.start()
    yield warm
    code = warm.close()
    assert code in (None, 0), warm.process.log_text()[-4000:]


@pytest.fixture
async def emulator(request: pytest.FixtureRequest) -> AsyncIterator[BotApiEmulator]:
    if "beacon" in request.fixturenames:
        yield request.getfixturevalue("warm_bot").emulator
        return
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
async def beacon(warm_bot: WarmBot, control: ControlClient) -> AsyncIterator[BotProcess]:
    """The shared warm bot; the test's faults are cleared after it, the process must live on."""
    process = warm_bot.ensure_running()
    yield process
    await control.clear_faults()
    assert process.running, process.log_text()[-4000:]
