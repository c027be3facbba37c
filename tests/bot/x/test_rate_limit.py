"""Waiting out X's 429s: until the reset, within limits, a bounded number of times."""

from __future__ import annotations

import pytest

from bot.x import RateLimitPolicy, XRateLimited


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def _policy(recorder: Recorder, *, attempts: int = 3) -> RateLimitPolicy:
    return RateLimitPolicy(attempts=attempts, now=lambda: 1_000.0, sleep=recorder.sleep)


@pytest.mark.parametrize(
    ("name", "reset_at", "expected"),
    [
        ("until the reset plus the margin", 1_030.0, 31.0),
        ("reset already passed", 990.0, 1.0),
        ("no reset header", None, 60.0),
        ("absurd reset is capped", 1_000_000.0, 905.0),
    ],
)
def test_wait_for(name: str, reset_at: float | None, expected: float) -> None:
    policy = _policy(Recorder())
    assert policy.wait_for(XRateLimited("429", reset_at=reset_at)) == expected, name


async def test_waits_then_succeeds() -> None:
    recorder = Recorder()
    calls: list[int] = []

    async def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise XRateLimited("429", reset_at=1_010.0)
        return "ok"

    assert await _policy(recorder).call(flaky, "test") == "ok"
    assert recorder.sleeps == [11.0, 11.0]


async def test_gives_up_after_the_last_attempt() -> None:
    recorder = Recorder()

    async def always_limited() -> str:
        raise XRateLimited("429", reset_at=None)

    with pytest.raises(XRateLimited):
        await _policy(recorder, attempts=2).call(always_limited, "test")
    assert recorder.sleeps == [60.0]
