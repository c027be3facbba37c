"""`AnnouncementService`: the one entry point handlers and the command line use.

Every action checks the actor's role by numeric user id, writes the audit log, and leaves the
sending to the outbox worker.
"""

from __future__ import annotations

from bot.announcements.audit import CLI_ACTOR, SYSTEM_ACTOR, AuditLog
from bot.announcements.book import AnnouncementBook
from bot.announcements.channels import Sender
from bot.announcements.compose import Draft
from bot.announcements.delivery_queue import DeliveryQueue
from bot.announcements.models import (
    DEFAULT_CHANNEL,
    AnnouncementContent,
    AnnouncementRecord,
    DeliveryReport,
    Target,
)
from bot.announcements.pacing import PaceLimits
from bot.announcements.roles import RoleBook
from bot.announcements.targets import TargetDirectory
from bot.announcements.worker import DeliveryWorker
from bot.clock import Clock
from bot.errors import InvalidInput, NotFound, WrongState

__all__ = ["AnnouncementService"]


class AnnouncementService:
    def __init__(
        self,
        *,
        roles: RoleBook,
        targets: TargetDirectory,
        book: AnnouncementBook,
        queue: DeliveryQueue,
        audit: AuditLog,
        worker: DeliveryWorker | None,
        clock: Clock,
        seed_moderator_ids: tuple[int, ...] = (),
    ) -> None:
        self._seed_ids = seed_moderator_ids
        self.roles = roles
        self.targets = targets
        self.book = book
        self.queue = queue
        self.audit = audit
        self.worker = worker
        self._clock = clock

    def add_channel(
        self, channel: str, sender: Sender, target: Target, pace: PaceLimits | None = None
    ) -> None:
        """Another channel (X): its sender, its one target in "all", and its pace."""
        if self.worker is not None:
            self.worker.add_channel(channel, sender, pace)
        self.targets.add_channel_target(target)

    async def start(self, moderator_ids: tuple[int, ...] = ()) -> None:
        """Seed moderators from settings, then start delivering (a `BackgroundWorker`)."""
        await self.roles.seed(moderator_ids or self._seed_ids)
        if self.worker is not None:
            await self.worker.start()

    async def stop(self) -> None:
        if self.worker is not None:
            await self.worker.stop()

    async def preview_targets(self, actor_id: int | None, spec: str) -> list[Target]:
        await self.roles.require_moderator(actor_id)
        return await self.targets.resolve(spec)

    async def publish(
        self,
        actor_id: int | None,
        draft: Draft,
        *,
        report_chat_id: int | None = None,
        report_language: str = "en",
        operator: bool = False,
    ) -> int:
        """Queue the draft now, or store it for its scheduled time; return its id.

        `operator` is the command line on the server: trusted, recorded as actor 0.
        """
        actor = CLI_ACTOR if operator else await self.roles.require_moderator(actor_id)
        content = draft.content()
        targets: list[Target] = []
        if draft.send_at is None:
            targets = await self.targets.resolve(draft.targets_spec)
            if not targets:
                raise InvalidInput("no targets", text_key="announcements.no_targets")
        elif draft.send_at <= self._clock.now().timestamp():
            raise InvalidInput("time in the past", text_key="announcements.invalid_when_past")
        announcement_id = await self.book.create(
            created_by=actor,
            content=content,
            targets_spec=draft.targets_spec,
            targets=targets,
            pin=draft.pin,
            silent=draft.silent,
            send_at=draft.send_at,
            timezone=draft.timezone,
            report_chat_id=report_chat_id,
            report_language=report_language,
        )
        action = "announcement_schedule" if draft.send_at is not None else "announcement_publish"
        detail = f"targets={draft.targets_spec} rows={len(targets)} pin={draft.pin}"
        await self.audit.record(actor, action, announcement_id, detail)
        self._wake()
        return announcement_id

    async def scheduled(self, actor_id: int | None) -> list[AnnouncementRecord]:
        await self.roles.require_moderator(actor_id)
        return await self.book.scheduled()

    async def reschedule(
        self, actor_id: int | None, announcement_id: int, send_at: float, timezone: str
    ) -> None:
        actor = await self.roles.require_moderator(actor_id)
        if not await self.book.reschedule(announcement_id, send_at, timezone):
            raise WrongState("not scheduled", text_key="announcements.not_scheduled")
        await self.audit.record(actor, "announcement_reschedule", announcement_id, str(send_at))

    async def cancel(self, actor_id: int | None, announcement_id: int) -> None:
        actor = await self.roles.require_moderator(actor_id)
        if not await self.book.cancel_scheduled(announcement_id):
            raise WrongState("not scheduled", text_key="announcements.not_scheduled")
        await self.audit.record(actor, "announcement_cancel", announcement_id)

    async def edit(
        self,
        actor_id: int | None,
        announcement_id: int,
        html: str,
        *,
        language: str | None = None,
        report_chat_id: int | None = None,
        report_language: str = "en",
    ) -> int:
        """Change one version's text everywhere it went; return how many messages change."""
        actor = await self.roles.require_moderator(actor_id)
        record = await self._published(announcement_id)
        versions = dict(record.content.versions)
        lang = language or record.content.default_language
        if lang not in versions:
            raise InvalidInput("no such version", text_key="announcements.invalid_language")
        versions[lang] = html
        content = AnnouncementContent(versions, record.content.photo, record.content.buttons)
        count = await self.book.request_action(
            announcement_id,
            "edit",
            content=content,
            report_chat_id=report_chat_id,
            report_language=report_language,
        )
        await self.audit.record(actor, "announcement_edit", announcement_id, f"language={lang}")
        self._wake()
        return count

    async def act(
        self,
        actor_id: int | None,
        announcement_id: int,
        action: str,
        *,
        report_chat_id: int | None = None,
        report_language: str = "en",
    ) -> int:
        """Delete, pin or unpin everywhere; return how many messages it touches."""
        actor = await self.roles.require_moderator(actor_id)
        await self._published(announcement_id)
        count = await self.book.request_action(
            announcement_id,
            action,
            report_chat_id=report_chat_id,
            report_language=report_language,
        )
        await self.audit.record(actor, f"announcement_{action}", announcement_id)
        self._wake()
        return count

    async def chat_migrated(
        self, old_chat_id: int, new_chat_id: int, actor_id: int | None = None
    ) -> None:
        """Telegram says a group became a supergroup: its target moves to the new chat id.

        No role is checked: only Telegram sends this service message. `actor_id` is the user
        who upgraded the group when Telegram names one; the audit entry says the bot otherwise.
        """
        await self.targets.migrate(
            DEFAULT_CHANNEL,
            str(old_chat_id),
            str(new_chat_id),
            actor_id=SYSTEM_ACTOR if actor_id is None else actor_id,
        )

    async def report(self, actor_id: int | None, announcement_id: int) -> DeliveryReport:
        await self.roles.require_moderator(actor_id)
        report = await self.book.report(announcement_id)
        if report is None:
            raise NotFound("no such announcement")
        return report

    async def _published(self, announcement_id: int) -> AnnouncementRecord:
        record = await self.book.get(announcement_id)
        if record is None:
            raise NotFound("no such announcement")
        if record.status in {"scheduled", "cancelled", "deleting", "deleted"}:
            raise WrongState("not published", text_key="announcements.not_published")
        return record

    def _wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()
