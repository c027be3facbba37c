"""Announcement records and scheduling: what was announced, to whom, when, and its state.

An announcement is `scheduled` (waiting for `send_at`), `queued` (its deliveries are in the
`DeliveryQueue`), `deleting`, `done`, `deleted` or `cancelled`. Its deliveries, their leases and
the delivery guarantee are the queue's (`bot.announcements.delivery_queue`); this book writes
queue rows only through the queue, in its own transactions.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.announcements.delivery_queue import ACTIONS, OPEN_STATES, DeliveryQueue
from bot.announcements.models import (
    AnnouncementContent,
    AnnouncementRecord,
    DeliveryReport,
    Target,
)
from bot.clock import Clock, utc_now_iso
from bot.errors import WrongState
from bot.storage import Database

__all__ = ["AnnouncementBook"]


class AnnouncementBook:
    def __init__(self, db: Database, clock: Clock, queue: DeliveryQueue) -> None:
        self._db = db
        self._clock = clock
        self._queue = queue

    def _now(self) -> float:
        return self._clock.now().timestamp()

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
                await self._queue.enqueue(tx, announcement_id, targets)
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
                await self._queue.enqueue(tx, announcement_id, targets)
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

        Raises `WrongState` (nothing changed) when the announcement is not published, or is
        being deleted or deleted and the action is not a delete.

        Rows not sent yet pick up an edit when they are sent (pending ones are sent with the new
        text, claimed or sending ones are edited after the send); a delete cancels those that
        have not left and deletes the rest once their message id is known.
        """
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        # Checked in this transaction, not only by the caller beforehand: an edit or pin that
        # landed on an announcement being deleted would set it back to `queued` and undo the
        # delete of rows still in flight.
        closed: tuple[str, ...] = ("scheduled", "cancelled", "deleted")
        if action != "delete":
            closed += ("deleting",)
        async with self._db.write() as tx:
            status = "deleting" if action == "delete" else "queued"
            changed = await tx.execute_rowcount(
                "UPDATE announcements SET status = ?, reported_at = NULL,"
                " report_chat_id = COALESCE(?, report_chat_id), report_language = ?"
                f" WHERE id = ? AND status NOT IN ({','.join('?' for _ in closed)})",
                (status, report_chat_id, report_language, announcement_id, *closed),
            )
            if not changed:
                raise WrongState("not published", text_key="announcements.not_published")
            if content is not None:
                await tx.execute(
                    "UPDATE announcements SET content_json = ? WHERE id = ?",
                    (content.to_json(), announcement_id),
                )
            if action in ("pin", "unpin"):
                # Rows sent from now on follow the latest pin or unpin (see record_sent).
                await tx.execute(
                    "UPDATE announcements SET pin = ? WHERE id = ?",
                    (int(action == "pin"), announcement_id),
                )
            return await self._queue.queue_action(tx, announcement_id, action)

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
        rows = await self._queue.deliveries(announcement_id)
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
            pending=sum(counts.get(s, 0) for s in OPEN_STATES),
            failed=counts.get("failed", 0),
            deleted=counts.get("deleted", 0),
            in_doubt=sum(1 for r in rows if r["in_doubt"]),
            failures=tuple(failures),
        )
