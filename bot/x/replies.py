"""Decide what Beacon says under a public mention: a privacy warning, a help article, or nothing.

The same matcher and thresholds as on Telegram; the privacy scanner runs first, and a warning
never repeats the private text (it is built from texts and links only).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.answers.knowledge_base import Article
from bot.answers.matcher import Match
from bot.language import detect_language
from bot.texts import Texts
from bot.x.client import Mention
from bot.x.thread import fits_in_tweet

__all__ = [
    "ArticleLookup",
    "MentionReply",
    "MentionResponder",
    "QuestionMatcher",
    "SecretDetector",
    "is_addressed",
    "question_text",
]

ReplyKind = Literal["answered", "suggested", "warned"]

_HANDLE = re.compile(r"(?<![\w@])@\w{1,15}\b")
_LEADING_HANDLES = re.compile(r"^\s*(?:@\w{1,15}\s+)+")


class QuestionMatcher(Protocol):
    """`bot.answers.Matcher`: a question -> answer / suggest / decline."""

    def match(self, text: str) -> Match:
        """For a question addressed to the bot."""
        ...

    def match_unprompted(self, text: str) -> Match:
        """For a post nobody addressed to the bot: answer only when confident."""
        ...


class ArticleLookup(Protocol):
    """`bot.answers.KnowledgeBase`: an article by slug, in a language if it exists."""

    def get_any(self, slug: str, lang: str) -> Article | None: ...


class ScanOutcome(Protocol):
    @property
    def private(self) -> bool: ...

    @property
    def critical(self) -> bool: ...


class SecretDetector(Protocol):
    """`privacy.PrivacyScanner`: does a text hold private data?"""

    def scan(self, text: str) -> ScanOutcome: ...


@dataclass(frozen=True, slots=True)
class MentionReply:
    kind: ReplyKind
    text: str
    lang: str


def question_text(text: str) -> str:
    """The mention without @handles (the bot's own and those of a reply chain)."""
    return " ".join(_HANDLE.sub(" ", text).split())


def is_addressed(mention: Mention, own_username: str) -> bool:
    """Was the bot asked? A new post naming it, or a reply that names it in its own words.

    X starts a reply with the handles of the conversation, so a reply under one of the bot's
    announcements "mentions" the bot without anyone asking it anything.
    """
    if mention.in_reply_to_user_id is None:
        return True
    body = _LEADING_HANDLES.sub("", mention.text, count=1)
    return f"@{own_username.lower()}" in body.lower()


class MentionResponder:
    """Turns a mention into the reply to post, or None when the bot should stay quiet."""

    def __init__(
        self,
        *,
        matcher: QuestionMatcher,
        articles: ArticleLookup,
        scanner: SecretDetector,
        texts: Texts,
        link_for: Callable[[Article], str],
        contact_link: str,
    ) -> None:
        self._matcher = matcher
        self._articles = articles
        self._scanner = scanner
        self._texts = texts
        self._link_for = link_for
        self._contact_link = contact_link

    def respond(self, mention: Mention, own_username: str) -> MentionReply | None:
        handle = f"@{mention.author_username}" if mention.author_username else ""
        question = question_text(mention.text)
        scan = self._scanner.scan(mention.text)
        if scan.private:
            lang = detect_language(question, mention.lang)
            key = "x.privacy_warning_critical" if scan.critical else "x.privacy_warning"
            text = self._texts.get(key, lang, mention=handle, link=self._contact_link)
            return MentionReply("warned", text.strip(), lang)
        if not question:
            return None
        if is_addressed(mention, own_username):
            match = self._matcher.match(question)
        else:
            match = self._matcher.match_unprompted(question)
        if match.decision == "answer" and match.article is not None:
            return self._article_reply("answered", "x.answer", match.article, handle)
        if match.decision == "suggest" and match.suggestions:
            article = self._articles.get_any(match.suggestions[0], match.lang)
            if article is not None:
                return self._article_reply("suggested", "x.suggest", article, handle)
        return None

    def _article_reply(
        self, kind: ReplyKind, key: str, article: Article, handle: str
    ) -> MentionReply | None:
        link = self._link_for(article)
        for variant, fields in (
            (key, {"title": article.title}),
            (f"{key}_short", {}),
        ):
            text = self._texts.get(variant, article.lang, mention=handle, link=link, **fields)
            if fits_in_tweet(text.strip()):
                return MentionReply(kind, text.strip(), article.lang)
        return None
