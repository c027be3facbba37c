"""The leased delivery queue (the announcement outbox): one row per (announcement, channel,
target), claimed by delivery workers. The announcements themselves: `bot.announcements.book`.

Row life: pending -> claimed (leased to one claim of a worker) -> sending (the request is about
to leave) -> sent (message id recorded) | failed (reason recorded) | cancelled; a sent row may
carry `pending_action`, a short list ("edit,pin", or "delete") that the worker carries out, and
ends `deleted`.

Ownership. Every claim gets a token (`claim_token`, the worker id plus a fresh suffix) and a
lease. `mark_sending` starts a new, longer lease (the send lease, setting
`ANNOUNCEMENT_SEND_LEASE_SECONDS`: more than the longest request the Telegram sender can make:
pool 5 s + connect 5 s + write 10 s + read 10 s), and the
worker renews the leases of every row it still holds while it is alive, so a live worker never
loses a row to a lease expiring under a slow send or a long queue for a send slot. The worker
also never claims a row it still holds. Every outcome (`record_sent`, `record_failed`,
`record_retry`, `record_action_done`, `release`) applies only while the row still carries that
claim's token: a claim whose lease was taken over cannot overwrite the new owner's state.

Moderator actions and rows in flight. A delete cancels rows that have not left (`pending`,
`claimed`; `mark_sending` refuses a row that is no longer claimed by that claim, so a cancelled
row is never sent), and a row that is `sending` gets "delete" queued by `record_sent`. An edit,
pin or unpin asked for while a row is claimed or sending is kept on the row and applied after
the send (`record_sent` keeps an edit that arrived meanwhile and reads pin/unpin from the
announcement at that moment); for a row still pending, an edit simply means the new text is
sent. Once a delete was asked for, an edit, pin or unpin is refused (`WrongState`, checked in
the transaction that would queue it), so it cannot undo the delete. `action_seq` counts
requests: a worker clears the action it carried out only if no new request arrived while it was
in flight (all actions are idempotent, so repeating one is safe).

Edits and X. X posts cannot be edited, and an X thread is planned once: `bot.x`'s ThreadLedger
keeps the first plan, so a retry continues the very thread it began. So an edit changes nothing
on X for a row whose thread was already partly posted: the parts on X stay, and the rest is
still sent from the first plan (the old text); such an edit is neither refused nor reported.
An X row not begun yet is sent with the new text; one already sent gets the edit as an action
that fails `not_supported_on_x`, which the report shows.

Delivery guarantee, precisely: a row recorded as `sent` is never sent again, and every row ends
`sent`, `failed` or `cancelled`. The exactly-once window is the time between the request leaving
and the commit of the message id (`record_sent`, its own short transaction, written as soon as
the channel answers): if the process dies there, the row is still `sending`; once its lease
expires it is sent again and flagged `in_doubt` (a second copy is possible for that row only, and
the report says so). A row that was only `claimed` when the process died never left, so taking
it again is safe and is not flagged. A send that timed out after the request was written is
retried and flagged the same way. Telegram's Bot API has no idempotency key and no way for a bot
to read back a chat's messages, so this window cannot be closed from our side: it is kept to the
request's round trip plus one SQLite commit (the row is marked `sending` about 10 ms before its
request leaves), and to at most the requests in flight (at most the worker's send slots).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.announcements.models import AnnouncementContent, OutgoingMessage, Target
from bot.clock import Clock, utc_now_iso
from bot.storage import Database

__all__ = [
    "ACTIONS",
    "DEFAULT_SEND_LEASE_SECONDS",
    "OPEN_STATES",
    "ClaimedDelivery",
    "DeliveryQueue",
]

ACTIONS = ("edit", "delete", "pin", "unpin")
OPEN_STATES = ("pending", "claimed", "sending")
# A row marked `sending` keeps its lease this long (the worker renews it while it lives): more
# than the longest request the Telegram sender can make (5 + 5 + 10 + 10 s of timeouts).
DEFAULT_SEND_LEASE_SECONDS = 60.0


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
    claim: str = ""  # the claim's token: outcomes apply only while it is still on the row
    action_seq: int = 0  # the row's action_seq when claimed


class DeliveryQueue:
    """The `announcement_outbox` table: the moderator's side queues rows and actions, the
    workers' side claims, leases and records outcomes."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _now(self) -> float:
        return self._clock.now().timestamp()

    # -- the moderator's side (inside the announcement book's transactions) -----------------

    async def enqueue(self, tx: Any, announcement_id: int, targets: Sequence[Target]) -> None:
        """One pending row per target, inside the caller's transaction. The UNIQUE constraint
        with DO NOTHING: enqueueing twice adds nothing."""
        await tx.executemany(
            "INSERT INTO announcement_outbox (announcement_id, channel, target, language)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (announcement_id, channel, target) DO NOTHING",
            [(announcement_id, t.channel, t.ref, t.language) for t in targets],
        )

    async def queue_action(self, tx: Any, announcement_id: int, action: str) -> int:
        """Queue `action` on the rows where a message exists or may be on its way, inside the
        caller's transaction (`AnnouncementBook.request_action`); return how many it touches.

        A delete first cancels the rows that have not left. Pin and unpin on a row that is not
        sent yet are settled by `record_sent` from the announcement's pin flag.
        """
        if action == "delete":
            await tx.execute(
                "UPDATE announcement_outbox SET status = 'cancelled', lease_until = NULL,"
                " claim_token = NULL, pending_action = NULL"
                " WHERE announcement_id = ? AND status IN ('pending', 'claimed')",
                (announcement_id,),
            )
        states: tuple[str, ...] = {
            "edit": ("claimed", "sending", "sent"),
            "delete": ("sending", "sent"),
        }.get(action, ("sent",))
        marks = ",".join("?" for _ in states)
        rows = await tx.fetch_all(
            "SELECT id, pending_action FROM announcement_outbox"
            f" WHERE announcement_id = ? AND status IN ({marks})",
            (announcement_id, *states),
        )
        await tx.executemany(
            "UPDATE announcement_outbox SET pending_action = ?, action_error = NULL,"
            " action_seq = action_seq + 1, next_attempt_at = 0 WHERE id = ?",
            [(_merge_action(r["pending_action"], action), int(r["id"])) for r in rows],
        )
        if action in ("pin", "unpin"):
            in_flight = await tx.fetch_one(
                "SELECT COUNT(*) AS n FROM announcement_outbox WHERE announcement_id = ?"
                " AND status IN ('claimed', 'sending')",
                (announcement_id,),
            )
            return len(rows) + int(in_flight["n"] if in_flight else 0)
        return len(rows)

    # -- the worker's side -----------------------------------------------------------------

    async def claim(
        self,
        worker_id: str,
        limit: int,
        lease_seconds: float,
        *,
        exclude: Collection[int] = (),
    ) -> list[ClaimedDelivery]:
        """Lease up to `limit` due rows to a new claim of `worker_id`, oldest first.

        Takes pending rows that are due, rows whose lease expired (a worker died), and sent
        rows with an action waiting; never the rows in `exclude` (the ones this worker still
        holds). An expired `sending` row may have reached the channel, so it comes back flagged
        `in_doubt`. Rows of an announcement being deleted are cancelled instead of sent.
        """
        now = self._now()
        token = f"{worker_id}:{uuid.uuid4().hex[:12]}"
        held = sorted(set(exclude))
        not_held = f" AND o.id NOT IN ({','.join('?' for _ in held)})" if held else ""
        # Several replicas claim from one PostgreSQL outbox: each locks the rows it takes and
        # skips rows another is taking, so no row goes to two claims. (SQLite's writer lock
        # already lets one claim run at a time.)
        skip_taken = " FOR UPDATE OF o SKIP LOCKED" if self._db.dialect == "postgresql" else ""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE announcement_outbox SET status = 'cancelled', lease_until = NULL,"
                " claim_token = NULL, pending_action = NULL,"
                " in_doubt = CASE WHEN status = 'sending' THEN 1 ELSE in_doubt END"
                " WHERE (status = 'pending' OR (status IN ('claimed', 'sending')"
                "        AND lease_until < ?))"
                " AND announcement_id IN"
                "     (SELECT id FROM announcements WHERE status IN ('deleting', 'deleted'))",
                (now,),
            )
            rows = await tx.fetch_all(
                "SELECT o.*, a.content_json, a.pin AS a_pin, a.silent AS a_silent"
                " FROM announcement_outbox o JOIN announcements a ON a.id = o.announcement_id"
                " WHERE ((o.status = 'pending' AND o.next_attempt_at <= ?)"
                " OR (o.status IN ('claimed', 'sending') AND o.lease_until < ?)"
                " OR (o.status = 'sent' AND o.pending_action IS NOT NULL"
                "     AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?)))"
                f"{not_held}"
                f" ORDER BY o.next_attempt_at, o.id LIMIT ?{skip_taken}",
                (now, now, now, now, *held, limit),
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
            # A send takes the announcement's content as it is now, so an edit that was waiting
            # for this row is already in it.
            await tx.execute(
                "UPDATE announcement_outbox SET lease_until = ?, claimed_by = ?, claim_token = ?,"
                " pending_action = CASE WHEN status = 'sent' THEN pending_action ELSE NULL END,"
                " status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'claimed' END"
                f" WHERE id IN ({marks})",
                (now + lease_seconds, worker_id, token, *ids),
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
            actions = _actions(row["pending_action"]) if is_action else []
            claimed.append(
                ClaimedDelivery(
                    id=int(row["id"]),
                    announcement_id=announcement_id,
                    channel=str(row["channel"]),
                    target=str(row["target"]),
                    language=str(row["language"]),
                    action=actions[0] if actions else None,
                    message_id=row["message_id"],
                    failures=int(row["failures"]),
                    in_doubt=bool(row["in_doubt"]) or row["status"] == "sending",
                    pin=bool(row["a_pin"]),
                    message=content.message_for(
                        str(row["language"]),
                        silent=bool(row["a_silent"]),
                        key=f"announcement:{announcement_id}:{row['language']}",
                    ),
                    claim=token,
                    action_seq=int(row["action_seq"]),
                )
            )
        return claimed

    async def mark_sending(
        self, delivery: ClaimedDelivery, lease_seconds: float = DEFAULT_SEND_LEASE_SECONDS
    ) -> bool:
        """The request is about to leave: from now on a crash leaves this row in doubt.

        False when the row is no longer this claim's to send (a delete cancelled it, or its
        lease was taken over): the caller must not send it.
        """
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "UPDATE announcement_outbox SET status = 'sending', lease_until = ?"
                " WHERE id = ? AND claim_token = ? AND status = 'claimed'",
                (self._now() + lease_seconds, delivery.id, delivery.claim),
            )
        return changed > 0

    async def renew(
        self,
        deliveries: Iterable[ClaimedDelivery],
        lease_seconds: float,
        send_lease_seconds: float = DEFAULT_SEND_LEASE_SECONDS,
    ) -> int:
        """Extend the leases of rows a live worker still holds; return how many it still owns."""
        held = [(d.id, d.claim) for d in deliveries]
        if not held:
            return 0
        now = self._now()
        renewed = 0
        async with self._db.write() as tx:
            for row_id, token in held:
                renewed += await tx.execute_rowcount(
                    "UPDATE announcement_outbox SET lease_until = CASE"
                    "   WHEN status = 'sending' THEN ? ELSE ? END"
                    " WHERE id = ? AND claim_token = ?",
                    (now + send_lease_seconds, now + lease_seconds, row_id, token),
                )
        return renewed

    async def record_sent(self, delivery: ClaimedDelivery, message_id: str) -> bool:
        """Record the channel's message id at once, and what is still to be done to it.

        Then queued: "delete" if the announcement was taken back meanwhile; else an edit that
        arrived while the row was claimed or sending (the message left with the old text), and
        a pin if the announcement is pinned now. Applies while this claim owns the row, or when
        another claim took the row over but has not sent it yet (recording our copy stops that
        second send). False when it did not apply (another claim's request is out: the row was
        flagged in doubt when it was taken over).
        """
        async with self._db.write() as tx:
            row = await tx.fetch_one(
                "SELECT o.status, o.claim_token, o.pending_action, a.status AS a_status,"
                " a.pin AS a_pin FROM announcement_outbox o"
                " JOIN announcements a ON a.id = o.announcement_id WHERE o.id = ?",
                (delivery.id,),
            )
            if row is None:
                return False
            owned = row["status"] == "sending" and row["claim_token"] == delivery.claim
            if not owned and row["status"] != "claimed":
                return False
            if row["a_status"] in ("deleting", "deleted"):
                actions = ["delete"]
            else:
                actions = ["edit"] if "edit" in _actions(row["pending_action"]) else []
                if row["a_pin"]:
                    actions.append("pin")
            await tx.execute(
                "UPDATE announcement_outbox SET status = 'sent', message_id = ?, sent_at = ?,"
                " lease_until = NULL, claim_token = NULL, error = NULL, next_attempt_at = 0,"
                " pending_action = ? WHERE id = ?",
                (message_id, utc_now_iso(self._clock), ",".join(actions) or None, delivery.id),
            )
        return True

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
        have: `maybe_delivered` flags the row in doubt). A send of an announcement that was
        deleted meanwhile is cancelled instead."""
        # Chosen here, not with a bare parameter as a condition: PostgreSQL wants a boolean.
        flag = " in_doubt = 1," if maybe_delivered else ""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE announcement_outbox SET next_attempt_at = ?, lease_until = NULL,"
                f" claim_token = NULL, error = ?, failures = failures + ?,{flag}"
                " status = CASE WHEN status = 'sent' THEN 'sent'"
                "   WHEN (SELECT status FROM announcements WHERE id = announcement_id)"
                "        IN ('deleting', 'deleted') THEN 'cancelled'"
                "   ELSE 'pending' END"
                " WHERE id = ? AND claim_token = ?",
                (at, error, int(count_failure), delivery.id, delivery.claim),
            )

    async def release(self, deliveries: Iterable[ClaimedDelivery], at: float) -> None:
        """Give back claimed rows that were not tried (stopping, pacing); no failure counted."""
        rows = [(at, at, d.id, d.claim) for d in deliveries]
        if not rows:
            return
        async with self._db.write() as tx:
            await tx.executemany(
                "UPDATE announcement_outbox SET lease_until = NULL, claim_token = NULL,"
                " next_attempt_at = CASE WHEN next_attempt_at > ? THEN next_attempt_at ELSE ? END,"
                " status = CASE WHEN status = 'claimed' THEN 'pending' ELSE status END"
                " WHERE id = ? AND claim_token = ? AND status IN ('claimed', 'sent')",
                rows,
            )

    async def record_failed(self, delivery: ClaimedDelivery, reason: str) -> None:
        """A permanent failure: the send is given up, or the action is dropped with a reason."""
        async with self._db.write() as tx:
            if delivery.action is None:
                # No message: nothing left to edit, pin or delete on this row.
                await tx.execute(
                    "UPDATE announcement_outbox SET status = 'failed', error = ?,"
                    " lease_until = NULL, claim_token = NULL, pending_action = NULL"
                    " WHERE id = ? AND claim_token = ?",
                    (reason, delivery.id, delivery.claim),
                )
            else:
                await self._finish_action(
                    tx, delivery, "action_error = ?", (f"{delivery.action}: {reason}",)
                )

    async def record_action_done(self, delivery: ClaimedDelivery) -> None:
        sets = {
            "edit": "action_error = NULL",
            "delete": "action_error = NULL, status = 'deleted', pinned = 0",
            "pin": "action_error = NULL, pinned = 1",
            "unpin": "action_error = NULL, pinned = 0",
        }[delivery.action or "edit"]
        async with self._db.write() as tx:
            await self._finish_action(tx, delivery, sets, ())

    async def _finish_action(
        self, tx: Any, delivery: ClaimedDelivery, sets: str, params: tuple[Any, ...]
    ) -> None:
        """Drop the action carried out from the row's list, unless a request came in while it
        was in flight (then the list stays as the request left it and is carried out again)."""
        row = await tx.fetch_one(
            "SELECT pending_action, action_seq, claim_token FROM announcement_outbox"
            " WHERE id = ?",
            (delivery.id,),
        )
        if row is None or row["claim_token"] != delivery.claim:
            return
        actions = _actions(row["pending_action"])
        if int(row["action_seq"]) == delivery.action_seq and delivery.action in actions:
            actions.remove(delivery.action)
        if delivery.action == "delete":
            actions = []
        await tx.execute(
            f"UPDATE announcement_outbox SET {sets}, pending_action = ?, lease_until = NULL,"
            " claim_token = NULL, next_attempt_at = 0 WHERE id = ?",
            (*params, ",".join(actions) or None, delivery.id),
        )

    async def move_target(self, delivery: ClaimedDelivery, new_target: str) -> bool:
        """The target has a new id (a group became a supergroup): try again there now.

        When the announcement already has a row for the new id, that row delivers there and
        this one is cancelled. False if this claim no longer owns the row.
        """
        async with self._db.write() as tx:
            twin = await tx.fetch_one(
                "SELECT id FROM announcement_outbox"
                " WHERE announcement_id = ? AND channel = ? AND target = ?",
                (delivery.announcement_id, delivery.channel, new_target),
            )
            if twin is not None:
                changed = await tx.execute_rowcount(
                    "UPDATE announcement_outbox SET status = 'cancelled', error = 'chat_migrated',"
                    " lease_until = NULL, claim_token = NULL, pending_action = NULL"
                    " WHERE id = ? AND claim_token = ?",
                    (delivery.id, delivery.claim),
                )
            else:
                changed = await tx.execute_rowcount(
                    "UPDATE announcement_outbox SET target = ?, lease_until = NULL,"
                    " claim_token = NULL, next_attempt_at = 0,"
                    " status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'pending' END"
                    " WHERE id = ? AND claim_token = ?",
                    (new_target, delivery.id, delivery.claim),
                )
        return changed > 0


    # -- reading ---------------------------------------------------------------------------

    async def deliveries(self, announcement_id: int) -> list[dict[str, Any]]:
        return await self._db.fetch_all(
            "SELECT * FROM announcement_outbox WHERE announcement_id = ? ORDER BY id",
            (announcement_id,),
        )


def _actions(value: object) -> list[str]:
    return [a for a in str(value).split(",") if a in ACTIONS] if value else []


def _merge_action(current: object, action: str) -> str:
    """A row's waiting actions after one more request: a delete replaces everything; one edit
    (it sends the text as it is then); the latest of pin and unpin."""
    actions = _actions(current)
    if action == "delete" or "delete" in actions:
        return "delete"
    merged = ["edit"] if action == "edit" or "edit" in actions else []
    last_pin = action if action in ("pin", "unpin") else next(
        (a for a in reversed(actions) if a in ("pin", "unpin")), None
    )
    if last_pin is not None:
        merged.append(last_pin)
    return ",".join(merged)
