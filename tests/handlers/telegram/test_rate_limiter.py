"""Replies and broadcasts share one overall Telegram budget: the outbox's pacer."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.announcements import PaceLimits, SendPacer
from handlers.telegram.rate_limiter import SharedRateLimiter
from tests.bot.announcements.test_pacing import FakeTime


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def limiter(fake: FakeTime) -> SharedRateLimiter:
    limiter = SharedRateLimiter(max_retries=0)
    limiter.share(SendPacer(PaceLimits(per_second=10), clock=fake.clock, sleep=fake.sleep))
    return limiter


async def _send(
    limiter: SharedRateLimiter, fake: FakeTime, data: dict[str, Any], stamps: list[float]
) -> None:
    async def callback() -> bool:
        stamps.append(fake.now)  # when the request really left
        return True

    assert await limiter.process_request(callback, (), {}, "sendMessage", data, None) is True


async def test_replies_and_broadcast_sends_take_slots_from_one_grid(
    limiter: SharedRateLimiter, fake: FakeTime
) -> None:
    stamps: list[float] = []
    for number in range(4):
        await _send(limiter, fake, {"chat_id": 1000 + number, "text": "an answer"}, stamps)
        await limiter.overall.acquire()  # the outbox worker's next broadcast send
        stamps.append(fake.now)
    assert len(stamps) == 8
    # 10 a second in all: every send is at least 0.1 s after the one before, whoever sent it.
    assert all(b - a >= 0.1 - 1e-9 for a, b in itertools.pairwise(stamps))


async def test_requests_that_are_not_to_a_chat_take_no_slot(
    limiter: SharedRateLimiter, fake: FakeTime
) -> None:
    stamps: list[float] = []
    for _ in range(5):
        await _send(limiter, fake, {}, stamps)  # getMe, getUpdates and the like
    assert stamps == [100.0] * 5


async def test_a_429_on_a_reply_pauses_the_broadcast_too(
    limiter: SharedRateLimiter, fake: FakeTime
) -> None:
    async def flooded() -> bool:
        raise RetryAfter(5)

    with pytest.raises(RetryAfter):
        await limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": -100}, None)
    assert limiter.overall.paused_for() == pytest.approx(5.0)
    started = fake.now
    await limiter.overall.acquire()  # the outbox's next send waits it out
    assert fake.now - started == pytest.approx(5.0)
