"""Official announcements: roles, targets, composing, the outbox, paced delivery, scheduling."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from bot.announcements.audit import CLI_ACTOR, SYSTEM_ACTOR, AuditEntry, AuditLog
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
from bot.announcements.models import (
    AnnouncementContent,
    AnnouncementRecord,
    DeliveryReport,
    LinkButton,
    OutgoingMessage,
    Target,
)
from bot.announcements.outbox import AnnouncementOutbox, ClaimedDelivery
from bot.announcements.pacing import PaceLimits, SendPacer
from bot.announcements.report import render_report
from bot.announcements.roles import RoleBook
from bot.announcements.service import AnnouncementService
from bot.announcements.targets import TargetDirectory, parse_targets_spec
from bot.announcements.worker import DeliveryWorker, Notifier, TargetResolver
from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.storage import Database

__all__ = [
    "CLI_ACTOR",
    "SYSTEM_ACTOR",
    "AnnouncementContent",
    "AnnouncementOutbox",
    "AnnouncementRecord",
    "AnnouncementService",
    "AuditEntry",
    "AuditLog",
    "ClaimedDelivery",
    "DeliveryError",
    "DeliveryReport",
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
) -> AnnouncementService:
    """Wire the announcement parts; `with_worker=False` for the command line (enqueue only)."""
    audit = AuditLog(db, clock)
    targets = TargetDirectory(db, clock, chats, audit)
    outbox = AnnouncementOutbox(db, clock)
    worker = (
        DeliveryWorker(
            outbox,
            senders or SenderRegistry(),
            targets,
            clock,
            notifier=notifier,
            pace=pace,
            pace_clock=pace_clock,
        )
        if with_worker
        else None
    )
    return AnnouncementService(
        roles=RoleBook(db, clock, audit, owner_ids),
        targets=targets,
        outbox=outbox,
        audit=audit,
        worker=worker,
        clock=clock,
        seed_moderator_ids=moderator_ids,
    )
