"""Storage: one SQLite database behind a single writer path, with numbered migrations."""

from __future__ import annotations

from bot.storage.database import (
    Database,
    DatabaseUnavailable,
    Migration,
    Transaction,
    load_migrations,
)

__all__ = ["Database", "DatabaseUnavailable", "Migration", "Transaction", "load_migrations"]
