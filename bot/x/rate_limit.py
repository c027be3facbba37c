"""Honour X's rate limits: on a 429, wait until the window resets, then try again.

tweepy's own `wait_on_rate_limit` retries at once, forever, when X leaves out the
`x-rate-limit-reset` header; this wrapper waits a fallback time instead, caps the wait and
gives up after a few attempts, and takes its clock and sleep as arguments so tests stay fast.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.x.client import Mention, OwnTweet, XAccount, XClient, XRateLimited

__all__ = ["RateLimitPolicy", "RateLimitedXClient"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class RateLimitPolicy:
    """How long to wait after a 429, and how many times to try."""

    def __init__(
        self,
        *,
        attempts: int = 3,
        fallback_wait: float = 60.0,
        max_wait: float = 15 * 60.0 + 5,
        margin: float = 1.0,
        now: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.attempts = attempts
        self.fallback_wait = fallback_wait
        self.max_wait = max_wait
        self.margin = margin
        self._now = now
        self._sleep = sleep

    def wait_for(self, error: XRateLimited) -> float:
        """Seconds to wait: until the reset (plus a margin for clock skew), within limits."""
        if error.reset_at is None:
            return self.fallback_wait
        return min(self.max_wait, max(0.0, error.reset_at - self._now()) + self.margin)

    async def call(self, operation: Callable[[], Awaitable[T]], what: str) -> T:
        """Run `operation`, waiting out up to `attempts - 1` rate limits."""
        for attempt in range(1, self.attempts + 1):
            try:
                return await operation()
            except XRateLimited as error:
                if attempt == self.attempts:
                    raise
                delay = self.wait_for(error)
                log.warning(
                    "X rate limit reached; waiting for the reset",
                    extra={"call": what, "wait_seconds": round(delay, 1), "attempt": attempt},
                )
                await self._sleep(delay)
        raise AssertionError("unreachable")  # the loop returns or raises


class RateLimitedXClient:
    """An `XClient` that waits out 429s of the client it wraps."""

    def __init__(self, inner: XClient, policy: RateLimitPolicy | None = None) -> None:
        self._inner = inner
        self._policy = policy or RateLimitPolicy()

    async def me(self) -> XAccount:
        return await self._policy.call(self._inner.me, "me")

    async def post(self, text: str, *, in_reply_to: str | None = None) -> str:
        return await self._policy.call(
            lambda: self._inner.post(text, in_reply_to=in_reply_to), "post"
        )

    async def mentions(self, account_id: str, *, since_id: str | None) -> list[Mention]:
        return await self._policy.call(
            lambda: self._inner.mentions(account_id, since_id=since_id), "mentions"
        )

    async def recent_tweets(self, account_id: str) -> list[OwnTweet]:
        return await self._policy.call(
            lambda: self._inner.recent_tweets(account_id), "recent_tweets"
        )

    async def delete(self, tweet_id: str) -> None:
        await self._policy.call(lambda: self._inner.delete(tweet_id), "delete")
