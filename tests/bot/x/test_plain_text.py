"""Announcement HTML as X text: markup gone, links kept as URLs, entities unescaped."""

from __future__ import annotations

import pytest

from bot.announcements.models import LinkButton, OutgoingMessage
from bot.x import announcement_text, html_to_text


@pytest.mark.parametrize(
    ("name", "html", "expected"),
    [
        ("plain", "Deposits are open.", "Deposits are open."),
        (
            "formatting dropped",
            "<b>Maintenance</b> at <i>02:00</i> UTC",
            "Maintenance at 02:00 UTC",
        ),
        ("entities", "Fees &lt; 1% &amp; no limits", "Fees < 1% & no limits"),
        (
            "link label and URL",
            'Read <a href="https://acme.example/n/1">the notice</a>.',
            "Read the notice https://acme.example/n/1.",
        ),
        (
            "bare link once",
            '<a href="https://a.example">https://a.example</a>',
            "https://a.example",
        ),
        ("telegram-only link dropped", '<a href="tg://user?id=1">Ann</a>', "Ann"),
        ("line breaks kept", "Line one\n\n<b>Line two</b>  \n", "Line one\n\nLine two"),
        ("br", "a<br>b", "a\nb"),
    ],
)
def test_html_to_text(name: str, html: str, expected: str) -> None:
    assert html_to_text(html) == expected, name


def test_buttons_become_lines_and_the_photo_is_left_out() -> None:
    message = OutgoingMessage(
        "<b>New listing</b>",
        photo="AgACAgIAAxkBAAI",
        buttons=(LinkButton("Trade now", "https://acme.example/t"),),
    )
    assert announcement_text(message) == "New listing\n\nTrade now: https://acme.example/t"
