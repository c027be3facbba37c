"""`beacon db upgrade` and `beacon db status`: migrations, said for the operator."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TextIO

from bot.storage.database import Database, MigrationStatus
from bot.storage.migrations_loader import load_migrations

__all__ = ["run_db_status", "run_db_upgrade"]


def run_db_upgrade(target: Path | str, out: TextIO) -> int:
    async def upgrade() -> tuple[str, list[int], int]:
        db = await Database.open(target, migrate=False)
        try:
            applied = await db.migrate()
            status = await db.migration_status()
            return db.describe(), applied, len(status.applied)
        finally:
            await db.close()

    where, applied, total = asyncio.run(upgrade())
    if applied:
        names = ", ".join(f"{v:04d}" for v in applied)
        out.write(f"{where}: applied {len(applied)} migration(s): {names}\n")
    else:
        out.write(f"{where}: up to date ({total} migrations applied)\n")
    return 0


def run_db_status(target: Path | str, out: TextIO) -> int:
    """Exit 0 when up to date, 1 when migrations are pending (for deploy scripts)."""

    async def status() -> tuple[str, MigrationStatus]:
        db = await Database.open(target, migrate=False)
        try:
            return db.describe(), await db.migration_status()
        finally:
            await db.close()

    where, found = asyncio.run(status())
    names = {m.version: m.name for m in load_migrations()}
    out.write(f"{where}\n")
    for version, at in sorted(found.applied.items()):
        out.write(
            f"  applied  {version:04d}_{names.get(version, '(unknown to this version)')}  {at}\n"
        )
    for migration in found.pending:
        out.write(f"  pending  {migration.version:04d}_{migration.name}\n")
    if found.pending:
        out.write(f"{len(found.pending)} pending: run `beacon db upgrade` (or start the bot)\n")
        return 1
    out.write("up to date\n")
    return 0
