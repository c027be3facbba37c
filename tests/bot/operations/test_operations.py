"""Update de-duplication on both backends, and the /healthz and /metrics pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.operations import BeaconMetrics, OperationsServer, UpdateLedger
from bot.operations.updates import PRUNE_EVERY_SECONDS, RETENTION_SECONDS
from bot.storage import Database


class MovableClock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment


@pytest.fixture
async def db(database_target: Path | str) -> AsyncIterator[Database]:
    database = await Database.open(database_target)
    yield database
    await database.close()


async def test_a_repeated_delivery_is_dropped_on_any_replica(db: Database) -> None:
    clock = MovableClock()
    replica_a, replica_b = UpdateLedger(db, clock), UpdateLedger(db, clock)
    assert await replica_a.first_delivery(100, "date:1") is True
    assert await replica_a.first_delivery(100, "date:1") is False  # webhook retry
    assert await replica_b.first_delivery(100, "date:1") is False  # landed on the other one
    assert await replica_b.first_delivery(101, "date:1") is True


async def test_a_reused_id_with_another_stamp_is_a_new_update(db: Database) -> None:
    ledger = UpdateLedger(db, MovableClock())
    assert await ledger.first_delivery(1, "date:1000") is True
    assert await ledger.first_delivery(1, "date:2000") is True
    assert await ledger.first_delivery(1, "date:2000") is False


async def test_old_ids_are_forgotten(db: Database) -> None:
    clock = MovableClock()
    ledger = UpdateLedger(db, clock)
    await ledger.first_delivery(1, "a")
    clock.moment += timedelta(seconds=RETENTION_SECONDS + PRUNE_EVERY_SECONDS + 1)
    await ledger.first_delivery(2, "b")
    ids = [r["update_id"] for r in await db.fetch_all("SELECT update_id FROM processed_updates")]
    assert ids == [2]


async def _get(port: int, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(
        f"http://127.0.0.1:{port}{path}"
    ) as response:
        return response.status, await response.text()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_healthz_and_metrics(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute(
            "INSERT INTO answers_given (chat_id, kind, lang, created_at) VALUES (1, 'decline',"
            " 'en', 'now')"
        )
        await tx.execute(
            "INSERT INTO privacy_incidents (token, chat_id, chat_type, message_id, kinds,"
            " severity, spans, fingerprints, action, created_at) VALUES ('t', 1, 'group', 5,"
            " 'PASSWORD,UID', 'critical', '[]', '[]', 'deleted', 'now')"
        )
    metrics = BeaconMetrics()
    metrics.updates.labels("duplicate").inc()
    metrics.handler_seconds.observe(0.02)
    port = _free_port()
    server = OperationsServer(db, metrics, "127.0.0.1", port)
    await server.start()
    try:
        status, body = await _get(port, "/healthz")
        assert (status, body) == (200, '{"status": "ok", "database": "ok"}')
        status, page = await _get(port, "/metrics")
        assert status == 200
        for line in (
            'beacon_updates_total{outcome="duplicate"} 1.0',
            'beacon_answers_recorded{kind="decline"} 1.0',
            'beacon_privacy_incidents_recorded{type="PASSWORD"} 1.0',
            'beacon_privacy_incidents_recorded{type="UID"} 1.0',
            "beacon_tickets_open 0.0",
            "beacon_update_handling_seconds_count 1.0",
        ):
            assert line in page.splitlines()
        await db.close()  # the database goes away: unhealthy, but the page still answers
        status, body = await _get(port, "/healthz")
        assert status == 503 and "unreachable" in body
        status, page = await _get(port, "/metrics")
        assert status == 200 and "beacon_update_handling_seconds_count 1.0" in page
    finally:
        await server.stop()
