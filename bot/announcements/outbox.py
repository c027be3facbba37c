"""The announcement outbox in SQLite: one row per (announcement, channel, target).

Row life: pending -> claimed (leased to a worker) -> sending (the request is about to leave)
-> sent (message id recorded) | failed (reason recorded) | cancelled; a sent row may carry a
`pending_action` (edit, delete, pin, unpin) that the worker carries out, and ends `deleted`.

Delivery guarantee, precisely: a row recorded as `sent` is never sent again, and every row ends
`sent`, `failed` or `cancelled`. The message id is written in its own transaction as soon as
the channel answers. The one window left is between the channel accepting a send and that
commit: if the process dies there, the row is still `sending`; once its lease expires it is
sent again and flagged `in_doubt` (a second copy is possible for that row only, and the report
says so). A row that was only `claimed` when the process died never left, so taking it again
is safe and is not flagged. A send that timed out after the request was written is retried and
flagged the same way. Telegram's Bot API has no idempotency key, so this at-least-once window
cannot be closed from our side; it is kept to the milliseconds between the answer and the commit
(the worker marks a row `sending` about 10 ms before its request leaves), and to at most the
number of requests in flight (usually one or two at 30 a second).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.announcements.models import (
    AnnouncementContent,
    AnnouncementRecord,
    DeliveryReport,
    OutgoingMessage,
    Target,
)
from bot.clock import Clock, utc_now_iso
from bot.storage import Database

__all__ = ["ACTIONS", "AnnouncementOutbox", "ClaimedDelivery"]

ACTIONS = ("edit", "delete", "pin", "unpin")
_OPEN_STATES = ("pending", "claimed", "sending")


@dataclass(frozen=True)
class ClaimedDelivery:
    """One outbox row leased to a worker: a send, or an action on a sent message."""

    id: int
    announcement_id: int
    channel: str
    target: str
    language: str
    action: str | None  # None: send; else one of ACTIONS
    message_id: str | None
    failures: int
    in_doubt: bool
    pin: bool
    message: OutgoingMessage


class AnnouncementOutbox:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _now(self) -> float:
        return self._clock.now().timestamp()

    # -- announcements ---------------------------------------------------------------------

    async def create(
        self,
        *,
        created_by: int,
        content: AnnouncementContent,
        targets_spec: str,
        targets: Sequence[Target],
        pin: bool,
        silent: bool,
        send_at: float | None = None,
        timezone: str | None = None,
        report_chat_id: int | None = None,
        report_language: str = "en",
    ) -> int:
        """Store an announcement; without `send_at` its deliveries are queued at once."""
        status = "scheduled" if send_at is not None else "queued"
        async with self._db.write() as tx:
            announcement_id = await tx.execute(
                "INSERT INTO announcements (created_by, created_at, status, content_json,"
                " targets, pin, silent, send_at, timezone, queued_at, report_chat_id,"
                " report_language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    created_by,
                    utc_now_iso(self._clock),
                    status,
                    content.to_json(),
                    targets_spec,
                    int(pin),
                    int(silent),
                    send_at,
                    timezone,
                    None if send_at is not None else utc_now_iso(self._clock),
                    report_chat_id,
                    report_language,
                ),
            )
            if send_at is None:
                await _insert_rows(tx, announcement_id, targets)
        return announcement_id

    async def get(self, announcement_id: int) -> AnnouncementRecord | None:
        row = await self._db.fetch_one(
            "SELECT * FROM announcements WHERE id = ?", (announcement_id,)
        )
        return AnnouncementRecord.from_row(row) if row else None

    async def due(self) -> list[AnnouncementRecord]:
        """Scheduled announcements whose time has come."""
        rows = await self._db.fetch_all(
            "SELECT * FROM announcements WHERE status = 'scheduled' AND send_at <= ?"
            " ORDER BY send_at, id",
            (self._now(),),
        )
        return [AnnouncementRecord.from_row(r) for r in rows]

    async def queue_scheduled(self, announcement_id: int, targets: Sequence[Target]) -> bool:
        """Queue a scheduled announcement's deliveries; False if it was not scheduled any more."""
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "UPDATE announcements SET status = 'queued', queued_at = ?"
                " WHERE id = ? AND status = 'scheduled'",
                (utc_now_iso(self._clock), announcement_id),
            )
            if changed:
                await _insert_rows(tx, announcement_id, targets)
        return changed > 0

    async def scheduled(self) -> list[AnnouncementRecord]:
        rows = await self._db.fetch_all(
            "SELECT * FROM announcements WHERE status = 'scheduled' ORDER BY send_at, id"
        )
        return [AnnouncementRecord.from_row(r) for r in rows]

    async def reschedule(self, announcement_id: int, send_at: float, timezone: str) -> bool:
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "UPDATE announcements SET send_at = ?, timezone = ?"
                " WHERE id = ? AND status = 'scheduled'",
                (send_at, timezone, announcement_id),
            )
        return changed > 0

    async def cancel_scheduled(self, announcement_id: int) -> bool:
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "UPDATE announcements SET status = 'cancelled'"
                " WHERE id = ? AND status = 'scheduled'",
                (announcement_id,),
            )
        return changed > 0

    async def request_action(
        self,
        announcement_id: int,
        action: str,
        *,
        content: AnnouncementContent | None = None,
        report_chat_id: int | None = None,
        report_language: str = "en",
    ) -> int:
        """Edit, delete, pin or unpin everywhere the announcement went; return how many rows.

        Rows not sent yet pick up an edit when they are sent; a delete cancels them.
        """
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        async with self._db.write() as tx:
            status = "deleting" if action == "delete" else "queued"
            await tx.execute(
                "UPDATE announcements SET status = ?, reported_at = NULL,"
                " report_chat_id = COALESCE(?, report_chat_id), report_language = ?"
                " WHERE id = ? AND status NOT IN ('scheduled', 'cancelled', 'deleted')",
                (status, report_chat_id, report_language, announcement_id),
            )
            if content is not None:
                await tx.execute(
                    "UPDATE announcements SET content_json = ? WHERE id = ?",
                    (content.to_json(), announcement_id),
                )
            if action == "delete":
                await tx.execute(
                    "UPDATE announcement_outbox SET status = 'cancelled', lease_until = NULL"
                    " WHERE announcement_id = ? AND status IN ('pending', 'claimed')",
                    (announcement_id,),
                )
            if action == "pin":
                await tx.execute(
                    "UPDATE announcements SET pin = 1 WHERE id = ?", (announcement_id,)
                )
            changed = await tx.execute_rowcount(
                "UPDATE announcement_outbox SET pending_action = ?, action_error = NULL,"
                " next_attempt_at = 0 WHERE announcement_id = ? AND status = 'sent'",
                (action, announcement_id),
            )
        return changed

    # -- the worker's side -----------------------------------------------------------------

    async def claim(
        self, worker_id: str, limit: int, lease_seconds: float
    ) -> list[ClaimedDelivery]:
        """Lease up to `limit` due rows to `worker_id`, oldest first.

        Takes pending rows that are due, rows whose claim expired (a worker died), and sent
        rows with an action waiting. An expired `sending` row may have reached the channel, so
        it comes back flagged `in_doubt`.
        """
        now = self._now()
        async with self._db.write() as tx:
            rows = await tx.fetch_all(
                "SELECT o.*, a.content_json, a.pin AS a_pin, a.silent AS a_silent"
                " FROM announcement_outbox o JOIN announcements a ON a.id = o.announcement_id"
                " WHERE (o.status = 'pending' AND o.next_attempt_at <= ?)"
                " OR (o.status IN ('claimed', 'sending') AND o.lease_until < ?)"
                " OR (o.status = 'sent' AND o.pending_action IS NOT NULL"
                "     AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?))"
                " ORDER BY o.next_attempt_at, o.id LIMIT ?",
                (now, now, now, now, limit),
            )
            if not rows:
                return []
            ids = [int(r["id"]) for r in rows]
            marks = ",".join("?" for _ in ids)
            await tx.execute(
                "UPDATE announcement_outbox SET in_doubt = 1"
                f" WHERE id IN ({marks}) AND status = 'sending'",
                ids,
            )
            await tx.execute(
                "UPDATE announcement_outbox SET lease_until = ?, claimed_by = ?,"
                " status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'claimed' END"
                f" WHERE id IN ({marks})",
                (now + lease_seconds, worker_id, *ids),
            )
        contents: dict[int, AnnouncementContent] = {}
        claimed = []
        for row in rows:
            announcement_id = int(row["announcement_id"])
            content = contents.get(announcement_id)
            if content is None:
                content = contents[announcement_id] = AnnouncementContent.from_json(
                    str(row["content_json"])
                )
            is_action = row["status"] == "sent"
            claimed.append(
                ClaimedDelivery(
                    id=int(row["id"]),
                    announcement_id=announcement_id,
                    channel=str(row["channel"]),
                    target=str(row["target"]),
                    language=str(row["language"]),
                    action=str(row["pending_action"]) if is_action else None,
                    message_id=row["message_id"],
                    failures=int(row["failures"]),
                    in_doubt=bool(row["in_doubt"]) or row["status"] == "sending",
                    pin=bool(row["a_pin"]),
                    message=content.message_for(
                        str(row["language"]),
                        silent=bool(row["a_silent"]),
                        key=f"announcement:{announcement_id}:{row['language']}",
                    ),
                )
            )
        return claimed

    async def mark_sending(self, row_id: int) -> None:
        """The request is about to leave: from now on a crash leaves this row in doubt."""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE announcement_outbox SET status = 'sending' WHERE id = ?", (row_id,)
            )

    async def record_sent(self, row_id: int, message_id: str, *, pin: bool) -> None:
        """Record the channel's message id at once; queue the pin (or a delete, if the
        announcement was taken back while this send was in flight)."""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE announcement_outbox SET status = 'sent', message_id = ?, sent_at = ?,"
                " lease_until = NULL, error = NULL, next_attempt_at = 0,"
                " pending_action = CASE"
                "   WHEN (SELECT status FROM announcements WHERE id = announcement_id)"
                "        IN ('deleting', 'deleted') THEN 'delete'"
                "   WHEN ? THEN 'pin' ELSE NULL END"
                " WHERE id = ?",
                (message_id, utc_now_iso(self._clock), int(pin), row_id),
            )

    async def record_retry(
        self,
        delivery: ClaimedDelivery,
        at: float,
        error: str,
        *,
        count_failure: bool,
        maybe_delivered: bool = False,
    ) -> None:
        """Put the row back for a later attempt (the send or action did not happen, or may
        have: `maybe_delivered` flags the row in doubt)."""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE announcement_outbox SET next_attempt_at = ?, lease_until = NULL,"
                " error = ?, failures = failures + ?,"
                " in_doubt = CASE WHEN ? THEN 1 ELSE in_doubt END,"
                " status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'pending' END"
                " WHERE id = ?",
                (at, error, int(count_failure), int(maybe_delivered), delivery.id),
            )

    async def release(self, deliveries: Iterable[ClaimedDelivery], at: float) -> None:
        """Give back claimed rows that were not tried (stopping, pacing); no failure counted."""
        ids = [d.id for d in deliveries]
        if not ids:
            return
        marks = ",".join("?" for _ in ids)
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE announcement_outbox SET lease_until = NULL,"
                " next_attempt_at = CASE WHEN next_attempt_at > ? THEN next_attempt_at ELSE ? END,"
                " status = CASE WHEN status = 'claimed' THEN 'pending' ELSE status END"
                f" WHERE id IN ({marks}) AND status IN ('claimed', 'sent')",
                (at, at, *ids),
            )

    async def record_failed(self, delivery: ClaimedDelivery, reason: str) -> None:
        """A permanent failure: the send is given up, or the action is dropped with a reason."""
        async with self._db.write() as tx:
            if delivery.action is None:
                await tx.execute(
                    "UPDATE announcement_outbox SET status = 'failed', error = ?,"
                    " lease_until = NULL WHERE id = ?",
                    (reason, delivery.id),
                )
            else:
                await tx.execute(
                    "UPDATE announcement_outbox SET pending_action = NULL, action_error = ?,"
                    " lease_until = NULL WHERE id = ?",
                    (f"{delivery.action}: {reason}", delivery.id),
                )

    async def record_action_done(self, delivery: ClaimedDelivery) -> None:
        sets = {
            "edit": "",
            "delete": ", status = 'deleted', pinned = 0",
            "pin": ", pinned = 1",
            "unpin": ", pinned = 0",
        }[delivery.action or "edit"]
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE announcement_outbox SET pending_action = NULL, action_error = NULL,"
                f" lease_until = NULL{sets} WHERE id = ?",
                (delivery.id,),
            )

    async def finish(self) -> list[AnnouncementRecord]:
        """Close announcements with no work left; return those whose report is now due."""
        async with self._db.write() as tx:
            busy = (
                "SELECT 1 FROM announcement_outbox o WHERE o.announcement_id = announcements.id"
                " AND (o.status IN ('pending', 'claimed', 'sending')"
                " OR o.pending_action IS NOT NULL)"
            )
            await tx.execute(
                "UPDATE announcements SET status = CASE status WHEN 'deleting' THEN 'deleted'"
                f" ELSE 'done' END WHERE status IN ('queued', 'deleting') AND NOT EXISTS ({busy})"
            )
            rows = await tx.fetch_all(
                "SELECT * FROM announcements WHERE status IN ('done', 'deleted')"
                " AND reported_at IS NULL AND report_chat_id IS NOT NULL"
            )
            if rows:
                ids = [int(r["id"]) for r in rows]
                marks = ",".join("?" for _ in ids)
                await tx.execute(
                    f"UPDATE announcements SET reported_at = ? WHERE id IN ({marks})",
                    (utc_now_iso(self._clock), *ids),
                )
        return [AnnouncementRecord.from_row(r) for r in rows]

    # -- reading ---------------------------------------------------------------------------

    async def report(self, announcement_id: int) -> DeliveryReport | None:
        record = await self.get(announcement_id)
        if record is None:
            return None
        rows = await self._db.fetch_all(
            "SELECT channel, target, status, error, in_doubt, action_error"
            " FROM announcement_outbox WHERE announcement_id = ? ORDER BY id",
            (announcement_id,),
        )
        counts: dict[str, int] = {}
        for row in rows:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
        failures = [
            (str(r["channel"]), str(r["target"]), str(r["error"] or "unknown"))
            for r in rows
            if r["status"] == "failed"
        ] + [
            (str(r["channel"]), str(r["target"]), str(r["action_error"]))
            for r in rows
            if r["action_error"]
        ]
        return DeliveryReport(
            announcement_id=announcement_id,
            status=record.status,
            total=len(rows),
            sent=counts.get("sent", 0),
            pending=sum(counts.get(s, 0) for s in _OPEN_STATES),
            failed=counts.get("failed", 0),
            deleted=counts.get("deleted", 0),
            in_doubt=sum(1 for r in rows if r["in_doubt"]),
            failures=tuple(failures),
        )

    async def deliveries(self, announcement_id: int) -> list[dict[str, Any]]:
        return await self._db.fetch_all(
            "SELECT * FROM announcement_outbox WHERE announcement_id = ? ORDER BY id",
            (announcement_id,),
        )


async def _insert_rows(tx: Any, announcement_id: int, targets: Sequence[Target]) -> None:
    # The UNIQUE constraint with DO NOTHING: enqueueing twice adds nothing.
    await tx.executemany(
        "INSERT INTO announcement_outbox (announcement_id, channel, target, language)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (announcement_id, channel, target) DO NOTHING",
        [(announcement_id, t.channel, t.ref, t.language) for t in targets],
    )
