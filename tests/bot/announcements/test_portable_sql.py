"""The announcement SQL stays portable to PostgreSQL (docs/ARCHITECTURE.md, Storage)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bot.announcements
from bot.announcements import Draft
from tests.bot.announcements.conftest import MODERATOR, World

PACKAGE = Path(bot.announcements.__file__).parent
# `CASE WHEN ? THEN` (or `WHERE ?`): SQLite takes an integer as a condition, PostgreSQL
# refuses a non-boolean one. Choose the SQL in Python, or compare (`? = 1`).
BARE_CONDITION = re.compile(r"\b(WHEN|WHERE|AND|OR|NOT)\s+\?\s*(THEN|AND|OR|\)|\"|$)", re.I)


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_no_bare_parameter_is_used_as_a_condition(path: Path) -> None:
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BARE_CONDITION.search(line)
    ]
    assert found == []


async def test_a_retry_flags_the_row_in_doubt_only_when_it_may_have_left(world: World) -> None:
    await world.add_groups(-1, -2)
    announcement_id = await world.service.publish(
        MODERATOR, Draft(step="preview", versions={"en": "Hi"})
    )
    queue = world.service.queue
    first, second = await queue.claim("w", 10, lease_seconds=30)
    await queue.record_retry(first, 0, "timeout", count_failure=True, maybe_delivered=True)
    await queue.record_retry(second, 0, "refused", count_failure=True)
    rows = {r["id"]: r["in_doubt"] for r in await queue.deliveries(announcement_id)}
    assert (rows[first.id], rows[second.id]) == (1, 0)
