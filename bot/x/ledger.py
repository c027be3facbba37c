"""What Beacon remembers about X in SQLite: the mention cursor, handled mentions, thread parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.storage import Database

__all__ = ["MentionCursor", "MentionLedger", "ThreadLedger", "ThreadPart"]

# Outcomes that mean "we (may have) replied to this author": they start the per-user cooldown.
_REPLIES = ("claimed", "answered", "suggested", "warned", "duplicate")


class MentionLedger:
    """The mention cursor (since_id) and one row per mention considered (UNIQUE mention id)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def cursor(self, account_id: str) -> MentionCursor | None:
        """Where polling stands; None before the first poll ever."""
        row = await self._db.fetch_one(
            "SELECT since_id FROM x_mention_cursor WHERE account_id = ?", (account_id,)
        )
        if row is None:
            return None
        return MentionCursor(str(row["since_id"]) if row["since_id"] is not None else None)

    async def advance(self, account_id: str, mention_id: str | None) -> None:
        """Move the cursor forward to `mention_id` (never backward); None only starts it."""
        async with self._db.write() as tx:
            row = await tx.fetch_one(
                "SELECT since_id FROM x_mention_cursor WHERE account_id = ?", (account_id,)
            )
            if row is None:
                await tx.execute(
                    "INSERT INTO x_mention_cursor (account_id, since_id, updated_at)"
                    " VALUES (?, ?, ?)",
                    (account_id, mention_id, self._now()),
                )
            elif mention_id is not None and (
                row["since_id"] is None or int(row["since_id"]) < int(mention_id)
            ):
                await tx.execute(
                    "UPDATE x_mention_cursor SET since_id = ?, updated_at = ? WHERE account_id = ?",
                    (mention_id, self._now(), account_id),
                )

    async def seen(self, mention_id: str) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 AS found FROM x_replied_mentions WHERE mention_id = ?", (mention_id,)
        )
        return row is not None

    async def claim(self, mention_id: str, author_id: str) -> bool:
        """Take the mention before replying; False when it was already taken (never reply)."""
        return await self._insert(mention_id, author_id, "claimed", finished=False)

    async def record(self, mention_id: str, author_id: str, outcome: str) -> bool:
        """Note a mention handled without a reply (declined, cooldown, error)."""
        return await self._insert(mention_id, author_id, outcome, finished=True)

    async def finish(self, mention_id: str, outcome: str, reply_tweet_id: str | None) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE x_replied_mentions SET outcome = ?, reply_tweet_id = ?, finished_at = ?"
                " WHERE mention_id = ?",
                (outcome, reply_tweet_id, self._now(), mention_id),
            )

    async def release(self, mention_id: str) -> None:
        """Drop a claim whose reply certainly did not go out (X refused with a 429)."""
        async with self._db.write() as tx:
            await tx.execute(
                "DELETE FROM x_replied_mentions WHERE mention_id = ? AND outcome = 'claimed'",
                (mention_id,),
            )

    async def replied_since(self, author_id: str, since: datetime) -> bool:
        """True when the author got (or may have got) a reply at or after `since`."""
        placeholders = ", ".join("?" for _ in _REPLIES)
        row = await self._db.fetch_one(
            "SELECT 1 AS found FROM x_replied_mentions"
            f" WHERE author_id = ? AND claimed_at >= ? AND outcome IN ({placeholders})"
            " LIMIT 1",
            (author_id, _iso(since), *_REPLIES),
        )
        return row is not None

    async def outcome(self, mention_id: str) -> str | None:
        value = await self._db.fetch_value(
            "SELECT outcome FROM x_replied_mentions WHERE mention_id = ?", (mention_id,)
        )
        return str(value) if value is not None else None

    async def unfinished_claims(self) -> int:
        """Claims left by a crash between claiming and hearing back from X (see mentions.py)."""
        value = await self._db.fetch_value(
            "SELECT COUNT(*) FROM x_replied_mentions WHERE outcome = 'claimed'"
        )
        return int(value or 0)

    async def _insert(
        self, mention_id: str, author_id: str, outcome: str, *, finished: bool
    ) -> bool:
        now = self._now()
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "INSERT INTO x_replied_mentions"
                " (mention_id, author_id, outcome, claimed_at, finished_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (mention_id) DO NOTHING",
                (mention_id, author_id, outcome, now, now if finished else None),
            )
        return changed == 1

    def _now(self) -> str:
        return _iso(self._clock.now())


