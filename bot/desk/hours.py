"""Working hours: whether agents are at their desks now, and when they will be next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.settings import parse_support_hours

__all__ = ["HoursStatus", "SupportHours"]


@dataclass(frozen=True)
class HoursStatus:
    open: bool
    opens_at: datetime | None  # local time when closed; None when open


class SupportHours:
    """A daily window such as "09:00-21:00" in a time zone; "24/7" is always open.

    A window whose end is before its start ("22:00-06:00") runs past midnight.
    """

    def __init__(self, hours: str, timezone: str, first_response_minutes: int) -> None:
        self.window = parse_support_hours(hours)
        self.hours = hours.strip()
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.first_response_minutes = first_response_minutes

    def status(self, now: datetime) -> HoursStatus:
        if self.window is None:
            return HoursStatus(True, None)
        start, end = self.window
        local = now.astimezone(self.zone)
        minute = local.hour * 60 + local.minute
        inside = start <= minute < end if start < end else (minute >= start or minute < end)
        if inside:
            return HoursStatus(True, None)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        opens = midnight + timedelta(minutes=start)
        if opens <= local:
            opens += timedelta(days=1)
        return HoursStatus(False, opens)
