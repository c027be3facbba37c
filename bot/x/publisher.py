"""Publish an announcement on X as a thread that survives restarts."""

from __future__ import annotations

import asyncio
import logging
import unicodedata
from dataclasses import dataclass

from bot.x.client import DuplicateTweet, XAccount, XApiError, XClient, XRateLimited
from bot.x.ledger import ThreadLedger, ThreadPart
from bot.x.thread import split_thread

__all__ = ["PostedElsewhere", "ThreadResult", "XThreadPublisher"]

log = logging.getLogger(__name__)


class PostedElsewhere(Exception):
    """X refused a part as a duplicate of a post that belongs to another thread: the same
    words are already on the account (another announcement), so this one cannot go out."""

    def __init__(self, thread_key: str, part: int, other_thread: str) -> None:
        super().__init__(
            f"part {part + 1} of {thread_key} is already on X as part of {other_thread}"
        )
        self.thread_key = thread_key
        self.part = part
        self.other_thread = other_thread


@dataclass(frozen=True, slots=True)
class ThreadResult:
    """The thread's tweet ids in order (None for a part X has but whose id was not found)."""

    tweet_ids: tuple[str | None, ...]
    posted_now: int  # parts sent by this call; the rest were sent before (or found on X)

    @property
    def first_tweet_id(self) -> str | None:
        return next((t for t in self.tweet_ids if t is not None), None)


class XThreadPublisher:
    """Posts a text as a thread: part 1, then each part in reply to the one before.

    Each part is recorded in SQLite as soon as X returns its id, so calling `publish` again
    with the same key (after a crash, or a retry by the outbox) continues after the last
    recorded part, replying to it. A crash between X accepting a part and the record being
    written leaves that part unrecorded; posting it again gets X's duplicate-content 403.
    The part is then looked up among the account's recent posts (same text, replying to the
    same tweet) and recorded with the id found there, so the thread carries on from it. If a
    post with that text belongs to another recorded thread, it is not ours: `PostedElsewhere`.
    If none is found (or the account may not read its posts), the part counts as sent with an
    unknown id and the next part replies to the last part whose id is known (the thread stays
    in one conversation).
    """

    def __init__(self, client: XClient, ledger: ThreadLedger) -> None:
        self._client = client
        self._ledger = ledger
        self._account: XAccount | None = None
        # One publish per thread at a time in this process (the outbox may retry a send whose
        # lease ran out while the first attempt is still waiting on X).
        self._locks: dict[str, asyncio.Lock] = {}

    async def publish(
        self, thread_key: str, text: str, *, formerly: str | None = None
    ) -> ThreadResult:
        """Send the parts not yet on X; raises `XApiError` if X fails (call again to resume).

        `formerly` is a key the same thread may have been planned under by an older version;
        an unfinished plan under it is taken over (see `ThreadLedger.adopt`).
        """
        texts = split_thread(text)
        async with self._lock(thread_key):
            if formerly is not None and await self._ledger.adopt(formerly, thread_key):
                log.info("X thread continued under its new key", extra={"thread_key": thread_key})
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
                    tweet_id: str | None = await self._client.post(part.text, in_reply_to=reply_to)
                    outcome = "sent"
                    posted += 1
                except DuplicateTweet:
                    tweet_id = await self._recover(thread_key, part, reply_to)
                    outcome = "duplicate"
                await self._ledger.mark(thread_key, part.index, tweet_id, outcome)
                reply_to = tweet_id or reply_to
                ids.append(tweet_id)
            return ThreadResult(tuple(ids), posted)

    async def withdraw(self, message_id: str) -> int:
        """Delete every recorded part of a thread, named by its first known tweet id or, when
        no id of it is known, by its key (what `first_tweet_id` falls back to)."""
        thread_key = await self._ledger.thread_of(message_id)
        if thread_key is None and await self._ledger.parts(message_id):
            thread_key = message_id
        if thread_key is None:
            await self._client.delete(message_id)
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

    async def discard(self, thread_key: str) -> int:
        """Delete the parts of a thread that will never be finished (X refused a later part
        for good), so X is not left holding half of it; returns how many were deleted.

        Best effort: a part X would not delete, or whose id is unknown, is logged (ids only,
        never the text) and left; each part deleted is recorded in the ledger.
        """
        deleted = 0
        async with self._lock(thread_key):
            for part in reversed(await self._ledger.parts(thread_key)):
                if part.outcome is None or part.outcome == "deleted":
                    continue
                where = {"thread_key": thread_key, "part": part.index, "tweet_id": part.tweet_id}
                if part.tweet_id is None:
                    log.warning(
                        "X thread part of a failed thread has no known id to delete", extra=where
                    )
                    continue
                try:
                    await self._client.delete(part.tweet_id)
                except XApiError as error:
                    log.warning(
                        "X thread part of a failed thread could not be deleted",
                        extra={**where, "status": error.status, "error_type": type(error).__name__},
                    )
                    continue
                await self._ledger.mark_deleted(thread_key, part.index)
                deleted += 1
        if deleted:
            log.info(
                "X thread that failed was taken back",
                extra={"thread_key": thread_key, "deleted": deleted},
            )
        return deleted

    async def _recover(self, thread_key: str, part: ThreadPart, reply_to: str | None) -> str | None:
        """The id of the post X says it already has for `part`, or None when not found.

        An account may be allowed to post but not to read its timeline (X's Free tier answers
        403): the part is then counted as sent with an unknown id, as when it is not found. A
        rate limit or a failure that may pass (X unreachable, 5xx) is raised instead, so the
        send is tried again later and the part looked for again.
        """
        try:
            account = await self._me()
            timeline = await self._client.recent_tweets(account.id)
        except XRateLimited:
            raise
        except XApiError as error:
            if error.status == 0 or error.status >= 500:
                raise
            log.warning(
                "X thread part was already posted but the account's posts could not be read; "
                "counted as sent with an unknown id",
                extra={
                    "thread_key": thread_key,
                    "part": part.index,
                    "reply_to": reply_to,
                    "status": error.status,
                    "error_type": type(error).__name__,
                },
            )
            return None
        for tweet in timeline:
            if tweet.in_reply_to != reply_to or not _same_text(tweet.text, part.text):
                continue
            owner = await self._ledger.thread_of(tweet.id)
            if owner is not None and owner != thread_key:
                raise PostedElsewhere(thread_key, part.index, owner)
            log.info(
                "X thread part was already posted; its id was found on the account",
                extra={"thread_key": thread_key, "part": part.index, "tweet_id": tweet.id},
            )
            return tweet.id
        log.warning(
            "X thread part was already posted but not found among the account's recent posts; "
            "counted as sent with an unknown id",
            extra={"thread_key": thread_key, "part": part.index, "reply_to": reply_to},
        )
        return None

    async def _me(self) -> XAccount:
        if self._account is None:
            self._account = await self._client.me()
        return self._account

    def _lock(self, thread_key: str) -> asyncio.Lock:
        return self._locks.setdefault(thread_key, asyncio.Lock())


def _same_text(posted: str, ours: str) -> bool:
    return _normal(posted) == _normal(ours)


def _normal(text: str) -> str:
    # X stores text NFC-normalised and trims surrounding whitespace.
    return unicodedata.normalize("NFC", text).strip()
