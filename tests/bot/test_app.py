"""Wiring: a start-up that fails half-way leaves nothing running behind it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from bot import app
from bot.settings import Settings


async def test_a_failed_build_closes_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_texts(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("texts could not be loaded")

    monkeypatch.setattr(app.Texts, "load", broken_texts)
    settings = Settings(_env_file=None, database_path=tmp_path / "beacon.db")  # type: ignore[call-arg]
    before = set(threading.enumerate())
    with pytest.raises(RuntimeError, match="texts could not be loaded"):
        await app.build_services(settings, telegram_bot=None)  # type: ignore[arg-type]
    # aiosqlite runs each connection in a non-daemon thread: one left behind hangs the exit.
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=5)
        assert not thread.is_alive(), thread
