"""Fixtures: a running emulator, its control client and a real python-telegram-bot `Bot`."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import telegram

from sandbox import BotApiEmulator, ControlClient


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emu:
        yield emu


@pytest.fixture
async def control(emulator: BotApiEmulator) -> AsyncIterator[ControlClient]:
    async with ControlClient(emulator.control_url) as client:
        yield client


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[telegram.Bot]:
    tg_bot = telegram.Bot(
        emulator.token,
        base_url=emulator.bot_api_base_url,
        base_file_url=emulator.file_base_url,
    )
    async with tg_bot:
        yield tg_bot


@pytest.fixture(autouse=True)
def _timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta durations so reading retry_after raises no deprecation."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
