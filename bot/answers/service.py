"""Public and private answers: when the bot speaks, and what it says.

The matcher decides which article fits; this service decides whether the bot should speak at
all in a busy group (cooldowns, per-user limits, repeated questions). `ReplyLog` remembers
what was said, `Feedback` keeps votes and unanswered questions (without private data), and
`AnswerCards` builds the messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.answers.cards import AnswerCards, message_link
from bot.answers.categories import Categories
from bot.answers.feedback import Feedback, question_gaps, question_key
from bot.answers.matcher import Matcher
from bot.answers.reply_log import ReplyLog
from bot.clock import Clock
from bot.messages import Inbound, Reply
from bot.storage import Database
from bot.texts import Texts
from content import CONTENT_DIR

__all__ = [
    "Answer",
    "AnswerLimits",
    "AnswerService",
    "InlineArticle",
    "question_gaps",
    "question_key",
]

Redactor = Callable[[str], str]

_QUESTION_CHARS = 500


@dataclass(frozen=True)
class AnswerLimits:
    """How often the bot may speak in a group.

    `chat_cooldown_seconds`: after an unprompted answer, no other unprompted one in the chat.
    `chat_replies_per_minute`: at most this many replies of any kind (answers, suggestions,
    declines, pointers, cards from buttons) in one chat per minute, so many members sending
    /ask or mentions at once cannot make the bot flood the group; 0 turns it off.
    `user_limit_per_hour`: replies to one member per chat and hour.
    """

    chat_cooldown_seconds: int = 20
    user_limit_per_hour: int = 6
    repeat_window_seconds: int = 600
    chat_replies_per_minute: int = 5


@dataclass(frozen=True)
class Answer:
    """What to post (if anything). `answer_id` is set for a card people can vote on; report
    the posted message with `record_reply_message`. `notice` is a short note for the person
    who pressed a button (a callback toast)."""

    reply: Reply | None = None
    answer_id: int | None = None
    notice: str | None = None


@dataclass(frozen=True)
class InlineArticle:
    """One result for inline mode (`@bot deposit`)."""

    slug: str
    title: str
    description: str
    message_html: str


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
        categories: Categories | None = None,
    ) -> None:
        self._matcher = matcher
        self._texts = texts
        self._clock = clock
        self._limits = limits
        self._redact = redact
        self._log = ReplyLog(db, clock)
        self._feedback = Feedback(db, clock)
        self._db = db
        self._cards = AnswerCards(
            texts,
            matcher.knowledge_base,
            categories or Categories.load(CONTENT_DIR / "categories.yaml"),
            help_center_base_url,
        )

    @property
    def matcher(self) -> Matcher:
        return self._matcher

    # -- groups ---------------------------------------------------------------------------

    async def answer_in_group(self, inbound: Inbound, question: str, bot_username: str) -> Answer:
        """Decide what to post under a group message.

        `question` is the text without the command or mention. Only messages addressed to
        the bot get a "did you mean" list or a polite decline; other messages get an answer
        when the match is confident, and nothing otherwise.
        """
        addressed = inbound.addressed_to_bot
        if not question.strip():
            if addressed:
                return Answer(
                    self._cards.text(
                        "answers.ask_usage", inbound.language, reply_to=inbound.message_id
                    )
                )
            return Answer()
        match = (
            self._matcher.match(question) if addressed else self._matcher.match_unprompted(question)
        )
        if match.declined_as == "spam":
            # Nothing to say, nothing worth keeping, and no cooldown or limit is used up.
            return Answer()
        if match.decision == "decline":
            if addressed or self._matcher.looks_like_support_question(question):
                await self._feedback.record_gap(self._clean(question), match.lang, inbound.user_id)
            if not addressed or not await self._may_speak(inbound, unprompted=False):
                return Answer()
            await self._log.record(inbound, "decline", None, match.lang, unprompted=False)
            return Answer(
                self._cards.text("answers.decline_group", match.lang, reply_to=inbound.message_id)
            )
        if not await self._may_speak(inbound, unprompted=not addressed):
            return Answer()
        if match.decision == "suggest":
            await self._log.record(
                inbound,
                "suggest",
                None,
                match.lang,
                unprompted=False,
                question=self._clean(question),
            )
            return Answer(
                self._cards.suggestions(match.suggestions, match.lang, inbound.message_id)
            )
        assert match.article is not None
        article = match.article
        pointer = await self._repeat_pointer(inbound, article.slug)
        if pointer is not None:
            await self._log.record(
                inbound, "pointer", article.slug, match.lang, unprompted=not addressed
            )
            return Answer(
                self._cards.text(
                    "answers.repeat_pointer", match.lang, reply_to=inbound.message_id, link=pointer
                )
            )
        answer_id = await self._log.record(
            inbound,
            "answer",
            article.slug,
            article.lang,
            unprompted=not addressed,
            question=self._clean(question),
        )
        card = self._cards.answer_card(article, bot_username, answer_id, inbound.message_id)
        return Answer(card, answer_id)

    async def record_reply_message(self, answer_id: int, message_id: int) -> None:
        """Remember where a card was posted, so a repeated question can point to it."""
        await self._log.set_reply_message(answer_id, message_id)

    # -- private chats --------------------------------------------------------------------

    async def answer_in_private(self, inbound: Inbound, bot_username: str) -> Reply:
        """In a DM every question gets the best guide or the closest three."""
        match = self._matcher.match(inbound.text)
        if match.decision == "answer" and match.article is not None:
            answer_id = await self._log.record(
                inbound,
                "answer",
                match.article.slug,
                match.article.lang,
                unprompted=False,
                question=self._clean(inbound.text),
            )
            return self._cards.answer_card(
                match.article, bot_username, answer_id, inbound.message_id
            )
        ranking = self._matcher.rank(inbound.text)
        if match.decision == "decline" or not ranking.hits:
            await self._feedback.record_gap(self._clean(inbound.text), match.lang, inbound.user_id)
        if not ranking.hits:
            return self._cards.text(
                "answers.decline_private", match.lang, reply_to=inbound.message_id
            )
        slugs = tuple(hit.slug for hit in ranking.hits[:3])
        return self._cards.suggestions(slugs, match.lang, inbound.message_id)

    # -- articles -------------------------------------------------------------------------

    def article_reply(self, slug: str, lang: str, bot_username: str) -> Reply:
        """The whole article, for a deep link into the private chat."""
        article = self._matcher.knowledge_base.get_any(slug, lang)
        if article is None:
            return self._cards.text("answers.article_not_found", lang)
        return self._cards.full_article(article, bot_username)

    async def open_article(self, press: Inbound, slug: str, lang: str, bot_username: str) -> Answer:
        """A guide button: the whole guide in a private chat; in a group only its card.

        `press` is the button press: its sender pressed it and its `message_id` is the question
        the card answers (the message the suggestions replied to). In a group the card counts
        towards the presser's hourly limit like any answer, so buttons cannot flood a group.
        """
        article = self._matcher.knowledge_base.get_any(slug, lang)
        if article is None:
            if press.is_private:
                return Answer(self._cards.text("answers.article_not_found", lang))
            return Answer(notice=self._texts.get("answers.article_not_found", lang))
        if press.is_private:
            return Answer(self._cards.full_article(article, bot_username))
        if not await self._may_speak(press, unprompted=False):
            return Answer(notice=self._texts.get("answers.button_limited", press.language))
        question = await self._log.question_of(press.chat_id, press.message_id)
        answer_id = await self._log.record(
            press, "answer", article.slug, article.lang, unprompted=False, question=question
        )
        card = self._cards.answer_card(article, bot_username, answer_id, press.message_id)
        return Answer(card, answer_id)

    # -- browsing -------------------------------------------------------------------------

    def help_and_topics(self, inbound: Inbound, lang: str, *, with_help: bool) -> Reply:
        """/faq (the topics) or /help (what the bot can do, then the topics), as one message."""
        intro = ""
        if with_help:
            intro = self._texts.get(
                "core.help_private" if inbound.is_private else "core.help_group", lang
            )
        reply_to = None if inbound.is_private else inbound.message_id
        return self._cards.topics(lang, intro=intro, reply_to=reply_to)

    def browse(self, category: str, lang: str) -> Reply:
        """A topic button: its guides, or all topics for an empty category."""
        if category:
            return self._cards.category(category, lang)
        return self._cards.topics(lang)

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
                    message_html=self._cards.card_text(article, bot_username),
                )
            )
        return results

    # -- feedback -------------------------------------------------------------------------

    async def vote(self, answer_id: int, user_id: int, helpful: bool, lang: str) -> str:
        """Store a 👍/👎 (one per person, the latest counts); a 👎 keeps the question as a gap."""
        answer = await self._log.answer(answer_id)
        if answer is None:
            return self._texts.get("answers.vote_expired", lang)
        slug = str(answer["slug"])
        await self._feedback.vote(
            answer_id,
            user_id,
            helpful,
            question=str(answer["question"] or f"[👎 {slug}]"),
            slug=slug,
            lang=str(answer["lang"]),
        )
        return self._texts.get(
            "answers.vote_thanks" if helpful else "answers.vote_thanks_down", lang
        )

    async def gaps(self, limit: int = 20) -> list[tuple[str, int, str]]:
        return await question_gaps(self._db, limit)

    async def forget_user(self, user_id: int) -> None:
        """Remove every row that names this user (the desk's /forget)."""
        await self._feedback.forget_user(user_id)
        await self._log.forget_user(user_id)

    # -- internals ------------------------------------------------------------------------

    def _clean(self, question: str) -> str:
        """The question as stored: private data replaced by the redactor, trimmed."""
        return self._redact(question).strip()[:_QUESTION_CHARS]

    async def _may_speak(self, inbound: Inbound, *, unprompted: bool) -> bool:
        now = self._clock.now()
        if inbound.user_id is not None:
            count = await self._log.count_by_user(
                inbound.chat_id, inbound.user_id, now - timedelta(hours=1)
            )
            if count >= self._limits.user_limit_per_hour:
                return False
        if unprompted and self._limits.chat_cooldown_seconds:
            since = now - timedelta(seconds=self._limits.chat_cooldown_seconds)
            if await self._log.count_unprompted(inbound.chat_id, since) > 0:
                return False
        if self._limits.chat_replies_per_minute and not inbound.is_private:
            since = now - timedelta(minutes=1)
            if await self._log.count_in_chat(inbound.chat_id, since) >= (
                self._limits.chat_replies_per_minute
            ):
                return False
        return True

    async def _repeat_pointer(self, inbound: Inbound, slug: str) -> str | None:
        """A link to the same card posted in this chat within the repeat window, if any."""
        if not self._limits.repeat_window_seconds:
            return None
        since = self._clock.now() - timedelta(seconds=self._limits.repeat_window_seconds)
        earlier = await self._log.latest_answer(inbound.chat_id, slug, since)
        if earlier is None or not earlier["reply_message_id"]:
            return None
        return message_link(inbound.chat_id, int(earlier["reply_message_id"]))
