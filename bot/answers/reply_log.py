"""The replies the bot made to questions (`answers_given`): cooldowns, limits and repeats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.clock import Clock, utc_now_iso
from bot.messages import Inbound
from bot.storage import Database

__all__ = ["ReplyLog"]


class ReplyLog:
    """One row per reply: kind is answer | suggest | decline | pointer.

    `question` holds the question with private data already replaced (the service redacts
    it), so a 👎 on the answer can be kept for `kb gaps`.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def record(
        self,
        inbound: Inbound,
        kind: str,
        slug: str | None,
        lang: str,
        *,
        unprompted: bool,
        question: str | None = None,
    ) -> int:
        """Store one reply about to be sent; returns its answer id."""
        async with self._db.write() as tx:
            return await tx.execute(
                "INSERT INTO answers_given (chat_id, user_id, kind, slug, lang, unprompted,"
                " question_message_id, question, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    inbound.chat_id,
                    inbound.user_id,
                    kind,
                    slug,
                    lang,
                    int(unprompted),
                    inbound.message_id,
                    question,
                    utc_now_iso(self._clock),
                ),
            )

    async def set_reply_message(self, answer_id: int, message_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE answers_given SET reply_message_id = ? WHERE answer_id = ?",
                (message_id, answer_id),
            )

    async def count_by_user(self, chat_id: int, user_id: int, since: datetime) -> int:
        value = await self._db.fetch_value(
            "SELECT COUNT(*) FROM answers_given WHERE user_id = ? AND chat_id = ?"
            " AND created_at > ?",
            (user_id, chat_id, _seconds(since)),
        )
        return int(value or 0)

    async def count_unprompted(self, chat_id: int, since: datetime) -> int:
        value = await self._db.fetch_value(
            "SELECT COUNT(*) FROM answers_given WHERE chat_id = ? AND unprompted = 1"
            " AND created_at > ?",
            (chat_id, _seconds(since)),
        )
        return int(value or 0)

    async def count_in_chat(self, chat_id: int, since: datetime) -> int:
        """Replies of any kind in the chat after `since`."""
        value = await self._db.fetch_value(
            "SELECT COUNT(*) FROM answers_given WHERE chat_id = ? AND created_at > ?",
            (chat_id, _seconds(since)),
        )
        return int(value or 0)

    async def latest_answer(
        self, chat_id: int, slug: str, since: datetime
    ) -> dict[str, Any] | None:
        """The latest card with this article in the chat after `since`."""
        return await self._db.fetch_one(
            "SELECT answer_id, reply_message_id FROM answers_given WHERE chat_id = ?"
            " AND kind = 'answer' AND slug = ? AND created_at > ? ORDER BY answer_id DESC LIMIT 1",
            (chat_id, slug, _seconds(since)),
        )

    async def answer(self, answer_id: int) -> dict[str, Any] | None:
        """An answer card that can be voted on: its slug, lang and redacted question."""
        return await self._db.fetch_one(
            "SELECT slug, lang, question FROM answers_given"
            " WHERE answer_id = ? AND kind = 'answer'",
            (answer_id,),
        )

    async def question_of(self, chat_id: int, question_message_id: int) -> str | None:
        """The redacted question of an earlier reply to this message (e.g. the suggestions)."""
        value = await self._db.fetch_value(
            "SELECT question FROM answers_given WHERE chat_id = ? AND question_message_id = ?"
            " AND question IS NOT NULL ORDER BY answer_id DESC LIMIT 1",
            (chat_id, question_message_id),
        )
        return str(value) if value is not None else None

    async def forget_user(self, user_id: int) -> None:
        """Unlink the user's replies; their questions go too (counts stay for the limits)."""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE answers_given SET user_id = NULL, question = NULL WHERE user_id = ?",
                (user_id,),
            )


def _seconds(moment: datetime) -> str:
    """Stored times have whole seconds: a microsecond field is six stray digits in the database
    that can look like a verification code to anyone auditing it for leaked secrets."""
    return moment.isoformat(timespec="seconds")
