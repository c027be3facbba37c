"""SQLite storage: WAL, busy timeout, one writer path, numbered migrations.

Writes go through `Database.write()` only: one asyncio lock and `BEGIN IMMEDIATE`, so a
transaction takes SQLite's write lock up front instead of failing half-way with SQLITE_BUSY.
Reads use a second connection; WAL lets them run while a write is in progress.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

__all__ = ["Database", "DatabaseUnavailable", "Migration", "Transaction", "load_migrations"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5_000
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

Row = dict[str, Any]


class DatabaseUnavailable(Exception):
    """The database file cannot be opened or set up; the message is one line for the operator
    (what is wrong with the path and what is expected), without the setting's name."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The numbered SQL files shipped in `bot/storage/migrations`, in order."""
    found: list[Migration] = []
    for entry in resources.files("bot.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


class Transaction:
    """The writer connection inside `BEGIN IMMEDIATE`; returned by `Database.write()`."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the last inserted row id (0 when none)."""
        cursor = await self._conn.execute(sql, params)
        row_id = cursor.lastrowid or 0
        await cursor.close()
        return row_id

    async def execute_rowcount(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return how many rows it changed."""
        cursor = await self._conn.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return count

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._conn.executemany(sql, rows)

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        cursor = await self._conn.execute(sql, params)
        row = await cursor.fetchone()
        await cursor.close()
        return dict(row) if row is not None else None

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = await self._conn.execute(sql, params)
        rows = await cursor.fetchall()
        await cursor.close()
        return [dict(r) for r in rows]


class Database:
    """Two connections to one SQLite file: a writer behind a lock and a reader."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True) -> Database:
        """Connect (and migrate); raise `DatabaseUnavailable` when the file cannot be used."""
        db = cls(path)
        try:
            await db.connect()
            if migrate:
                await db.migrate()
        except BaseException as exc:
            # Never leave a connection's worker thread behind: it would keep the process alive.
            await db.close()
            if isinstance(exc, sqlite3.Error):
                raise DatabaseUnavailable(_why_unusable(db.path, exc)) from None
            raise
        return db

    async def connect(self) -> None:
        if str(self.path) != ":memory:":
            _prepare_folder(self.path)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, nothing implicit.
            self._writer = await self._connect()
            await _pragma(self._writer, "journal_mode=WAL")
            self._reader = await self._connect()
        except BaseException:
            await self.close()
            raise

    async def _connect(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        try:
            conn.row_factory = aiosqlite.Row
            await _pragma(conn, f"busy_timeout={BUSY_TIMEOUT_MS}")
            await _pragma(conn, "foreign_keys=ON")
            await _pragma(conn, "synchronous=NORMAL")
        except BaseException:
            await conn.close()
            raise
        return conn

    async def close(self) -> None:
        connections = (self._reader, self._writer)
        self._reader = self._writer = None
        for conn in connections:
            if conn is not None:
                await conn.close()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Transaction]:
        """One write transaction: committed on success, rolled back on any exception."""
        conn = self._require(self._writer)
        async with self._write_lock:
            try:
                # A task cancelled during an earlier BEGIN or ROLLBACK may have left one open.
                if conn.in_transaction:
                    await _statement(conn, "ROLLBACK")
                await _statement(conn, "BEGIN IMMEDIATE")
                yield Transaction(conn)
            except BaseException:
                if conn.in_transaction:
                    await _statement(conn, "ROLLBACK")
                raise
            else:
                await _statement(conn, "COMMIT")

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        cursor = await self._require(self._reader).execute(sql, params)
        row = await cursor.fetchone()
        await cursor.close()
        return dict(row) if row is not None else None

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = await self._require(self._reader).execute(sql, params)
        rows = await cursor.fetchall()
        await cursor.close()
        return [dict(r) for r in rows]

    async def fetch_value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return next(iter(row.values())) if row else None

    async def migrate(self, migrations: list[Migration] | None = None) -> list[int]:
        """Apply the migrations not yet recorded; return the versions applied now."""
        pending = load_migrations() if migrations is None else migrations
        async with self.write() as tx:
            await tx.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {
                r["version"] for r in await tx.fetch_all("SELECT version FROM schema_migrations")
            }
            applied: list[int] = []
            for migration in pending:
                if migration.version in done:
                    continue
                for statement in _statements(migration.sql):
                    await tx.execute(statement)
                await tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at)"
                    " VALUES (?, ?, CURRENT_TIMESTAMP)",
                    (migration.version, migration.name),
                )
                applied.append(migration.version)
        if applied:
            log.info("schema migrated", extra={"versions": applied})
        return applied

    @staticmethod
    def _require(conn: aiosqlite.Connection | None) -> aiosqlite.Connection:
        if conn is None:
            raise RuntimeError("Database is not connected; call connect() first")
        return conn


def _prepare_folder(path: Path) -> None:
    """Create the database's folder if needed (said in the log); refuse a directory as the file."""
    if path.is_dir():
        example = path / "beacon.db"
        raise DatabaseUnavailable(
            f"{path} is a directory; expected the path of a database file, e.g. {example}"
        )
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise DatabaseUnavailable(f"{folder} is a file; expected a folder to keep the database in")
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(
                f"cannot create the folder {folder} ({exc.strerror})"
            ) from None
        log.info("created folder %s for the database", folder)
    if not os.access(folder, os.W_OK):
        raise DatabaseUnavailable(f"the folder {folder} is not writable")


def _why_unusable(path: Path, exc: sqlite3.Error) -> str:
    """SQLite's error, said in terms of the file the operator configured."""
    text = str(exc)
    if "file is not a database" in text:
        return (
            f"{path} is not a SQLite database;"
            " expected Beacon's database file or the name of a new one"
        )
    if "locked" in text:
        return (
            f"{path} is locked by another process (another beacon on the same file?);"
            " expected a database no other program is writing to"
        )
    if "readonly" in text:
        return f"{path} is read-only; expected a file this user can write"
    if "malformed" in text:
        return f"{path} is damaged ({text}); restore it from a backup"
    if "unable to open" in text:
        return f"cannot open {path} ({text}); expected a file this user can read and write"
    return (
        f"{path} cannot be set up ({text});"
        " expected Beacon's database file or the name of a new one"
    )


async def _statement(conn: aiosqlite.Connection, sql: str) -> None:
    cursor = await conn.execute(sql)
    await cursor.close()


async def _pragma(conn: aiosqlite.Connection, setting: str) -> None:
    # Close the cursor at once: an unfinished statement keeps a lock on the file.
    cursor = await conn.execute(f"PRAGMA {setting}")
    await cursor.fetchall()
    await cursor.close()


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements, line by line, with SQLite's own tokenizer
    deciding where one ends (so ';' inside comments, strings or triggers is safe)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise RuntimeError(f"migration ends with an incomplete statement: {buffer.strip()[:80]}")
    return statements
