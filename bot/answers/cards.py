"""What answers look like: article cards, full guides, suggestions and topic menus.

Everything here is Telegram HTML built from the texts in `content/texts/answers.yaml`; the
service decides when to say it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

from bot.answers.categories import Categories
from bot.answers.knowledge_base import Article, KnowledgeBase, article_link
from bot.messages import Button, Reply
from bot.texts import Texts

__all__ = [
    "TELEGRAM_LIMIT",
    "AnswerCards",
    "escape_html",
    "fit_message",
    "join_soft_wraps",
    "markdown_to_telegram_html",
    "message_link",
]

TELEGRAM_LIMIT = 4096


class AnswerCards:
    """Builds the answer messages; knows the texts, the articles and the categories."""

    def __init__(
        self,
        texts: Texts,
        knowledge_base: KnowledgeBase,
        categories: Categories,
        help_center_base_url: str | None,
    ) -> None:
        self._texts = texts
        self._kb = knowledge_base
        self._categories = categories
        self._help_center = help_center_base_url

    def text(self, key: str, lang: str, *, reply_to: int | None = None, **fields: str) -> Reply:
        return Reply(self._texts.get(key, lang, **fields), reply_to_message_id=reply_to)

    def card_text(self, article: Article, bot_username: str) -> str:
        """Title, summary and a link to the whole guide."""
        link = article_link(article, self._help_center, bot_username)
        return self._texts.get(
            "answers.answer",
            article.lang,
            title=escape_html(article.title),
            summary=escape_html(article.summary),
            link=html.escape(link, quote=True),
        )

    def answer_card(
        self, article: Article, bot_username: str, answer_id: int, reply_to: int | None
    ) -> Reply:
        """The card with 👍/👎 buttons that vote on `answer_id`."""
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
            self.card_text(article, bot_username),
            buttons=(votes,),
            html=True,
            reply_to_message_id=reply_to,
        )

    def full_article(self, article: Article, bot_username: str) -> Reply:
        """The whole guide as one message, cut at a line break if it is too long. Links to
        other guides ("where to go next") open them: on the help center when there is one,
        otherwise through a deep link into the private chat."""

        def href(slug: str) -> str | None:
            target = self._kb.get_any(slug, article.lang)
            return None if target is None else article_link(target, self._help_center, bot_username)

        text = self._texts.get(
            "answers.article_full",
            article.lang,
            title=escape_html(article.title),
            body=markdown_to_telegram_html(article.body, href),
        )
        more = self._texts.get("answers.article_more", article.lang)
        return Reply(fit_message(text, more), html=True)

    def suggestions(self, slugs: tuple[str, ...], lang: str, reply_to: int | None) -> Reply:
        """ "Is it one of these?" with a button per guide (at most three)."""
        rows = []
        for slug in slugs[:3]:
            article = self._kb.get_any(slug, lang)
            if article is not None:
                rows.append((Button(article.title, callback_data=f"art:{slug}:{article.lang}"),))
        return Reply(
            self._texts.get("answers.suggest", lang),
            buttons=tuple(rows),
            reply_to_message_id=reply_to,
        )

    def topics(self, lang: str, *, intro: str = "", reply_to: int | None = None) -> Reply:
        """A button per category; `intro` (e.g. the help text) goes above "Choose a topic"."""
        rows = tuple(
            (Button(self._categories.get(c).name(lang), callback_data=f"faq:{c}:{lang}"),)
            for c in self._categories.ordered(self._kb.categories())
        )
        choose = self._texts.get("answers.faq_intro", lang)
        text = f"{intro}\n\n{choose}" if intro else choose
        return Reply(text, buttons=rows, reply_to_message_id=reply_to)

    def category(self, key: str, lang: str) -> Reply:
        """The guides in one category, and a button back to all topics."""
        category = self._categories.get(key)
        rows = [
            (Button(a.title, callback_data=f"art:{a.slug}:{lang}"),)
            for a in self._kb.by_category(key, lang)
        ]
        rows.append(
            (Button(self._texts.get("answers.faq_back", lang), callback_data=f"faq::{lang}"),)
        )
        text = self._texts.get(
            "answers.faq_category",
            lang,
            category=escape_html(category.name(lang)),
            description=escape_html(category.description(lang)),
        )
        return Reply(text, buttons=tuple(rows), html=True)


def message_link(chat_id: int, message_id: int) -> str | None:
    """A t.me link to a message in a supergroup (basic groups have none)."""
    text = str(chat_id)
    if not text.startswith("-100"):
        return None
    return f"https://t.me/c/{text[4:]}/{message_id}"


def fit_message(text: str, tail: str) -> str:
    """`text` and `tail` within Telegram's message size, cutting `text` at a line break."""
    full = f"{text}\n\n{tail}"
    if len(full) <= TELEGRAM_LIMIT:
        return full
    cut = text[: TELEGRAM_LIMIT - len(tail) - 10].rsplit("\n", 1)[0]
    return f"{cut}\n…\n\n{tail}"


# Lines that start a new block even without a blank line before them.
_BLOCK_START = re.compile(r"^(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\|)")
_LINK = re.compile(r"\[([^\]]+)\]\(slug:([a-z0-9-]+)\)")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")


def join_soft_wraps(markdown: str) -> list[str]:
    """The display lines of hard-wrapped Markdown: one per paragraph, list item or heading.

    A line continues the one before it unless a blank line separates them, it starts a block
    (heading, list item, quote, table row), the one before is a heading, or the one before
    ends in a Markdown hard break (two spaces or a backslash). Blank lines are kept, one each.
    """
    lines: list[str] = []
    hard_break = True
    for raw in markdown.strip().splitlines():
        line = raw.strip()
        if not line:
            if lines and lines[-1]:
                lines.append("")
            hard_break = True
            continue
        if hard_break or _BLOCK_START.match(line) or lines[-1].startswith("#"):
            lines.append(line.rstrip("\\").rstrip())
        else:
            lines[-1] = _join(lines[-1], line.rstrip("\\").rstrip())
        hard_break = raw.endswith(("  ", "\\"))
    return lines


def _join(left: str, right: str) -> str:
    # Chinese and other wide scripts are written without spaces between words.
    if _is_wide(left[-1]) or _is_wide(right[0]):
        return left + right
    return f"{left} {right}"


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def markdown_to_telegram_html(
    markdown: str, href: Callable[[str], str | None] | None = None
) -> str:
    """The article's small Markdown subset as Telegram HTML (headings, bold, lists, links).

    `href(slug)` gives the URL of a link to another article (`[title](slug:x)`); without it,
    or when it returns None (no such article), the link becomes its plain title.
    """

    def link(found: re.Match[str]) -> str:
        url = href(found.group(2)) if href is not None else None
        if url is None:
            return found.group(1)
        return f'<a href="{html.escape(url, quote=True)}">{found.group(1)}</a>'

    out = []
    for line in join_soft_wraps(markdown):
        escaped = escape_html(line)
        escaped = _BOLD.sub(r"<b>\1</b>", escaped)
        escaped = _LINK.sub(link, escaped)
        if escaped.startswith("#"):
            escaped = f"<b>{escaped.lstrip('#').strip()}</b>"
        elif escaped.startswith(("- ", "* ", "+ ")):
            escaped = f"• {escaped[2:]}"
        out.append(escaped)
    return "\n".join(out)


def escape_html(text: str) -> str:
    """Escape text for Telegram HTML: only <, > and & matter outside attributes."""
    return html.escape(text, quote=False)
