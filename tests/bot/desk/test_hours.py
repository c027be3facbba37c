"""Working hours: open or closed at a moment, and when agents are back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.desk import SupportHours


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "hours", "zone", "now", "is_open", "opens_at"),
    [
        ("always open", "24/7", "UTC", utc(4, 3), True, None),
        ("inside the window", "09:00-21:00", "UTC", utc(4, 10), True, None),
        ("at the opening minute", "09:00-21:00", "UTC", utc(4, 9), True, None),
        ("at the closing minute", "09:00-21:00", "UTC", utc(4, 21), False, "2026-03-05 09:00"),
        ("before opening", "09:00-21:00", "UTC", utc(4, 7, 30), False, "2026-03-04 09:00"),
        ("after closing", "09:00-21:00", "UTC", utc(4, 23), False, "2026-03-05 09:00"),
        # 10:00 UTC is 18:00 in Shanghai: open; 14:00 UTC is 22:00 there: closed.
        ("in the desk's zone", "09:00-21:00", "Asia/Shanghai", utc(4, 10), True, None),
        (
            "closed in the desk's zone",
            "09:00-21:00",
            "Asia/Shanghai",
            utc(4, 14),
            False,
            "2026-03-05 09:00",
        ),
        ("overnight window, late", "22:00-06:00", "UTC", utc(4, 23), True, None),
        ("overnight window, early", "22:00-06:00", "UTC", utc(4, 5), True, None),
        ("overnight window, day", "22:00-06:00", "UTC", utc(4, 12), False, "2026-03-04 22:00"),
    ],
)
def test_status(
    name: str, hours: str, zone: str, now: datetime, is_open: bool, opens_at: str | None
) -> None:
    status = SupportHours(hours, zone, 30).status(now)
    assert status.open is is_open, name
    shown = status.opens_at.strftime("%Y-%m-%d %H:%M") if status.opens_at else None
    assert shown == opens_at, name
