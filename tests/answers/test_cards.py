"""Answer rendering: Markdown to Telegram HTML, soft-wrapped lines, message size, links."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bot.answers import Matcher
from bot.answers.cards import (
    TELEGRAM_LIMIT,
    fit_message,
    join_soft_wraps,
    markdown_to_telegram_html,
    message_link,
)

SOFT_WRAPS = [
    (
        "paragraph joined",
        "Losing the phone is\nstressful but fixable.",
        ["Losing the phone is stressful but fixable."],
    ),
    ("blank line separates paragraphs", "One.\n\nTwo\nthree.", ["One.", "", "Two three."]),
    ("several blank lines count once", "One.\n\n\n\nTwo.", ["One.", "", "Two."]),
    ("heading starts and ends a line", "Intro\n## Steps\nFirst", ["Intro", "## Steps", "First"]),
    (
        "list items start lines",
        "Prepare:\n- a\n- b\n* c\n+ d",
        ["Prepare:", "- a", "- b", "* c", "+ d"],
    ),
    ("numbered items start lines", "1. Open\n2. Tap\n10) Done", ["1. Open", "2. Tap", "10) Done"]),
    (
        "indented continuation joins its item",
        "1. **Freeze the\n   account**, now.\n2. Next",
        ["1. **Freeze the account**, now.", "2. Next"],
    ),
    (
        "chinese joins without a space",
        "存着身份验证器的手机\n丢了确实让人着急",
        ["存着身份验证器的手机丢了确实让人着急"],
    ),
    ("latin next to chinese joins without a space", "做KYC\n时用过的证件", ["做KYC时用过的证件"]),
    ("two trailing spaces keep the break", "Line one  \nline two", ["Line one", "line two"]),
    ("backslash keeps the break", "Line one\\\nline two", ["Line one", "line two"]),
    (
        "quote and table rows start lines",
        "Text\n> quoted\n| a | b |",
        ["Text", "> quoted", "| a | b |"],
    ),
    ("surrounding blank lines dropped", "\n\n  Text  \n\n", ["Text"]),
    (
        "bold line then text joins",
        "**If you saved the key**\n\n1. Install",
        ["**If you saved the key**", "", "1. Install"],
    ),
]


@pytest.mark.parametrize(
    ("markdown", "lines"), [c[1:] for c in SOFT_WRAPS], ids=[c[0] for c in SOFT_WRAPS]
)
def test_join_soft_wraps(markdown: str, lines: list[str]) -> None:
    assert join_soft_wraps(markdown) == lines


TO_HTML = [
    ("heading", "## Steps", "<b>Steps</b>"),
    (
        "bullet, bold, link, escape",
        "- **Open** the [app](slug:find-uid) <now>",
        "• <b>Open</b> the app &lt;now&gt;",
    ),
    (
        "bold across a wrap",
        "Tap **Profile >\nSecurity** now.",
        "Tap <b>Profile &gt; Security</b> now.",
    ),
    (
        "paragraphs and lists",
        "Intro that wraps\nhere.\n\n## What to prepare\n\n- Your UID,\n  email or phone.\n- Times.",
        "Intro that wraps here.\n\n<b>What to prepare</b>\n\n• Your UID, email or phone.\n• Times.",
    ),
    ("ampersand", "Deposits & withdrawals", "Deposits &amp; withdrawals"),
]


@pytest.mark.parametrize(
    ("markdown", "html"), [c[1:] for c in TO_HTML], ids=[c[0] for c in TO_HTML]
)
def test_markdown_to_telegram_html(markdown: str, html: str) -> None:
    assert markdown_to_telegram_html(markdown) == html


def test_no_article_line_is_broken_mid_sentence(matcher: Matcher) -> None:
    """A line that starts in lower case right under another line is a leftover source wrap."""
    for article in matcher.knowledge_base:
        lines = markdown_to_telegram_html(article.body).splitlines()
        for before, line in pairwise(lines):
            assert not (before and line[:1].islower()), (article.path.name, line)


def test_fit_message_cuts_at_a_line_break() -> None:
    assert fit_message("short", "tail") == "short\n\ntail"
    long = "\n".join(f"line {n} " + "x" * 90 for n in range(100))
    fitted = fit_message(long, "Still need help?")
    assert len(fitted) <= TELEGRAM_LIMIT
    assert fitted.endswith("x\n…\n\nStill need help?")


@pytest.mark.parametrize(
    ("chat_id", "message_id", "link"),
    [(-100555, 9, "https://t.me/c/555/9"), (-555, 9, None), (7, 1, None)],
)
def test_message_link(chat_id: int, message_id: int, link: str | None) -> None:
    assert message_link(chat_id, message_id) == link
