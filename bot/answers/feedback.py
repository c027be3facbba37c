"""What people told us about the answers: 👍/👎 votes and the questions we could not answer."""

from __future__ import annotations

import re

from bot.clock import Clock, utc_now_iso
from bot.storage import Database

__all__ = ["Feedback", "question_gaps", "question_key"]


def question_key(text: str) -> str:
    """Group near-identical questions for `kb gaps`: lower case, no punctuation or spaces."""
    return re.sub(r"[\W_]+", "", text.lower())[:200]


class Feedback:
    """Votes (one per person and answer, the latest counts) and content gaps.

    Questions arrive here already redacted; nothing in these tables holds private data.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def vote(
        self, answer_id: int, user_id: int, helpful: bool, *, question: str, slug: str, lang: str
    ) -> None:
        """Store the vote; a 👎 keeps `question` as one gap per (answer, person), a 👍 drops it."""
        now = utc_now_iso(self._clock)
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO answer_votes (answer_id, user_id, helpful, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (answer_id, user_id) DO UPDATE SET"
                " helpful = excluded.helpful, created_at = excluded.created_at",
                (answer_id, user_id, int(helpful), now),
            )
            if helpful:
                await tx.execute(
                    "DELETE FROM question_gaps WHERE answer_id = ? AND user_id = ?",
                    (answer_id, user_id),
                )
                return
            await tx.execute(
                "INSERT INTO question_gaps (question, question_key, lang, reason, slug, answer_id,"
                " user_id, created_at) VALUES (?, ?, ?, 'downvoted', ?, ?, ?, ?)"
                " ON CONFLICT (answer_id, user_id) DO NOTHING",
                (question, question_key(question), lang, slug, answer_id, user_id, now),
            )

    async def record_gap(self, question: str, lang: str, user_id: int | None) -> None:
        """A question the bot declined (already redacted)."""
        if not question:
            return
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO question_gaps (question, question_key, lang, reason, user_id,"
                " created_at) VALUES (?, ?, ?, 'declined', ?, ?)",
                (question, question_key(question), lang, user_id, utc_now_iso(self._clock)),
            )

    async def forget_user(self, user_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM answer_votes WHERE user_id = ?", (user_id,))
            await tx.execute("DELETE FROM question_gaps WHERE user_id = ?", (user_id,))
            # Another member's 👎 keeps the question it was about: that is this user's text.
            await tx.execute(
                "DELETE FROM question_gaps WHERE answer_id IN"
                " (SELECT answer_id FROM answers_given WHERE user_id = ?)",
                (user_id,),
            )


async def question_gaps(db: Database, limit: int = 20) -> list[tuple[str, int, str]]:
    """The most frequent unanswered or down-voted questions: (example, count, reason)."""
    rows = await db.fetch_all(
        "SELECT MIN(question) AS question, COUNT(*) AS n, reason FROM question_gaps"
        " GROUP BY question_key, reason ORDER BY n DESC, MIN(gap_id) LIMIT ?",
        (limit,),
    )
    return [(str(r["question"]), int(r["n"]), str(r["reason"])) for r in rows]
