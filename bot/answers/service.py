"""Public and private answers: when to speak, what to say, votes and unanswered questions.

The matcher decides which article fits; this service decides whether the bot should speak at
all in a busy group (cooldowns, per-user limits, repeated questions) and remembers what
happened, without private data.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.answers.knowledge_base import Article, article_link
from bot.answers.matcher import Match, Matcher
from bot.clock import Clock
from bot.messages import Button, Inbound, Reply
from bot.storage import Database
from bot.texts import Texts

__all__ = ["AnswerLimits", "AnswerService", "InlineArticle", "question_gaps", "question_key"]

Redactor = Callable[[str], str]


@dataclass(frozen=True)
class AnswerLimits:
    chat_cooldown_seconds: int = 20
    user_limit_per_hour: int = 6
    repeat_window_seconds: int = 600


@dataclass(frozen=True)
class InlineArticle:
    """One result for inline mode (`@bot deposit`)."""

    slug: str
    title: str
    description: str
    message_html: str


def question_key(text: str) -> str:
    """Group near-identical questions for `kb gaps`: lower case, no punctuation or spaces."""
    return re.sub(r"[\W_]+", "", text.lower())[:200]


class AnswerService:
    def __init__(
        self,
        matcher: Matcher,
        db: Database,
        texts: Texts,
        clock: Clock,
        limits: AnswerLimits,
        help_center_base_url: str | None,
        redact: Redactor,
    ) -> None:
        self._matcher = matcher
        self._db = db
        self._texts = texts
        self._clock = clock
        self._limits = limits
        self._help_center = help_center_base_url
        self._redact = redact

    @property
    def matcher(self) -> Matcher:
        return self._matcher

    # -- groups ---------------------------------------------------------------------------

    async def answer_in_group(
        self, inbound: Inbound, question: str, bot_username: str
    ) -> tuple[Reply | None, int | None]:
        """Decide what to post under a group message; returns the reply and its answer id.

        `question` is the text without the command or mention. Only messages addressed to
        the bot get a "did you mean" list or a polite decline; other messages get an answer
        when the match is confident, and nothing otherwise.
        """
        if not question.strip():
            if inbound.addressed_to_bot:
                return self._reply("answers.ask_usage", inbound), None
            return None, None
        addressed = inbound.addressed_to_bot
        match = (
            self._matcher.match(question) if addressed else self._matcher.match_unprompted(question)
        )
        if match.decision == "decline":
            if addressed or self._matcher.looks_like_support_question(question):
                await self._record_gap(question, match.lang, "declined", None, inbound.user_id)
            if not addressed or not await self._may_speak(inbound, unprompted=False):
                return None, None
            await self._record_reply(inbound, "decline", None, match.lang, unprompted=False)
            return self._reply("answers.decline_group", inbound, lang=match.lang), None
        if not await self._may_speak(inbound, unprompted=not addressed):
            return None, None
        if match.decision == "suggest":
            await self._record_reply(inbound, "suggest", None, match.lang, unprompted=False)
            return self._suggestions(match, inbound), None
        assert match.article is not None
        earlier = await self._recent_answer(inbound.chat_id, match.article.slug)
        if earlier is not None and earlier["reply_message_id"]:
            link = message_link(inbound.chat_id, int(earlier["reply_message_id"]))
            if link:
                await self._record_reply(
                    inbound, "pointer", match.article.slug, match.lang, unprompted=not addressed
                )
                return self._reply(
                    "answers.repeat_pointer", inbound, lang=match.lang, link=link
                ), None
        answer_id = await self._record_reply(
            inbound, "answer", match.article.slug, match.article.lang, unprompted=not addressed
        )
        return self._article_card(match.article, bot_username, answer_id, inbound), answer_id

    async def record_reply_message(self, answer_id: int, message_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE answers_given SET reply_message_id = ? WHERE answer_id = ?",
                (message_id, answer_id),
            )

    # -- private chats --------------------------------------------------------------------

    async def answer_in_private(self, inbound: Inbound, bot_username: str) -> Reply:
        """In a DM every question gets the best guide or the closest three."""
        match = self._matcher.match(inbound.text)
        if match.decision == "answer" and match.article is not None:
            answer_id = await self._record_reply(
                inbound, "answer", match.article.slug, match.article.lang, unprompted=False
            )
            return self._article_card(match.article, bot_username, answer_id, inbound)
        ranking = self._matcher.rank(inbound.text)
        if not ranking.hits:
            await self._record_gap(inbound.text, match.lang, "declined", None, inbound.user_id)
            return self._reply("answers.decline_private", inbound, lang=match.lang)
        if match.decision == "decline":
            await self._record_gap(inbound.text, match.lang, "declined", None, inbound.user_id)
        slugs = tuple(hit.slug for hit in ranking.hits[:3])
        return self._suggestions(Match("suggest", None, slugs, match.score, match.lang), inbound)

    def article_reply(self, slug: str, lang: str) -> Reply:
        """The whole article, for a deep link or a "did you mean" button."""
        article = self._matcher.knowledge_base.get_any(slug, lang)
        if article is None:
            return Reply(self._texts.get("answers.article_not_found", lang))
        body = markdown_to_telegram_html(article.body)
        text = self._texts.get(
            "answers.article_full", article.lang, title=_html(article.title), body=body
        )
        more = self._texts.get("answers.article_more", article.lang)
        return Reply(_fit(text, more), html=True)

    # -- browsing -------------------------------------------------------------------------

    def categories_menu(self, lang: str, names: dict[str, dict[str, str]]) -> Reply:
        kb = self._matcher.knowledge_base
        rows = tuple(
            (Button(names.get(c, {}).get(lang, c), callback_data=f"faq:{c}:{lang}"),)
            for c in _ordered(kb.categories(), names)
        )
        return Reply(self._texts.get("answers.faq_intro", lang), buttons=rows)

    def category_menu(
        self,
        category: str,
        lang: str,
        names: dict[str, dict[str, str]],
        descriptions: dict[str, dict[str, str]],
    ) -> Reply:
        articles = self._matcher.knowledge_base.by_category(category, lang)
        rows = [(Button(a.title, callback_data=f"art:{a.slug}:{lang}"),) for a in articles]
        rows.append(
            (Button(self._texts.get("answers.faq_back", lang), callback_data=f"faq::{lang}"),)
        )
        text = self._texts.get(
            "answers.faq_category",
            lang,
            category=_html(names.get(category, {}).get(lang, category)),
            description=_html(descriptions.get(category, {}).get(lang, "")),
        )
        return Reply(text, buttons=tuple(rows), html=True)

    def inline_results(self, query: str, lang: str, bot_username: str) -> list[InlineArticle]:
        """Up to five guides for inline mode, best first."""
        if not query.strip():
            return []
        results = []
        for hit in self._matcher.rank(query).hits[:5]:
            article = self._matcher.knowledge_base.get_any(hit.slug, lang)
            if article is None:
                continue
            results.append(
                InlineArticle(
                    slug=article.slug,
                    title=article.title,
                    description=article.summary,
                    message_html=self._card_text(article, bot_username),
                )
            )
        return results

    # -- feedback -------------------------------------------------------------------------

    async def vote(self, answer_id: int, user_id: int, helpful: bool, lang: str) -> str:
        """Store a 👍/👎 (one per person, the latest counts); a 👎 becomes a content gap."""
        row = await self._db.fetch_one(
            "SELECT slug, lang FROM answers_given WHERE answer_id = ? AND kind = 'answer'",
            (answer_id,),
        )
        if row is None:
            return self._texts.get("answers.vote_expired", lang)
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO answer_votes (answer_id, user_id, helpful, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (answer_id, user_id) DO UPDATE SET"
                " helpful = excluded.helpful, created_at = excluded.created_at",
                (answer_id, user_id, int(helpful), self._now().isoformat()),
            )
        if helpful:
            return self._texts.get("answers.vote_thanks", lang)
        await self._record_gap(
            f"[👎 {row['slug']}]", str(row["lang"]), "downvoted", str(row["slug"]), user_id
        )
        return self._texts.get("answers.vote_thanks_down", lang)

    async def gaps(self, limit: int = 20) -> list[tuple[str, int, str]]:
        return await question_gaps(self._db, limit)

    async def forget_user(self, user_id: int) -> None:
        """Remove every row that names this user (the desk's /forget)."""
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM answer_votes WHERE user_id = ?", (user_id,))
            await tx.execute(
                "UPDATE answers_given SET user_id = NULL WHERE user_id = ?", (user_id,)
            )
            await tx.execute("DELETE FROM question_gaps WHERE user_id = ?", (user_id,))

    # -- internals ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock.now()

    async def _may_speak(self, inbound: Inbound, *, unprompted: bool) -> bool:
        now = self._now()
        if inbound.user_id is not None:
            hour_ago = (now - timedelta(hours=1)).isoformat()
            count = await self._db.fetch_value(
                "SELECT COUNT(*) FROM answers_given WHERE user_id = ? AND chat_id = ?"
                " AND created_at > ?",
                (inbound.user_id, inbound.chat_id, hour_ago),
            )
            if int(count or 0) >= self._limits.user_limit_per_hour:
                return False
        if unprompted and self._limits.chat_cooldown_seconds:
            since = (now - timedelta(seconds=self._limits.chat_cooldown_seconds)).isoformat()
            recent = await self._db.fetch_value(
                "SELECT COUNT(*) FROM answers_given WHERE chat_id = ? AND unprompted = 1"
                " AND created_at > ?",
                (inbound.chat_id, since),
            )
            if int(recent or 0) > 0:
                return False
        return True

    async def _recent_answer(self, chat_id: int, slug: str) -> dict[str, Any] | None:
        if not self._limits.repeat_window_seconds:
            return None
        since = (self._now() - timedelta(seconds=self._limits.repeat_window_seconds)).isoformat()
        return await self._db.fetch_one(
            "SELECT answer_id, reply_message_id FROM answers_given WHERE chat_id = ?"
            " AND kind = 'answer' AND slug = ? AND created_at > ? ORDER BY answer_id DESC LIMIT 1",
            (chat_id, slug, since),
        )

    async def _record_reply(
        self, inbound: Inbound, kind: str, slug: str | None, lang: str, *, unprompted: bool
    ) -> int:
        async with self._db.write() as tx:
            return await tx.execute(
                "INSERT INTO answers_given (chat_id, user_id, kind, slug, lang, unprompted,"
                " question_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    inbound.chat_id,
                    inbound.user_id,
                    kind,
                    slug,
                    lang,
                    int(unprompted),
                    inbound.message_id,
                    self._now().isoformat(),
                ),
            )

    async def _record_gap(
        self, question: str, lang: str, reason: str, slug: str | None, user_id: int | None
    ) -> None:
        clean = self._redact(question).strip()[:500]
        if not clean:
            return
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO question_gaps (question, question_key, lang, reason, slug, user_id,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (clean, question_key(clean), lang, reason, slug, user_id, self._now().isoformat()),
            )

    def _reply(
        self, key: str, inbound: Inbound, *, lang: str | None = None, **fields: str
    ) -> Reply:
        return Reply(
            self._texts.get(key, lang or inbound.language, **fields),
            reply_to_message_id=inbound.message_id,
        )

    def _card_text(self, article: Article, bot_username: str) -> str:
        link = article_link(article, self._help_center, bot_username)
        return self._texts.get(
            "answers.answer",
            article.lang,
            title=_html(article.title),
            summary=_html(article.summary),
            link=html.escape(link, quote=True),
        )

    def _article_card(
        self, article: Article, bot_username: str, answer_id: int, inbound: Inbound
    ) -> Reply:
        votes = (
            Button(
                self._texts.get("answers.vote_helpful", article.lang),
                callback_data=f"vote:{answer_id}:1",
            ),
            Button(
                self._texts.get("answers.vote_unhelpful", article.lang),
                callback_data=f"vote:{answer_id}:0",
            ),
        )
        return Reply(
            self._card_text(article, bot_username),
            buttons=(votes,),
            html=True,
            reply_to_message_id=inbound.message_id,
        )

    def _suggestions(self, match: Match, inbound: Inbound) -> Reply:
        kb = self._matcher.knowledge_base
        rows = []
        for slug in match.suggestions[:3]:
            article = kb.get_any(slug, match.lang)
            if article is not None:
                rows.append((Button(article.title, callback_data=f"art:{slug}:{article.lang}"),))
        return Reply(
            self._texts.get("answers.suggest", match.lang),
            buttons=tuple(rows),
            reply_to_message_id=inbound.message_id,
        )