@dataclass(frozen=True, slots=True)
class MentionCursor:
    """The newest mention handled; `since_id` is None when none has come since polling began."""

    since_id: str | None


@dataclass(frozen=True, slots=True)
class ThreadPart:
    index: int
    text: str
    tweet_id: str | None
    outcome: str | None  # None until sent; then "sent", "duplicate" (X had it) or "deleted"

    @property
    def done(self) -> bool:
        return self.outcome is not None


class ThreadLedger:
    """Thread plans and the parts already on X."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def plan(self, thread_key: str, texts: list[str]) -> list[ThreadPart]:
        """Store the parts the first time; afterwards the stored plan wins.

        Keeping the first plan means a restart continues the very thread it started, even if
        the splitting rules (or twitter-text's weights) changed in between.
        """
        async with self._db.write() as tx:
            existing = await tx.fetch_one(
                "SELECT COUNT(*) AS n FROM x_thread_parts WHERE thread_key = ?", (thread_key,)
            )
            if existing is None or not existing["n"]:
                await tx.executemany(
                    "INSERT INTO x_thread_parts (thread_key, part_index, text) VALUES (?, ?, ?)",
                    [(thread_key, index, text) for index, text in enumerate(texts)],
                )
        return await self.parts(thread_key)

    async def adopt(self, old_key: str, new_key: str) -> bool:
        """Move an unfinished plan from `old_key` to `new_key` (which has none); True if moved.

        Before threads were keyed by announcement, the key was a hash of the text. A thread
        begun under such a key and not finished is continued under its new key; a finished one
        stays where it is (it may be an earlier announcement with the same text).
        """
        async with self._db.write() as tx:
            taken = await tx.fetch_one(
                "SELECT COUNT(*) AS n FROM x_thread_parts WHERE thread_key = ?", (new_key,)
            )
            unfinished = await tx.fetch_one(
                "SELECT COUNT(*) AS n FROM x_thread_parts WHERE thread_key = ? AND outcome IS NULL",
                (old_key,),
            )
            if (taken and taken["n"]) or not (unfinished and unfinished["n"]):
                return False
            await tx.execute(
                "UPDATE x_thread_parts SET thread_key = ? WHERE thread_key = ?", (new_key, old_key)
            )
        return True

    async def parts(self, thread_key: str) -> list[ThreadPart]:
        rows = await self._db.fetch_all(
            "SELECT part_index, text, tweet_id, outcome FROM x_thread_parts"
            " WHERE thread_key = ? ORDER BY part_index",
            (thread_key,),
        )
        return [ThreadPart(r["part_index"], r["text"], r["tweet_id"], r["outcome"]) for r in rows]

    async def mark(self, thread_key: str, index: int, tweet_id: str | None, outcome: str) -> None:
        """Record a part as sent; a part already recorded keeps its first record."""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE x_thread_parts SET tweet_id = ?, outcome = ?, sent_at = ?"
                " WHERE thread_key = ? AND part_index = ? AND outcome IS NULL",
                (tweet_id, outcome, _iso(self._clock.now()), thread_key, index),
            )

    async def thread_of(self, tweet_id: str) -> str | None:
        """The key of the thread that holds `tweet_id`."""
        value = await self._db.fetch_value(
            "SELECT thread_key FROM x_thread_parts WHERE tweet_id = ?", (tweet_id,)
        )
        return str(value) if value is not None else None

    async def mark_deleted(self, thread_key: str, index: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE x_thread_parts SET outcome = 'deleted'"
                " WHERE thread_key = ? AND part_index = ?",
                (thread_key, index),
            )


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
