"""What every backend does alike: migrations once and in order, one writer path with real
transactions, and the SQLite-style values the feature modules pass (ints compared with text
columns, booleans in INTEGER columns, 64-bit chat ids, epoch seconds with fractions)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import Database, Migration, load_migrations


@pytest.fixture
async def db(database_target: Path | str) -> AsyncIterator[Database]:
    database = await Database.open(database_target)
    yield database
    await database.close()


async def test_every_migration_is_recorded_in_order(blank_database_target: Path | str) -> None:
    db = await Database.open(blank_database_target)
    try:
        rows = await db.fetch_all("SELECT version FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == [m.version for m in load_migrations()]
        status = await db.migration_status()
        assert status.pending == []
        assert sorted(status.applied) == [m.version for m in load_migrations()]
    finally:
        await db.close()


async def test_status_before_any_migration_lists_all_pending(
    blank_database_target: Path | str,
) -> None:
    db = await Database.open(blank_database_target, migrate=False)
    try:
        status = await db.migration_status()
        assert status.applied == {}
        assert [m.version for m in status.pending] == [m.version for m in load_migrations()]
    finally:
        await db.close()


async def test_migrations_are_applied_once(blank_database_target: Path | str) -> None:
    first = await Database.open(blank_database_target)
    await first.close()
    again = await Database.open(blank_database_target, migrate=False)
    try:
        assert await again.migrate() == []
    finally:
        await again.close()


async def test_new_migration_applies_on_top(db: Database) -> None:
    sql = "CREATE TABLE extra (x INTEGER PRIMARY KEY, at REAL, note TEXT); -- a comment; here"
    extra = [*load_migrations(), Migration(9999, "extra", sql)]
    assert await db.migrate(extra) == [9999]
    assert await db.migrate(extra) == []
    async with db.write() as tx:
        first = await tx.execute("INSERT INTO extra (at, note) VALUES (?, ?)", (1.5, "a"))
        second = await tx.execute("INSERT INTO extra (at, note) VALUES (?, ?)", (2.5, "b"))
    assert (first, second) == (1, 2)


async def test_a_backend_specific_file_replaces_the_portable_one(db: Database) -> None:
    special = Migration(
        9998,
        "special",
        "CREATE TABLE special (dialect TEXT);\nINSERT INTO special VALUES ('sqlite');\n",
        postgresql="CREATE TABLE special (dialect TEXT);"
        " INSERT INTO special VALUES ('postgresql');",
    )
    await db.migrate([special])
    assert await db.fetch_value("SELECT dialect FROM special") == db.dialect


async def test_failed_write_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.write() as tx:
            await tx.execute("INSERT INTO install_values (name, value) VALUES (?, ?)", ("a", "1"))
            raise RuntimeError("boom")
    assert await db.fetch_one("SELECT * FROM install_values WHERE name = 'a'") is None


async def test_concurrent_writes_are_serialised(db: Database) -> None:
    async def bump() -> None:
        async with db.write() as tx:
            row = await tx.fetch_one("SELECT value FROM install_values WHERE name = 'n'")
            value = int(row["value"]) if row else 0
            await asyncio.sleep(0)  # give the other writers a chance to interleave
            await tx.execute(
                "INSERT INTO install_values (name, value) VALUES ('n', ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (str(value + 1),),
            )

    await asyncio.gather(*(bump() for _ in range(30)))
    assert await db.fetch_value("SELECT value FROM install_values WHERE name = 'n'") == "30"


async def test_reader_sees_committed_writes_only(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute("INSERT INTO install_values (name, value) VALUES ('k', 'v')")
        assert await db.fetch_one("SELECT * FROM install_values WHERE name = 'k'") is None
        assert await tx.fetch_one("SELECT value FROM install_values WHERE name = 'k'") == {
            "value": "v"
        }
    assert await db.fetch_value("SELECT value FROM install_values WHERE name = 'k'") == "v"


async def test_a_write_cancelled_mid_transaction_does_not_poison_later_writes(
    db: Database,
) -> None:
    started = asyncio.Event()

    async def slow_write() -> None:
        async with db.write() as tx:
            await tx.execute("INSERT INTO install_values (name, value) VALUES ('x', '1')")
            started.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(slow_write())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with db.write() as tx:
        await tx.execute("INSERT INTO install_values (name, value) VALUES ('y', '2')")
    names = [r["name"] for r in await db.fetch_all("SELECT name FROM install_values")]
    assert names == ["y"]


async def test_insert_returns_the_new_row_id_and_updates_their_count(db: Database) -> None:
    async with db.write() as tx:
        ids = [
            await tx.execute(
                "INSERT INTO announcement_audit (at, actor_id, action) VALUES (?, ?, ?)",
                ("2026-01-01", 0, f"a{i}"),
            )
            for i in range(3)
        ]
        changed = await tx.execute_rowcount(
            "UPDATE announcement_audit SET detail = ? WHERE id > ?", ("d", ids[0])
        )
        none = await tx.execute_rowcount("UPDATE announcement_audit SET detail = 'x' WHERE id < 0")
        # A row table keyed by the caller's own value has no new id to report.
        keyed = await tx.execute("INSERT INTO install_values (name, value) VALUES ('a', 'b')")
    assert ids == [ids[0], ids[0] + 1, ids[0] + 2]
    assert (changed, none) == (2, 0)
    assert keyed == 0 or db.dialect == "sqlite"  # SQLite reports its hidden rowid


async def test_values_as_the_features_pass_them(db: Database) -> None:
    chat_id = -1001234567890  # beyond 32 bits
    async with db.write() as tx:
        announcement = await tx.execute(
            "INSERT INTO announcements (created_by, created_at, status, content_json, targets,"
            " pin, send_at) VALUES (?, ?, 'queued', '{}', 'all', ?, ?)",
            (0, "2026-01-01T00:00:00Z", True, 1_765_140_000.125),
        )
        await tx.executemany(
            "INSERT INTO announcement_outbox (announcement_id, channel, target, language)"
            " VALUES (?, 'telegram', ?, 'en')",
            [(announcement, chat_id), (announcement, 42)],
        )
    # An int compared with a TEXT column, a LIKE with '%', and '?' inside a string literal.
    row = await db.fetch_one(
        "SELECT target, 'why?' AS q FROM announcement_outbox WHERE target = ? AND target LIKE '-%'",
        (chat_id,),
    )
    assert row == {"target": str(chat_id), "q": "why?"}
    sent = await db.fetch_one("SELECT pin, send_at FROM announcements WHERE id = ?", [announcement])
    assert sent == {"pin": 1, "send_at": 1_765_140_000.125}
    totals = await db.fetch_one(
        "SELECT COUNT(*) AS n, SUM(failures) AS failures FROM announcement_outbox"
    )
    assert totals == {"n": 2, "failures": 0}
    assert type(totals["failures"]) is int
    async with db.write() as tx:
        await tx.execute(
            "INSERT INTO chats (chat_id, type, updated_at) VALUES (?, 'supergroup', 'now')",
            (chat_id,),
        )
    assert await db.fetch_value("SELECT chat_id FROM chats") == chat_id


async def test_ping_answers_while_connected(db: Database) -> None:
    await db.ping()
