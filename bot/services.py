"""The services container: built once in `bot.app`, reached by handlers via the context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.announcements import AnnouncementService
from bot.answers.service import AnswerService
from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.desk import SupportDesk
from bot.impersonation.service import ImpersonationGuard
from bot.operations import BeaconMetrics, UpdateLedger
from bot.privacy_guard import PrivacyService
from bot.privacy_guard.images import ImageGuard
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts
from privacy import PrivacyScanner

__all__ = ["BackgroundWorker", "Services"]


class BackgroundWorker(Protocol):
    """A loop that runs beside the handlers (outbox delivery, X polling, ...)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass
class Services:
    settings: Settings
    db: Database
    texts: Texts
    clock: Clock
    chats: ChatDirectory
    # One Presidio-based scanner for every feature that must spot private data.
    scanner: PrivacyScanner
    answers: AnswerService
    privacy: PrivacyService
    # Photos and image documents: read off the event loop, then the privacy guard decides.
    privacy_images: ImageGuard
    desk: SupportDesk
    announcements: AnnouncementService
    impersonation: ImpersonationGuard
    # Each update once across replicas; what /metrics reports.
    updates: UpdateLedger
    metrics: BeaconMetrics
    # Started after the application starts, stopped (in reverse order) before storage closes.
    workers: list[BackgroundWorker] = field(default_factory=list)

    async def start_workers(self) -> None:
        for worker in self.workers:
            await worker.start()

    async def close(self) -> None:
        for worker in reversed(self.workers):
            await worker.stop()
        await self.db.close()
