"""Parsing what moderators type, and the draft's steps."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.announcements import (
    Draft,
    LinkButton,
    describe_when,
    parse_buttons,
    parse_options,
    parse_targets_spec,
    parse_when,
)
from bot.errors import InvalidInput
from bot.texts import Texts
from handlers.telegram.announcement_common import when_text

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected_utc", "zone"),
    [
        ("2026-12-01 09:00 Asia/Shanghai", "2026-12-01T01:00:00+00:00", "Asia/Shanghai"),
        ("2026-12-01 09:00", "2026-12-01T09:00:00+00:00", "UTC"),
        ("2026-12-01T09:00 Europe/London", "2026-12-01T09:00:00+00:00", "Europe/London"),
        ("2027-07-01  09:30   America/New_York", "2027-07-01T13:30:00+00:00", "America/New_York"),
    ],
)
def test_when_in_a_time_zone(text: str, expected_utc: str, zone: str) -> None:
    send_at, found_zone = parse_when(text, NOW)
    assert send_at is not None
    assert datetime.fromtimestamp(send_at, UTC).isoformat() == expected_utc
    assert found_zone == zone


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("tomorrow", "announcements.invalid_when"),
        ("2026-02-30 09:00", "announcements.invalid_when"),
        ("2026-12-01 09:00 Mars/Olympus", "announcements.invalid_zone"),
        ("2026-11-26 11:59 UTC", "announcements.invalid_when_past"),
        ("2028-01-01 00:00 UTC", "announcements.invalid_when_far"),
    ],
)
def test_bad_times_are_explained(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, NOW)
    assert caught.value.text_key == key


def test_now() -> None:
    assert parse_when(" NOW ", NOW) == (None, "UTC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trade | https://nova.example/trade",
            (LinkButton("Trade", "https://nova.example/trade"),),
        ),
        (
            "A | https://a.example\n\nB|tg://resolve?domain=nova",
            (LinkButton("A", "https://a.example"), LinkButton("B", "tg://resolve?domain=nova")),
        ),
    ],
)
def test_buttons(text: str, expected: tuple[LinkButton, ...]) -> None:
    assert parse_buttons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Trade https://x.example",
        "| https://x.example",
        "A | javascript:alert(1)",
        "",
        "\n".join(["A | https://a.example"] * 7),
    ],
)
def test_bad_buttons(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_buttons(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pin", (True, False)),
        ("silent", (False, True)),
        ("pin silent", (True, True)),
        ("none", (False, False)),
        ("置顶 静默", (True, True)),
    ],
)
def test_options(text: str, expected: tuple[bool, bool]) -> None:
    assert parse_options(text) == expected


@pytest.mark.parametrize("text", ["", "loud", "pin, loud"])
def test_bad_options(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_options(text)


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("all", "all"),
        (" ALL ", "all"),
        ("zh-groups", "set:zh-groups"),
        ("-1001, -1002", "ids:-1001,-1002"),
        ("all+x", "all+x"),
        ("zh-groups + X", "set:zh-groups+x"),
        ("-1001,-1002+x", "ids:-1001,-1002+x"),
        ("x", "x"),
    ],
)
def test_targets_spec(text: str, spec: str) -> None:
    assert parse_targets_spec(text) == spec


@pytest.mark.parametrize("text", ["", "zh groups!", "-100a", "+", "all+y"])
def test_bad_targets_spec(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_targets_spec(text)


def test_draft_walks_the_steps() -> None:
    draft = Draft().with_content("<b>Hi</b>", "en", None)
    assert draft.step == "buttons" and draft.missing_language == "zh"
    draft = draft.with_buttons(()).with_translation("<b>你好</b>").with_targets("all")
    draft = draft.with_options(True, False).with_when(None, None)
    assert draft.step == "preview"
    content = draft.content()
    assert content.message_for("zh", silent=False).html == "<b>你好</b>"
    assert content.message_for("en", silent=True).silent


def test_empty_content_is_refused() -> None:
    with pytest.raises(InvalidInput):
        Draft().with_content("  ", "en", None)


# -- time zones: daylight saving, spellings, offsets ----------------------------------------


def test_a_time_skipped_by_daylight_saving_is_refused_with_the_reason() -> None:
    # 2027-03-14: New York jumps from 02:00 to 03:00, so 02:30 never happens.
    with pytest.raises(InvalidInput) as caught:
        parse_when("2027-03-14 02:30 America/New_York", NOW)
    assert caught.value.text_key == "announcements.invalid_when_gap"
    assert caught.value.fields == {"time": "2027-03-14 02:30", "zone": "America/New_York"}
    text = Texts.load("Nova").get(caught.value.text_key, "en", **caught.value.fields)
    assert "2027-03-14 02:30 does not exist in America/New_York" in text


def test_a_time_that_happens_twice_is_the_first_and_shows_its_offset() -> None:
    # 2027-11-07: New York goes back from 02:00 to 01:00, so 01:30 happens twice.
    send_at, zone = parse_when("2027-11-07 01:30 America/New_York", NOW)
    assert send_at is not None and zone == "America/New_York"
    assert datetime.fromtimestamp(send_at, UTC).isoformat() == "2027-11-07T05:30:00+00:00"
    assert describe_when(send_at, zone) == ("2027-11-07 01:30", "-04:00", True)
    shown = when_text(Texts.load("Nova"), "en", send_at, zone)
    assert shown.startswith("2027-11-07 01:30 America/New_York (UTC-04:00") and "twice" in shown
    assert "UTC-04:00" in when_text(Texts.load("Nova"), "zh", send_at, zone)


def test_an_ordinary_time_shows_the_offset_used() -> None:
    send_at, zone = parse_when("2026-12-01 09:00 Asia/Shanghai", NOW)
    assert send_at is not None
    shown = when_text(Texts.load("Nova"), "en", send_at, zone)
    assert shown == "2026-12-01 09:00 Asia/Shanghai (UTC+08:00)"


@pytest.mark.parametrize(
    ("text", "expected_utc", "zone"),
    [
        ("2026-12-01 09:00 asia/shanghai", "2026-12-01T01:00:00+00:00", "Asia/Shanghai"),
        ("2026-12-01 09:00 AMERICA/NEW_YORK", "2026-12-01T14:00:00+00:00", "America/New_York"),
        ("2026-12-01 09:00 utc", "2026-12-01T09:00:00+00:00", "UTC"),
        ("2026-12-01 09:00 +08:00", "2026-12-01T01:00:00+00:00", "UTC+08:00"),
        ("2026-12-01 09:00 UTC+8", "2026-12-01T01:00:00+00:00", "UTC+08:00"),
        ("2026-12-01 09:00 utc-5", "2026-12-01T14:00:00+00:00", "UTC-05:00"),
        ("2026-12-01 09:00 GMT+05:30", "2026-12-01T03:30:00+00:00", "UTC+05:30"),
        ("2026-12-01 09:00 UTC+0", "2026-12-01T09:00:00+00:00", "UTC"),
    ],
)
def test_zone_spellings_and_offsets(text: str, expected_utc: str, zone: str) -> None:
    send_at, found_zone = parse_when(text, NOW)
    assert send_at is not None
    assert datetime.fromtimestamp(send_at, UTC).isoformat() == expected_utc
    assert found_zone == zone
    # What is stored reads back the same way (the scheduled list, a move).
    assert describe_when(send_at, found_zone)[0] == text.split()[0] + " 09:00"


@pytest.mark.parametrize("zone", ["UTC+15", "+08:75", "Mars/Olympus", "asia/shang_hai"])
def test_bad_zones_are_explained(zone: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(f"2026-12-01 09:00 {zone}", NOW)
    assert caught.value.text_key == "announcements.invalid_zone"
