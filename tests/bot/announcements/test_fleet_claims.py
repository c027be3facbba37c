"""Two replicas claiming from one outbox never take the same row (run on both backends; on
PostgreSQL the two queues have their own connection pools, as two processes would)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from bot.announcements.book import AnnouncementBook
from bot.announcements.delivery_queue import DeliveryQueue
from bot.announcements.models import Target
from bot.storage import Database


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


async def test_concurrent_claims_from_two_replicas_are_disjoint(
    database_target: Path | str,
) -> None:
    first, second = await Database.open(database_target), await Database.open(database_target)
    try:
        async with first.write() as tx:
            announcement = await tx.execute(
                "INSERT INTO announcements (created_by, created_at, status, content_json,"
                " targets) VALUES (0, 'now', 'queued', ?, 'all')",
                ('{"versions": {"en": "hi"}}',),
            )
            targets = [Target("telegram", str(-1000 - i)) for i in range(200)]
            await DeliveryQueue(first, FixedClock()).enqueue(tx, announcement, targets)
        queues = [DeliveryQueue(first, FixedClock()), DeliveryQueue(second, FixedClock())]

        async def drain(queue: DeliveryQueue, name: str) -> list[int]:
            taken: list[int] = []
            while True:
                claimed = await queue.claim(name, 7, 60.0)
                if not claimed:
                    return taken
                taken.extend(c.id for c in claimed)

        a, b = await asyncio.gather(drain(queues[0], "a"), drain(queues[1], "b"))
        assert not set(a) & set(b)
        assert len(a) + len(b) == 200
    finally:
        await first.close()
        await second.close()


async def test_a_scheduled_announcement_is_queued_by_one_replica_only(
    database_target: Path | str,
) -> None:
    first, second = await Database.open(database_target), await Database.open(database_target)
    try:
        async with first.write() as tx:
            announcement = await tx.execute(
                "INSERT INTO announcements (created_by, created_at, status, content_json,"
                " targets, send_at) VALUES (0, 'now', 'scheduled', ?, 'all', 0)",
                ('{"versions": {"en": "hi"}}',),
            )
        targets = [Target("telegram", str(-1000 - i)) for i in range(50)]
        books = [
            AnnouncementBook(db, FixedClock(), DeliveryQueue(db, FixedClock()))
            for db in (first, second)
        ]
        results = await asyncio.gather(
            *(book.queue_scheduled(announcement, targets) for book in books for _ in range(3))
        )
        assert sorted(results) == [False] * 5 + [True]
        assert await first.fetch_value("SELECT COUNT(*) FROM announcement_outbox") == 50
    finally:
        await first.close()
        await second.close()
