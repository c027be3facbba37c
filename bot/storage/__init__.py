"""Storage: one interface (`Database`) over SQLite or PostgreSQL, with numbered migrations."""

from __future__ import annotations

from bot.storage.database import (
    Database,
    DatabaseUnavailable,
    MigrationStatus,
    Row,
    Transaction,
)
from bot.storage.migrations_loader import Migration, load_migrations
from bot.storage.urls import DatabaseTarget, parse_database_target, without_password

__all__ = [
    "Database",
    "DatabaseTarget",
    "DatabaseUnavailable",
    "Migration",
    "MigrationStatus",
    "Row",
    "Transaction",
    "load_migrations",
    "parse_database_target",
    "without_password",
]
