"""Announcement tests: real SQLite in tmp_path, a clock the test moves, a scripted channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.announcements import (
    AnnouncementService,
    DeliveryReport,
    OutgoingMessage,
    PaceLimits,
    SenderRegistry,
    build_announcement_service,
)
from bot.chats import ChatDirectory
from bot.storage import Database

OWNER = 1
MODERATOR = 2
STRANGER = 3
FAST = PaceLimits(per_second=10_000, per_target_interval=0)


class MovableClock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@dataclass
class ScriptedSender:
    """A channel that records every call; `script[target]` lists errors to raise first."""

    script: dict[str, list[Exception]] = field(default_factory=dict)
    sent: list[tuple[str, OutgoingMessage]] = field(default_factory=list)
    actions: list[tuple[str, str, str]] = field(default_factory=list)
    started: bool = False
    next_id: int = 100

    async def start(self) -> None:
        self.started = True

    async def stop(self) -> None:
        self.started = False

    def _maybe_fail(self, target: str) -> None:
        queue = self.script.get(target)
        if queue:
            raise queue.pop(0)

    async def send(self, target: str, message: OutgoingMessage) -> str:
        self._maybe_fail(target)
        self.sent.append((target, message))
        self.next_id += 1
        return str(self.next_id)

    async def edit(self, target: str, message_id: str, message: OutgoingMessage) -> None:
        self._maybe_fail(target)
        self.actions.append(("edit", target, message.html))

    async def delete(self, target: str, message_id: str) -> None:
        self._maybe_fail(target)
        self.actions.append(("delete", target, message_id))

    async def pin(self, target: str, message_id: str, *, silent: bool) -> None:
        self._maybe_fail(target)
        self.actions.append(("pin", target, message_id))

    async def unpin(self, target: str, message_id: str) -> None:
        self._maybe_fail(target)
        self.actions.append(("unpin", target, message_id))

    def copies(self, target: str) -> int:
        return sum(1 for t, _ in self.sent if t == target)


@dataclass
class RecordingNotifier:
    reports: list[tuple[int, DeliveryReport, str]] = field(default_factory=list)

    async def notify(self, chat_id: int, report: DeliveryReport, language: str) -> None:
        self.reports.append((chat_id, report, language))


@dataclass
class World:
    db: Database
    clock: MovableClock
    chats: ChatDirectory
    sender: ScriptedSender
    notifier: RecordingNotifier
    service: AnnouncementService

    async def add_groups(self, *chat_ids: int, language: str = "en") -> None:
        for chat_id in chat_ids:
            await self.chats.record_bot_membership(
                chat_id, "supergroup", f"G{chat_id}", "administrator", can_delete=True, can_pin=True
            )
            if language != "en":
                await self.chats.set_language(chat_id, language)

    def new_worker_service(self) -> AnnouncementService:
        """Another process on the same database (a restart), with its own worker."""
        return _service(self.db, self.clock, self.chats, self.sender, self.notifier)


def _service(
    db: Database,
    clock: MovableClock,
    chats: ChatDirectory,
    sender: ScriptedSender,
    notifier: RecordingNotifier,
) -> AnnouncementService:
    service = build_announcement_service(
        db,
        clock,
        chats,
        owner_ids=(OWNER,),
        moderator_ids=(MODERATOR,),
        senders=SenderRegistry({"telegram": sender}),
        notifier=notifier,
        pace={"telegram": FAST},  # tests do not wait out Telegram's pace
        pace_clock=lambda: clock.now().timestamp(),
    )
    return service


@pytest.fixture
async def world(database_target: Path | str) -> AsyncIterator[World]:
    db = await Database.open(database_target)
    clock = MovableClock()
    chats = ChatDirectory(db, clock)
    sender, notifier = ScriptedSender(), RecordingNotifier()
    service = _service(db, clock, chats, sender, notifier)
    await service.roles.seed((MODERATOR,))
    try:
        yield World(db, clock, chats, sender, notifier, service)
    finally:
        await db.close()
