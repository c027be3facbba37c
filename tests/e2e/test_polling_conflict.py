"""A second poller on the same token stops with one line; the running one keeps answering."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandbox import BotApiEmulator, ControlClient
from tests.e2e.harness import BotProcess

pytestmark = pytest.mark.e2e


async def test_a_second_poller_refuses_to_start(
    emulator: BotApiEmulator,
    control: ControlClient,
    bot_process: Callable[..., BotProcess],
    tmp_path: object,
) -> None:
    first = bot_process()
    await first.start()
    second_dir = first.workdir / "second"
    second_dir.mkdir()
    second = BotProcess(emulator, control, second_dir)
    try:
        await second.launch()
        code = await second.wait(timeout=60)
        assert code == 2
        last = second.log_text().strip().splitlines()[-1]
        assert last.startswith("beacon: another process is already polling Telegram")
        assert "BOT_MODE=webhook" in last
        assert first.running
    finally:
        await second.kill()
