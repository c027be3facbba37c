"""Two replicas claiming from one outbox never take the same row (run on both backends; on
PostgreSQL the two queues have their own connection pools, as two processes would)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

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
