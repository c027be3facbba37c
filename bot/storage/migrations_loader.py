"""Numbered migrations: `migrations/NNNN_name.sql`, written once in SQL both backends accept.

Where PostgreSQL truly needs different SQL (a trigger, a function), `NNNN_name.postgresql.sql`
beside the portable file replaces it on PostgreSQL; both are recorded under the same number.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

__all__ = ["Migration", "load_migrations", "split_statements"]

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)(\.postgresql)?\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str
    postgresql: str | None = None  # the file that replaces `sql` on PostgreSQL, if any


def load_migrations() -> list[Migration]:
    """The numbered SQL files shipped in `bot/storage/migrations`, in order."""
    portable: dict[int, tuple[str, str]] = {}
    postgres: dict[int, str] = {}
    for entry in resources.files("bot.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not match:
            continue
        version, name, is_pg = int(match[1]), match[2], bool(match[3])
        text = entry.read_text("utf-8")
        if is_pg:
            postgres[version] = text
        elif version in portable:
            raise RuntimeError(f"two migrations share the number {version:04d}")
        else:
            portable[version] = (name, text)
    orphans = sorted(set(postgres) - set(portable))
    if orphans:
        raise RuntimeError(f"PostgreSQL migrations without a portable file: {orphans}")
    return [
        Migration(version, name, sql, postgres.get(version))
        for version, (name, sql) in sorted(portable.items())
    ]


def split_statements(sql: str) -> list[str]:
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
