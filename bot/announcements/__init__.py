"""Official announcements: roles, targets, composing, records and scheduling (the book), the
leased delivery queue, paced delivery."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from bot.announcements.audit import CLI_ACTOR, SYSTEM_ACTOR, AuditEntry, AuditLog
from bot.announcements.book import AnnouncementBook
from bot.announcements.channels import (
    DeliveryError,
    PermanentFailure,
    RetryLater,
    Sender,
    SenderRegistry,
    TargetMoved,
    TransientFailure,
)
from bot.announcements.compose import (
    Draft,
    DraftBook,
    describe_when,
    parse_buttons,
    parse_options,
    parse_when,
    resolve_zone,
)
from bot.announcements.delivery_queue import ClaimedDelivery, DeliveryQueue
from bot.announcements.models import (
    AnnouncementContent,
    AnnouncementRecord,
    DeliveryReport,
    LinkButton,
    OutgoingMessage,
    Target,
)
from bot.announcements.pacing import PaceLimits, SendPacer
from bot.announcements.report import render_report
from bot.announcements.roles import RoleBook
from bot.announcements.service import AnnouncementService
from bot.announcements.targets import TargetDirectory, parse_targets_spec
from bot.announcements.worker import DeliveryTiming, DeliveryWorker, Notifier, TargetResolver
from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.storage import Database

__all__ = [
    "CLI_ACTOR",
    "SYSTEM_ACTOR",
    "AnnouncementBook",
    "AnnouncementContent",
    "AnnouncementRecord",
    "AnnouncementService",
    "AuditEntry",
    "AuditLog",
    "ClaimedDelivery",
    "DeliveryError",
    "DeliveryQueue",
    "DeliveryReport",
    "DeliveryTiming",
    "DeliveryWorker",
    "Draft",
    "DraftBook",
    "LinkButton",
    "Notifier",
    "OutgoingMessage",
    "PaceLimits",
    "PermanentFailure",
    "RetryLater",
    "RoleBook",
    "SendPacer",
    "Sender",
    "SenderRegistry",
    "Target",
    "TargetDirectory",
    "TargetMoved",
    "TargetResolver",
    "TransientFailure",
    "build_announcement_service",
    "describe_when",
    "parse_buttons",
    "parse_options",
    "parse_targets_spec",
    "parse_when",
    "render_report",
    "resolve_zone",
]


def build_announcement_service(
    db: Database,
    clock: Clock,
    chats: ChatDirectory,
    *,
    owner_ids: tuple[int, ...],
    moderator_ids: tuple[int, ...],
    senders: SenderRegistry | None = None,
    notifier: Notifier | None = None,
    with_worker: bool = True,
    pace: Mapping[str, PaceLimits] | None = None,
    pace_clock: Callable[[], float] = time.monotonic,
    timing: DeliveryTiming | None = None,
    staff_chat_ids: tuple[int, ...] = (),
) -> AnnouncementService:
    """Wire the announcement parts; `with_worker=False` for the command line (enqueue only)."""
    timing = timing or DeliveryTiming()
    audit = AuditLog(db, clock)
    targets = TargetDirectory(db, clock, chats, audit, staff_chat_ids=staff_chat_ids)
    queue = DeliveryQueue(db, clock)
    book = AnnouncementBook(db, clock, queue)
    worker = (
        DeliveryWorker(
            book,
            queue,
            senders or SenderRegistry(),
            targets,
            clock,
            notifier=notifier,
            pace=pace,
            pace_clock=pace_clock,
            lease_seconds=timing.claim_lease_seconds,
            send_lease_seconds=timing.send_lease_seconds,
            poll_seconds=timing.poll_seconds,
        )
        if with_worker
        else None
    )
    return AnnouncementService(
        roles=RoleBook(db, clock, audit, owner_ids),
        targets=targets,
        book=book,
        queue=queue,
        audit=audit,
        worker=worker,
        clock=clock,
        seed_moderator_ids=moderator_ids,
    )
