"""PostgreSQL backend: psycopg 3 with an async connection pool.

Why psycopg 3 rather than asyncpg: the features' SQL was written for SQLite, whose columns
take what they are given (`target TEXT` compared with an int chat id, `True` stored in an
INTEGER). psycopg lets us send integers and booleans as untyped literals, so the server types
each parameter from its column just as SQLite would, and the same SQL and the same Python
values run on both; asyncpg types every parameter from the Python value and would need casts
throughout the feature modules. psycopg also reports rowcount directly and ships its libpq in
the `psycopg[binary]` wheel, with `psycopg_pool` for the async pool.

Writes within one process are serialised (an asyncio lock, as on SQLite), so read-then-write
code inside `write()` behaves the same; across replicas the rows that several processes race
for (outbox claims, update ids, job leases) are settled by the SQL itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from bot.storage.database import Database, DatabaseUnavailable, Row, Transaction
from bot.storage.dialect import insert_target, postgres_ddl, postgres_query
from bot.storage.migrations_loader import Migration, load_migrations, split_statements
from bot.storage.urls import DatabaseTarget, without_password

__all__ = ["PostgresDatabase", "PostgresTransaction"]

log = logging.getLogger("bot.storage.database")

POOL_SIZE = 8
CONNECT_TIMEOUT_SECONDS = 10
# Any constant: the advisory lock two replicas starting at once take to migrate one at a time.
MIGRATION_LOCK = 0x6265_6163  # "beac"


class _UntypedIntDumper(Dumper):
    """An int as an untyped literal: the server gives it its column's type (as SQLite would),
    so `text_column = 42` and `bigint_column = 42` both work."""

    oid = 0

    def dump(self, obj: Any) -> bytes:
        return str(int(obj)).encode()


class _UntypedBoolDumper(Dumper):
    """True/False stored as 1/0 in INTEGER columns, as SQLite stores them."""

    oid = 0

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class _NumberLoader(Loader):
    """NUMERIC (what SUM and AVG of integers return) as int or float, as SQLite gives them."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


def _adapt(context: psycopg.AsyncConnection[Any]) -> None:
    context.adapters.register_dumper(int, _UntypedIntDumper)
    context.adapters.register_dumper(bool, _UntypedBoolDumper)
    context.adapters.register_loader("numeric", _NumberLoader)


