"""Composing an announcement step by step in a private chat, and parsing what moderators type.

The conversation is a small state machine over a `Draft`; the Telegram handler feeds it the
moderator's messages and renders what it asks for. Nothing here knows Telegram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.announcements.models import AnnouncementContent, LinkButton
from bot.announcements.targets import parse_targets_spec
from bot.errors import InvalidInput

__all__ = [
    "STEPS",
    "Draft",
    "DraftBook",
    "parse_buttons",
    "parse_options",
    "parse_when",
]

# The order of the questions; "preview" waits for Confirm or Cancel.
STEPS = ("content", "buttons", "translation", "targets", "options", "when", "preview", "edit")
MAX_BUTTONS = 6
_WHEN = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{1,2}:\d{2})(?:\s+(?P<zone>\S+))?$")
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
    """ "now", or "YYYY-MM-DD HH:MM [Area/City]" in the future -> (epoch seconds, zone)."""
    value = " ".join(text.split())
    if value.lower() in {"now", "现在", "立即"}:
        return None, default_zone
    match = _WHEN.match(value)
    if match is None:
        raise InvalidInput("bad time", text_key="announcements.invalid_when")
    zone_name = match["zone"] or default_zone
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("bad zone", text_key="announcements.invalid_zone") from None
    try:
        local = datetime.strptime(f"{match['date']} {match['time']}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput("bad date", text_key="announcements.invalid_when") from None
    moment = local.replace(tzinfo=zone)
    if moment <= now:
        raise InvalidInput("time in the past", text_key="announcements.invalid_when_past")
    if moment - now > timedelta(days=366):
        raise InvalidInput("too far ahead", text_key="announcements.invalid_when_far")
    return moment.timestamp(), zone_name
