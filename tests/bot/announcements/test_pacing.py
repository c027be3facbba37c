"""The pacer spaces sends evenly under the limit, pauses on RetryAfter, spaces each target."""

from __future__ import annotations

from bot.announcements import PaceLimits, SendPacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def test_sends_are_spaced_evenly() -> None:
    fake = FakeTime()
    pacer = SendPacer(PaceLimits(per_second=25), clock=fake.clock, sleep=fake.sleep)
    stamps = []
    for _ in range(51):
        await pacer.acquire()
        stamps.append(fake.now)
    assert stamps[0] == 100.0
    # No 26 sends within any second: every 26th send is a full second later.
    assert all(b - a >= 1.0 - 1e-9 for a, b in zip(stamps, stamps[25:], strict=False))
    assert abs(stamps[-1] - 102.0) < 1e-9


async def test_a_pause_holds_every_send() -> None:
    fake = FakeTime()
    pacer = SendPacer(PaceLimits(per_second=10), clock=fake.clock, sleep=fake.sleep)
    await pacer.acquire()
    pacer.pause(5)
    assert pacer.paused_for() == 5
    await pacer.acquire()
    assert fake.now == 105.0


async def test_each_target_waits_its_interval() -> None:
    fake = FakeTime()
    pacer = SendPacer(PaceLimits(per_target_interval=3), clock=fake.clock, sleep=fake.sleep)
    assert pacer.target_wait("-1") == 0
    pacer.reserve("-1")
    fake.now += 1
    assert pacer.target_wait("-1") == 2 and pacer.target_wait("-2") == 0