class PostgresTransaction(Transaction):
    """One pooled connection inside BEGIN ... COMMIT."""

    def __init__(self, conn: psycopg.AsyncConnection[Row], row_ids: dict[str, str]) -> None:
        self._conn = conn
        self._row_ids = row_ids

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        table = insert_target(sql)
        id_column = self._row_ids.get(table) if table else None
        query = postgres_query(sql)
        if id_column:
            query = f"{query.rstrip().rstrip(';')} RETURNING {id_column}"
        async with self._conn.cursor() as cursor:
            await cursor.execute(query, params or None)
            if id_column:
                row = await cursor.fetchone()
                return int(next(iter(row.values()))) if row else 0
        return 0

    async def execute_rowcount(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self._conn.cursor() as cursor:
            await cursor.execute(postgres_query(sql), params or None)
            return max(cursor.rowcount, 0)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = list(rows)
        if batch:
            async with self._conn.cursor() as cursor:
                await cursor.executemany(postgres_query(sql), batch)

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        async with self._conn.cursor() as cursor:
            await cursor.execute(postgres_query(sql), params or None)
            return await cursor.fetchone()

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._conn.cursor() as cursor:
            await cursor.execute(postgres_query(sql), params or None)
            return await cursor.fetchall()

    async def execute_ddl(self, statement: str) -> None:
        """A migration statement, run as written (no placeholders to translate)."""
        async with self._conn.cursor() as cursor:
            await cursor.execute(statement)


class PostgresDatabase(Database):
    """A pool of connections to one PostgreSQL database."""

    dialect: ClassVar[Literal["postgresql"]] = "postgresql"

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.url = url
        self._pool_size = pool_size
        self._pool: AsyncConnectionPool[psycopg.AsyncConnection[Row]] | None = None
        self._write_lock = asyncio.Lock()
        # table -> its identity column: what `execute` returns for an INSERT (SQLite's row id).
        self._row_ids: dict[str, str] = {}

    @classmethod
    def for_target(cls, target: DatabaseTarget) -> PostgresDatabase:
        assert target.url is not None
        return cls(target.url)

    def describe(self) -> str:
        return f"PostgreSQL {without_password(self.url)}"

    def is_unavailable(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.Error | DatabaseUnavailable)

    def unavailable(self, exc: BaseException) -> DatabaseUnavailable:
        if isinstance(exc, psycopg.Error):
            reason = " ".join(str(exc).split()) or type(exc).__name__
            return DatabaseUnavailable(
                f"cannot use PostgreSQL at {without_password(self.url)} ({reason})"
            )
        return super().unavailable(exc)

    async def connect(self) -> None:
        # One direct connection first: a wrong host or password is said at once, in one line,
        # instead of the pool retrying in the background until a timeout.
        probe = await psycopg.AsyncConnection.connect(
            self.url, connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=True
        )
        await probe.close()
        pool: AsyncConnectionPool[psycopg.AsyncConnection[Row]] = AsyncConnectionPool(
            self.url,
            min_size=1,
            max_size=self._pool_size,
            kwargs={"autocommit": True, "row_factory": dict_row},
            configure=self._configure,
            open=False,
            name="beacon",
        )
        await pool.open(wait=True, timeout=CONNECT_TIMEOUT_SECONDS)
        self._pool = pool
        await self._load_row_ids()

    @staticmethod
    async def _configure(conn: psycopg.AsyncConnection[Any]) -> None:
        _adapt(conn)

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            await pool.close()

    def _require(self) -> AsyncConnectionPool[psycopg.AsyncConnection[Row]]:
        if self._pool is None:
            raise RuntimeError("Database is not connected; call connect() first")
        return self._pool

    @asynccontextmanager
    async def write(self) -> AsyncIterator[PostgresTransaction]:
        pool = self._require()
        async with self._write_lock, pool.connection() as conn, conn.transaction():
            yield PostgresTransaction(conn, self._row_ids)

    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        async with self._require().connection() as conn, conn.cursor() as cursor:
            await cursor.execute(postgres_query(sql), params or None)
            return await cursor.fetchone()

    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._require().connection() as conn, conn.cursor() as cursor:
            await cursor.execute(postgres_query(sql), params or None)
            return await cursor.fetchall()

    async def table_names(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() ORDER BY table_name"
        )
        return [r["table_name"] for r in rows]

    async def purge_deleted(self, tables: Sequence[str]) -> None:
        # A deleted or updated row stays in the table's files as a dead version until the table
        # is rewritten; VACUUM FULL writes live rows to new files and drops the old ones.
        names = ", ".join(pgsql_identifier(t) for t in tables)
        async with self._require().connection() as conn:
            await conn.execute(f"VACUUM FULL {names}")

    async def _has_migrations_table(self) -> bool:
        found = await self.fetch_value("SELECT to_regclass('schema_migrations') IS NOT NULL")
        return bool(found)

    async def migrate(self, migrations: list[Migration] | None = None) -> list[int]:
        pending = load_migrations() if migrations is None else migrations
        async with self.write() as tx:
            await tx.fetch_one("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            await tx.execute_ddl(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {
                r["version"] for r in await tx.fetch_all("SELECT version FROM schema_migrations")
            }
            applied: list[int] = []
            for migration in pending:
                if migration.version in done:
                    continue
                where = f"migration {migration.version:04d}_{migration.name}"
                if migration.postgresql is not None:
                    await tx.execute_ddl(migration.postgresql)
                else:
                    for statement in split_statements(migration.sql):
                        await tx.execute_ddl(postgres_ddl(statement, where))
                await tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, _utc_now()),
                )
                applied.append(migration.version)
        if applied:
            log.info("schema migrated", extra={"versions": applied})
        await self._load_row_ids()
        return applied

    async def _load_row_ids(self) -> None:
        rows = await self.fetch_all(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_identity = 'YES'"
        )
        self._row_ids.clear()
        self._row_ids.update({r["table_name"]: r["column_name"] for r in rows})


def pgsql_identifier(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a table name: {name!r}")
    return f'"{name}"'


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
