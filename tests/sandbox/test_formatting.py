"""parse_mode parsing and command/mention entities, as tables of named cases."""

from __future__ import annotations

import pytest

from sandbox.errors import ApiError
from sandbox.formatting import parse_formatted
from sandbox.payloads import compute_entities

PARSED = [
    ("plain", "no markup", None, "no markup", []),
    ("html bold", "<b>Hi</b> there", "HTML", "Hi there", [("bold", 0, 2)]),
    ("html escapes", "a &lt;b&gt; &amp; c", "HTML", "a <b> & c", []),
    ("html link", '<a href="https://x.io">site</a>', "HTML", "site", [("text_link", 0, 4)]),
    ("html nested", "<b><i>x</i>y</b>", "HTML", "xy", [("bold", 0, 2), ("italic", 0, 1)]),
    ("html emoji utf16", "😀<u>z</u>", "HTML", "😀z", [("underline", 2, 1)]),
    ("mdv2 bold italic", "*b* _i_", "MarkdownV2", "b i", [("bold", 0, 1), ("italic", 2, 1)]),
    ("mdv2 escapes", "1\\.5\\!", "MarkdownV2", "1.5!", []),
    ("mdv2 underline", "__u__", "MarkdownV2", "u", [("underline", 0, 1)]),
    ("mdv2 code", "`a.b`", "MarkdownV2", "a.b", [("code", 0, 3)]),
    ("md link", "[go](https://x.io)", "Markdown", "go", [("text_link", 0, 2)]),
    ("md legacy dot", "1.5 *ok*", "Markdown", "1.5 ok", [("bold", 4, 2)]),
]


@pytest.mark.parametrize(
    ("text", "mode", "plain", "expected"),
    [case[1:] for case in PARSED],
    ids=[case[0] for case in PARSED],
)
def test_parse_formatted(
    text: str, mode: str | None, plain: str, expected: list[tuple[str, int, int]]
) -> None:
    result, entities = parse_formatted(text, mode)
    assert result == plain
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == expected


REJECTED = [
    ("html unknown tag", "<blink>x</blink>", "HTML", "Unsupported start tag"),
    ("html unclosed", "<b>x", "HTML", "can't find end tag"),
    ("html crossed", "<b><i>x</b></i>", "HTML", "Unmatched end tag"),
    ("mdv2 reserved dot", "Fee 0.1%", "MarkdownV2", "Character '.' is reserved"),
    ("mdv2 unclosed bold", "*bold", "MarkdownV2", "Can't find end of Bold entity"),
    ("md unclosed", "_x", "Markdown", "Can't find end of the entity"),
    ("unknown mode", "x", "BBCode", "unsupported parse_mode"),
]


@pytest.mark.parametrize(
    ("text", "mode", "message"),
    [case[1:] for case in REJECTED],
    ids=[case[0] for case in REJECTED],
)
def test_parse_formatted_rejects(text: str, mode: str, message: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_formatted(text, mode)
    assert caught.value.code == 400
    assert message in caught.value.description


ENTITIES = [
    ("command", "/start", [("bot_command", 0, 6)]),
    ("command with bot", "/help@beacon_bot now", [("bot_command", 0, 16)]),
    ("mention", "ask @support_team", [("mention", 4, 13)]),
    ("both", "/ask @alice_x", [("bot_command", 0, 4), ("mention", 5, 8)]),
    ("not a path", "see a/b or http://x/y", []),
    ("email is not a mention", "mail me@example.org", []),
    ("utf16 offsets", "😀 /start", [("bot_command", 3, 6)]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in ENTITIES], ids=[case[0] for case in ENTITIES]
)
def test_compute_entities(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert [(e["type"], e["offset"], e["length"]) for e in compute_entities(text)] == expected
