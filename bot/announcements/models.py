"""Plain data for announcements: what is said, to whom, and how each delivery ended."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "AnnouncementContent",
    "AnnouncementRecord",
    "DeliveryReport",
    "LinkButton",
    "OutgoingMessage",
    "Target",
]

DEFAULT_CHANNEL = "telegram"


@dataclass(frozen=True)
class LinkButton:
    text: str
    url: str


@dataclass(frozen=True)
class OutgoingMessage:
    """One language version as a channel sends it: HTML text (a caption with a photo)."""

    html: str
    photo: str | None = None  # a channel file reference (Telegram file_id)
    buttons: tuple[LinkButton, ...] = ()
    silent: bool = False
    # Which delivery this is ("announcement:42:en"), the same on every retry: a channel that
    # must not post twice (X threads) keys its own records on it. None outside the outbox.
    key: str | None = None


@dataclass(frozen=True)
class AnnouncementContent:
    """Every language version of one announcement; `versions` maps "en"/"zh" to HTML."""

    versions: dict[str, str]
    photo: str | None = None
    buttons: tuple[LinkButton, ...] = ()

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError("an announcement needs at least one version")

    @property
    def default_language(self) -> str:
        return next(iter(self.versions))

    def message_for(
        self, language: str, *, silent: bool, key: str | None = None
    ) -> OutgoingMessage:
        """The version in `language`, or the first version when there is none in it."""
        html = self.versions.get(language) or self.versions[self.default_language]
        return OutgoingMessage(html, self.photo, self.buttons, silent, key)

    def to_json(self) -> str:
        return json.dumps(
            {
                "versions": self.versions,
                "photo": self.photo,
                "buttons": [[b.text, b.url] for b in self.buttons],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> AnnouncementContent:
        data: dict[str, Any] = json.loads(text)
        return cls(
            versions=dict(data["versions"]),
            photo=data.get("photo"),
            buttons=tuple(LinkButton(str(t), str(u)) for t, u in data.get("buttons", [])),
        )


@dataclass(frozen=True)
class Target:
    """Somewhere an announcement goes: a chat id on Telegram, an account on X."""

    channel: str
    ref: str
    language: str = "en"
    title: str | None = None


@dataclass(frozen=True)
class AnnouncementRecord:
    id: int
    created_by: int
    created_at: str
    status: str  # scheduled | queued | done | cancelled
    content: AnnouncementContent
    targets: str
    pin: bool
    silent: bool
    send_at: float | None
    timezone: str | None
    report_chat_id: int | None
    report_language: str = "en"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AnnouncementRecord:
        return cls(
            id=int(row["id"]),
            created_by=int(row["created_by"]),
            created_at=str(row["created_at"]),
            status=str(row["status"]),
            content=AnnouncementContent.from_json(str(row["content_json"])),
            targets=str(row["targets"]),
            pin=bool(row["pin"]),
            silent=bool(row["silent"]),
            send_at=float(row["send_at"]) if row["send_at"] is not None else None,
            timezone=row["timezone"],
            report_chat_id=row["report_chat_id"],
            report_language=str(row.get("report_language") or "en"),
        )


@dataclass(frozen=True)
class DeliveryReport:
    """Where one announcement stands: counts by state and the reason for every failure."""

    announcement_id: int
    status: str
    total: int
    sent: int
    pending: int
    failed: int
    deleted: int
    in_doubt: int
    failures: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)  # (ch, target, why)

    @property
    def finished(self) -> bool:
        return self.status in {"done", "cancelled"} or (self.total > 0 and self.pending == 0)
