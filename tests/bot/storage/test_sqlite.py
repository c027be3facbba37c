"""SQLite backend: WAL, busy timeout, and one line for a file that cannot be used.

What both backends must do alike is in test_backends.py."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.storage import Database, DatabaseUnavailable, Migration, load_migrations, sqlite


async def test_opens_in_wal_mode_with_migrations(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "b.db")
    try:
        assert await db.fetch_value("PRAGMA journal_mode") == "wal"
        assert await db.fetch_value("PRAGMA busy_timeout") == 5000
        versions = [
            r["version"] for r in await db.fetch_all("SELECT version FROM schema_migrations")
        ]
        assert versions == [m.version for m in load_migrations()]
        assert versions[0] == 1
    finally:
        await db.close()


async def test_migration_with_semicolons_in_comments_and_triggers(tmp_path: Path) -> None:
    sql = """
    CREATE TABLE t (x INTEGER, -- a comment; with a semicolon
                    y TEXT DEFAULT 'a;b');
    CREATE TABLE log (x INTEGER);
    CREATE TRIGGER t_log AFTER INSERT ON t BEGIN
        INSERT INTO log (x) VALUES (new.x);
    END;
    """
    db = await Database.open(tmp_path / "b.db")
    try:
        await db.migrate([Migration(9000, "tricky", sql)])
        async with db.write() as tx:
            await tx.execute("INSERT INTO t (x) VALUES (7)")
        assert await db.fetch_value("SELECT x FROM log") == 7
        assert await db.fetch_value("SELECT y FROM t") == "a;b"
    finally:
        await db.close()


def _garbage(path: Path) -> Path:
    path.write_text("garbage\n", encoding="utf-8")
    return path


def _directory(path: Path) -> Path:
    path.mkdir()
    return path


def _under_a_file(path: Path) -> Path:
    (path.parent / "plain").write_text("", encoding="utf-8")
    return path.parent / "plain" / "b.db"


def _foreign_tables(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (x)")  # clashes with 0001_core
    conn.commit()
    conn.close()
    return path


UNUSABLE = [
    pytest.param(_garbage, "{path} is not a SQLite database; expected", id="not-sqlite"),
    pytest.param(_directory, "{path} is a directory; expected the path of a database", id="dir"),
    pytest.param(_under_a_file, "{folder} is a file; expected a folder", id="folder-is-file"),
    pytest.param(
        _foreign_tables, "{path} cannot be set up (table users already exists)", id="foreign"
    ),
]


@pytest.mark.parametrize(("make", "expected"), UNUSABLE)
async def test_unusable_file_is_one_line_and_leaves_no_thread(
    tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    before = set(threading.enumerate())
    path = make(tmp_path / "b.db")
    with pytest.raises(DatabaseUnavailable) as caught:
        await Database.open(path)
    message = str(caught.value)
    assert message.startswith(expected.format(path=path, folder=path.parent))
    assert "\n" not in message
    _assert_no_new_threads(before)


async def test_locked_database_names_the_other_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "b.db"
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("CREATE TABLE t (x INTEGER)")
        holder.execute("BEGIN EXCLUSIVE")
        before = set(threading.enumerate())
        with pytest.raises(DatabaseUnavailable) as caught:
            await Database.open(path)
        assert str(caught.value).startswith(f"{path} is locked by another process")
        _assert_no_new_threads(before)
    finally:
        holder.close()


async def test_creating_the_folder_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "new" / "deeper" / "b.db"
    with caplog.at_level(logging.INFO, logger="bot.storage.database"):
        db = await Database.open(path)
    await db.close()
    assert f"created folder {path.parent} for the database" in caplog.messages
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.storage.database"):
        db = await Database.open(path)
    await db.close()
    assert not [m for m in caplog.messages if m.startswith("created folder")]


def _assert_no_new_threads(before: set[threading.Thread]) -> None:
    """aiosqlite runs each connection in a (non-daemon) thread: one left behind hangs exit."""
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=5)
        assert not thread.is_alive(), f"{thread.name} still running"
