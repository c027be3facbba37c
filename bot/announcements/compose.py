"""Composing an announcement step by step in a private chat, and parsing what moderators type.

The conversation is a small state machine over a `Draft`; the Telegram handler feeds it the
moderator's messages and renders what it asks for. Nothing here knows Telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.announcements.models import AnnouncementContent, LinkButton
from bot.announcements.targets import parse_targets_spec
from bot.errors import InvalidInput

__all__ = [
    "STEPS",
    "Draft",
    "DraftBook",
    "describe_when",
    "parse_buttons",
    "parse_options",
    "parse_when",
    "resolve_zone",
]

# The order of the questions; "preview" waits for Confirm or Cancel.
STEPS = ("content", "buttons", "translation", "targets", "options", "when", "preview", "edit")
MAX_BUTTONS = 6
_WHEN = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{1,2}:\d{2})(?:\s+(?P<zone>\S+))?$")
# "+08:00", "+8", "-0530", "UTC+8", "GMT-05:00"
_OFFSET = re.compile(
    r"^(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$", re.IGNORECASE
)
_URL = re.compile(r"^(https?|tg)://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    step: str = "content"
    versions: dict[str, str] = field(default_factory=dict)  # language -> HTML
    photo: str | None = None
    buttons: tuple[LinkButton, ...] = ()
    targets_spec: str = "all"
    pin: bool = False
    silent: bool = False
    send_at: float | None = None  # epoch seconds; None = now
    timezone: str | None = None
    edit_id: int | None = None  # step "edit": the announcement whose text is being replaced
    edit_language: str | None = None

    @property
    def first_language(self) -> str | None:
        return next(iter(self.versions), None)

    @property
    def missing_language(self) -> str:
        return "zh" if self.first_language == "en" else "en"

    def content(self) -> AnnouncementContent:
        return AnnouncementContent(dict(self.versions), self.photo, self.buttons)

    def with_content(self, html: str, language: str, photo: str | None) -> Draft:
        if not html.strip() and photo is None:
            raise InvalidInput("empty announcement", text_key="announcements.invalid_content")
        return replace(self, versions={language: html}, photo=photo, step="buttons")

    def with_buttons(self, buttons: tuple[LinkButton, ...]) -> Draft:
        return replace(self, buttons=buttons, step="translation")

    def with_translation(self, html: str | None) -> Draft:
        versions = dict(self.versions)
        if html:
            versions[self.missing_language] = html
        return replace(self, versions=versions, step="targets")

    def with_targets(self, text: str) -> Draft:
        return replace(self, targets_spec=parse_targets_spec(text), step="options")

    def with_options(self, pin: bool, silent: bool) -> Draft:
        return replace(self, pin=pin, silent=silent, step="when")

    def with_when(self, send_at: float | None, timezone: str | None) -> Draft:
        return replace(self, send_at=send_at, timezone=timezone, step="preview")


class DraftBook:
    """Open drafts by moderator, in memory: an unfinished draft does not survive a restart."""

    def __init__(self) -> None:
        self._drafts: dict[int, Draft] = {}

    def open(self, user_id: int) -> Draft:
        draft = self._drafts[user_id] = Draft()
        return draft

    def get(self, user_id: int) -> Draft | None:
        return self._drafts.get(user_id)

    def put(self, user_id: int, draft: Draft) -> None:
        self._drafts[user_id] = draft

    def close(self, user_id: int) -> Draft | None:
        return self._drafts.pop(user_id, None)

    def is_open(self, user_id: int) -> bool:
        return user_id in self._drafts


def parse_buttons(text: str) -> tuple[LinkButton, ...]:
    """One button per line: "Label | https://link"."""
    buttons = []
    for line in text.splitlines():
        if not line.strip():
            continue
        label, sep, url = line.rpartition("|")
        label, url = label.strip(), url.strip()
        if not sep or not label or not _URL.match(url):
            raise InvalidInput("bad button", text_key="announcements.invalid_buttons")
        buttons.append(LinkButton(label[:64], url))
    if not buttons or len(buttons) > MAX_BUTTONS:
        raise InvalidInput("bad buttons", text_key="announcements.invalid_buttons")
    return tuple(buttons)


def parse_options(text: str) -> tuple[bool, bool]:
    """(pin, silent) from words such as "pin silent", "pin", "none"."""
    words = set(re.split(r"[\s,]+", text.strip().lower())) - {""}
    allowed = {"pin", "silent", "none", "置顶", "静默", "无"}
    if not words or words - allowed:
        raise InvalidInput("bad options", text_key="announcements.invalid_options")
    return bool(words & {"pin", "置顶"}), bool(words & {"silent", "静默"})


def parse_when(text: str, now: datetime, default_zone: str = "UTC") -> tuple[float | None, str]:
    """ "now", or "YYYY-MM-DD HH:MM [zone]" in the future -> (epoch seconds, zone name).

    The zone is an IANA name in any case ("asia/shanghai"), "UTC", or an offset ("+08:00",
    "UTC+8", "GMT-5"). A local time that does not exist in the zone (the hour skipped when
    daylight saving starts) is refused; one that happens twice (the hour repeated when it ends)
    means the first of the two, and `describe_when` shows the UTC offset used.
    """
    value = " ".join(text.split())
    if value.lower() in {"now", "现在", "立即"}:
        return None, default_zone
    match = _WHEN.match(value)
    if match is None:
        raise InvalidInput("bad time", text_key="announcements.invalid_when")
    zone, zone_name = resolve_zone(match["zone"] or default_zone)
    try:
        local = datetime.strptime(f"{match['date']} {match['time']}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput("bad date", text_key="announcements.invalid_when") from None
    moment = local.replace(tzinfo=zone, fold=0)
    if not _exists(moment):
        raise InvalidInput(
            "no such local time",
            text_key="announcements.invalid_when_gap",
            time=f"{local:%Y-%m-%d %H:%M}",
            zone=zone_name,
        )
    if moment <= now:
        raise InvalidInput("time in the past", text_key="announcements.invalid_when_past")
    if moment - now > timedelta(days=366):
        raise InvalidInput("too far ahead", text_key="announcements.invalid_when_far")
    return moment.timestamp(), zone_name


def resolve_zone(name: str) -> tuple[tzinfo, str]:
    """A time zone and its canonical name from what a moderator typed (or what was stored)."""
    text = name.strip()
    if text.upper() in {"UTC", "GMT", "Z"}:
        return UTC, "UTC"
    offset = _OFFSET.match(text)
    if offset is not None:
        hours, minutes = int(offset["hours"]), int(offset["minutes"] or 0)
        if hours > 14 or minutes >= 60:
            raise InvalidInput("bad offset", text_key="announcements.invalid_zone")
        delta = timedelta(hours=hours, minutes=minutes)
        if offset["sign"] == "-":
            delta = -delta
        if not delta:
            return UTC, "UTC"
        return timezone(delta), "UTC" + _format_offset(delta)
    canonical = _zone_names().get(text.lower())
    if canonical is None:
        raise InvalidInput("bad zone", text_key="announcements.invalid_zone")
    try:
        return ZoneInfo(canonical), canonical
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("bad zone", text_key="announcements.invalid_zone") from None


def describe_when(send_at: float, zone_name: str | None) -> tuple[str, str, bool]:
    """(local "YYYY-MM-DD HH:MM", UTC offset "+08:00", whether that local time happens twice
    in the zone) for showing a scheduled time back to the moderator."""
    try:
        zone, _ = resolve_zone(zone_name or "UTC")
    except InvalidInput:
        zone = UTC
    moment = datetime.fromtimestamp(send_at, zone)
    offset = moment.utcoffset() or timedelta(0)
    other = moment.replace(fold=1 - moment.fold).utcoffset()
    return f"{moment:%Y-%m-%d %H:%M}", _format_offset(offset), other != offset


def _exists(moment: datetime) -> bool:
    """False for a wall time in a daylight-saving gap: it does not survive a round trip."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """Every IANA zone name by its lower-case spelling (from the system or `tzdata`)."""
    return {name.lower(): name for name in available_timezones()}