async def question_gaps(db: Database, limit: int = 20) -> list[tuple[str, int, str]]:
    """The most frequent unanswered or down-voted questions: (example, count, reason)."""
    rows = await db.fetch_all(
        "SELECT MIN(question) AS question, COUNT(*) AS n, reason FROM question_gaps"
        " GROUP BY question_key, reason ORDER BY n DESC, MIN(gap_id) LIMIT ?",
        (limit,),
    )
    return [(str(r["question"]), int(r["n"]), str(r["reason"])) for r in rows]


def message_link(chat_id: int, message_id: int) -> str | None:
    """A t.me link to a message in a supergroup (basic groups have none)."""
    text = str(chat_id)
    if not text.startswith("-100"):
        return None
    return f"https://t.me/c/{text[4:]}/{message_id}"


_TELEGRAM_LIMIT = 4096


def _fit(text: str, tail: str) -> str:
    """Keep within Telegram's message size, cutting at a line break."""
    full = f"{text}\n\n{tail}"
    if len(full) <= _TELEGRAM_LIMIT:
        return full
    cut = text[: _TELEGRAM_LIMIT - len(tail) - 10].rsplit("\n", 1)[0]
    return f"{cut}\n…\n\n{tail}"


_LINK = re.compile(r"\[([^\]]+)\]\(slug:([a-z0-9-]+)\)")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")


def markdown_to_telegram_html(markdown: str) -> str:
    """The article's small Markdown subset as Telegram HTML (headings, bold, article links)."""
    out = []
    for line in markdown.strip().splitlines():
        escaped = _html(line)
        escaped = _BOLD.sub(r"<b>\1</b>", escaped)
        escaped = _LINK.sub(r"\1", escaped)
        if escaped.startswith("#"):
            escaped = f"<b>{escaped.lstrip('#').strip()}</b>"
        elif escaped.startswith(("- ", "* ")):
            escaped = f"• {escaped[2:]}"
        out.append(escaped)
    return "\n".join(out)


def _ordered(categories: list[str], names: dict[str, dict[str, str]]) -> list[str]:
    order = list(names)
    return sorted(categories, key=lambda c: (order.index(c) if c in order else len(order), c))


def _html(text: str) -> str:
    """Escape text for Telegram HTML: only <, > and & matter outside attributes."""
    return html.escape(text, quote=False)
