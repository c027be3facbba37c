"""Publish an announcement on X as a thread that survives restarts."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.x.client import DuplicateTweet, XClient
from bot.x.ledger import ThreadLedger
from bot.x.thread import split_thread

__all__ = ["ThreadResult", "XThreadPublisher"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ThreadResult:
    """The thread's tweet ids in order (None for a part X refused as a duplicate)."""

    tweet_ids: tuple[str | None, ...]
    posted_now: int  # parts sent by this call; the rest were sent before

    @property
    def first_tweet_id(self) -> str | None:
        return next((t for t in self.tweet_ids if t is not None), None)


class XThreadPublisher:
    """Posts a text as a thread: part 1, then each part in reply to the one before.

    Each part is recorded in SQLite as soon as X returns its id, so calling `publish` again
    with the same key (after a crash, or a retry by the outbox) continues after the last
    recorded part, replying to it. A crash between X accepting a part and the record being
    written leaves that part unrecorded; posting it again gets X's duplicate-content 403,
    which counts as sent. Its id is then unknown, so the next part replies to the last part
    whose id is known (the thread stays in one conversation).
    """

    def __init__(self, client: XClient, ledger: ThreadLedger) -> None:
        self._client = client
        self._ledger = ledger
        # One publish per thread at a time in this process (the outbox may retry a send whose
        # lease ran out while the first attempt is still waiting on X).
        self._locks: dict[str, asyncio.Lock] = {}

    async def publish(self, thread_key: str, text: str) -> ThreadResult:
        """Send the parts not yet on X; raises `XApiError` if X fails (call again to resume)."""
        texts = split_thread(text)
        async with self._lock(thread_key):
            parts = await self._ledger.plan(thread_key, texts)
            reply_to: str | None = None
            ids: list[str | None] = []
            posted = 0
            for part in parts:
                if part.done:
                    reply_to = part.tweet_id or reply_to
                    ids.append(part.tweet_id)
                    continue
                try:
                    tweet_id = await self._client.post(part.text, in_reply_to=reply_to)
                except DuplicateTweet:
                    log.info(
                        "X thread part already posted (duplicate content)",
                        extra={"thread_key": thread_key, "part": part.index},
                    )
                    await self._ledger.mark(thread_key, part.index, None, "duplicate")
                    ids.append(None)
                    continue
                await self._ledger.mark(thread_key, part.index, tweet_id, "sent")
                reply_to = tweet_id
                ids.append(tweet_id)
                posted += 1
            return ThreadResult(tuple(ids), posted)

    async def withdraw(self, first_tweet_id: str) -> int:
        """Delete every recorded part of the thread that starts with `first_tweet_id`."""
        thread_key = await self._ledger.thread_of(first_tweet_id)
        if thread_key is None:
            await self._client.delete(first_tweet_id)
            return 1
        deleted = 0
        async with self._lock(thread_key):
            # Last part first, so nobody sees a thread whose head is gone but whose tail is not.
            for part in reversed(await self._ledger.parts(thread_key)):
                if part.tweet_id is None or part.outcome == "deleted":
                    continue
                await self._client.delete(part.tweet_id)
                await self._ledger.mark_deleted(thread_key, part.index)
                deleted += 1
        return deleted

    def _lock(self, thread_key: str) -> asyncio.Lock:
        return self._locks.setdefault(thread_key, asyncio.Lock())
