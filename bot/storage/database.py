"""The storage interface every feature uses, whichever database runs underneath.

```python
async with db.write() as tx:          # one transaction: committed, or rolled back on error
    new_id = await tx.execute("INSERT ...", (a, b))
row = await db.fetch_one("SELECT ... WHERE id = ?", (x,))   # dict | None
rows = await db.fetch_all("SELECT ...", ())                 # list[dict]
```

`Database.open(target)` picks the backend from the target: a file path or `sqlite:///path`
opens SQLite (`bot.storage.sqlite`), `postgresql://...` opens PostgreSQL
(`bot.storage.postgres`). SQL is written once with `?` placeholders in the subset both accept
(see `bot.storage.dialect`). Within one process writes are serialised on both backends, so a
read-then-write inside `write()` behaves the same on either.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from bot.storage.migrations_loader import Migration, load_migrations
from bot.storage.urls import DatabaseTarget, parse_database_target

__all__ = [
    "Database",
    "DatabaseUnavailable",
    "MigrationStatus",
    "Row",
    "Transaction",
]

Row = dict[str, Any]
Dialect = Literal["sqlite", "postgresql"]


class DatabaseUnavailable(Exception):
    """The database cannot be opened or set up; the message is one line for the operator
    (what is wrong with the file or server and what is expected), without the setting's name."""


@dataclass(frozen=True)
class MigrationStatus:
    applied: dict[int, str]  # version -> when it was applied
    pending: list[Migration]


class Transaction(ABC):
    """Statements inside one `Database.write()` transaction."""

    @abstractmethod
    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the id of the row an INSERT added (0 when none)."""

    @abstractmethod
    async def execute_rowcount(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return how many rows it changed."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None: ...

    @abstractmethod
    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...


class Database(ABC):
    """One database, SQLite or PostgreSQL; build it with `await Database.open(target)`."""

    dialect: ClassVar[Dialect]

    @classmethod
    async def open(cls, target: Path | str, *, migrate: bool = True) -> Database:
        """Connect (and migrate); raise `DatabaseUnavailable` when it cannot be used."""
        parsed = parse_database_target(target)
        backend = cls if cls is not Database else _backend(parsed)
        db = backend.for_target(parsed)
        try:
            await db.connect()
            if migrate:
                await db.migrate()
        except BaseException as exc:
            # Never leave a connection (or its worker thread) behind: it keeps the process alive.
            await db.close()
            if db.is_unavailable(exc):
                raise db.unavailable(exc) from None
            raise
        return db

    @classmethod
    @abstractmethod
    def for_target(cls, target: DatabaseTarget) -> Database: ...

    @abstractmethod
    async def connect(self) -> None: ...

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    def write(self) -> AbstractAsyncContextManager[Transaction]:
        """One write transaction: committed on success, rolled back on any exception."""

    @abstractmethod
    async def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None: ...

    @abstractmethod
    async def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    async def fetch_value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return next(iter(row.values())) if row else None

    async def ping(self) -> None:
        """Raise if the database cannot answer a query right now (for /healthz)."""
        await self.fetch_one("SELECT 1 AS alive")

    @abstractmethod
    async def table_names(self) -> list[str]:
        """The tables in this database, sorted (for tests that check no row of a user stays)."""

    @abstractmethod
    async def purge_deleted(self, tables: Sequence[str]) -> None:
        """Make rows already deleted from `tables` unreadable in the database's files, best
        effort (outside a transaction): old copies may linger in a log or in dead row versions."""

    @abstractmethod
    async def migrate(self, migrations: list[Migration] | None = None) -> list[int]:
        """Apply the migrations not yet recorded; return the versions applied now."""

    async def migration_status(self, migrations: list[Migration] | None = None) -> MigrationStatus:
        known = load_migrations() if migrations is None else migrations
        applied: dict[int, str] = {}
        if await self._has_migrations_table():
            rows = await self.fetch_all("SELECT version, applied_at FROM schema_migrations")
            applied = {int(r["version"]): str(r["applied_at"]) for r in rows}
        return MigrationStatus(applied, [m for m in known if m.version not in applied])

    @abstractmethod
    async def _has_migrations_table(self) -> bool: ...

    @abstractmethod
    def describe(self) -> str:
        """Where the data lives, for the operator (never a password)."""

    def is_unavailable(self, exc: BaseException) -> bool:
        """Whether `exc` from connecting or migrating means the database itself is unusable."""
        return isinstance(exc, DatabaseUnavailable)

    def unavailable(self, exc: BaseException) -> DatabaseUnavailable:
        return exc if isinstance(exc, DatabaseUnavailable) else DatabaseUnavailable(str(exc))


def _backend(target: DatabaseTarget) -> type[Database]:
    if target.dialect == "postgresql":
        from bot.storage.postgres import PostgresDatabase

        return PostgresDatabase
    from bot.storage.sqlite import SqliteDatabase

    return SqliteDatabase
