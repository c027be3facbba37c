"""SQLite backend: WAL, busy timeout, one writer path.

Writes go through `write()` only: one asyncio lock and `BEGIN IMMEDIATE`, so a transaction
takes SQLite's write lock up front instead of failing half-way with SQLITE_BUSY. Reads use a
second connection; WAL lets them run while a write is in progress.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, ClassVar, Literal

import aiosqlite

from bot.storage.database import Database, DatabaseUnavailable, Row, Transaction
from bot.storage.migrations_loader import Migration, load_migrations, split_statements
from bot.storage.urls import DatabaseTarget

__all__ = ["SqliteDatabase", "SqliteTransaction"]

log = logging.getLogger("bot.storage.database")

BUSY_TIMEOUT_MS = 5_000


class SqliteTransaction(Transaction):
    """The writer connection inside `BEGIN IMMEDIATE`; returned by `SqliteDatabase.write()`."""

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


class SqliteDatabase(Database):
    """Two connections to one SQLite file: a writer behind a lock and a reader."""

    dialect: ClassVar[Literal["sqlite"]] = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    @classmethod
    def for_target(cls, target: DatabaseTarget) -> SqliteDatabase:
        assert target.path is not None
        return cls(target.path)

    def describe(self) -> str:
        return f"SQLite file {self.path}"

    def is_unavailable(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.Error | DatabaseUnavailable)

    def unavailable(self, exc: BaseException) -> DatabaseUnavailable:
        if isinstance(exc, sqlite3.Error):
            return DatabaseUnavailable(_why_unusable(self.path, exc))
        return super().unavailable(exc)

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
                yield SqliteTransaction(conn)
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

    async def table_names(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
        return [r["name"] for r in rows]

    async def purge_deleted(self, tables: Sequence[str]) -> None:
        # Deleting under `PRAGMA secure_delete` overwrote the pages in the database file; the
        # write-ahead log still holds older copies until it is checkpointed and truncated. A
        # busy reader only delays that to SQLite's next checkpoint.
        await self.fetch_one("PRAGMA wal_checkpoint(TRUNCATE)")

    async def _has_migrations_table(self) -> bool:
        row = await self.fetch_one(
            "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?",
            ("schema_migrations",),
        )
        return row is not None

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
                for statement in split_statements(migration.sql):
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
