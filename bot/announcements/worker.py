"""The delivery worker: releases due announcements, claims queued rows, sends them paced.

One loop per bot process. Each pass: queue scheduled announcements whose time has come, lease
a batch of due rows, send each through its channel's `Sender` at the channel's pace (several
requests in flight, so round trips do not lower the rate), record every outcome at once, then
close finished announcements and send their reports. Scheduling needs no timer to re-arm: the
schedule lives in SQLite and every pass looks at it, so a restart simply carries on.

Leases: the worker remembers every row it holds (claimed, waiting for a send slot or the pace,
or in flight) until its outcome is recorded. It never claims those rows again, and a background
task renews their leases every `renew_seconds`, so a live worker keeps its rows however long
they wait or a request takes; only a dead (or frozen) worker's rows are taken over. A row that
did not get as far as its request (a write failed on the way) is released and forgotten at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.announcements.book import AnnouncementBook
from bot.announcements.channels import (
    PermanentFailure,
    RetryLater,
    Sender,
    SenderRegistry,
    TargetMoved,
    TransientFailure,
)
from bot.announcements.delivery_queue import (
    DEFAULT_SEND_LEASE_SECONDS,
    ClaimedDelivery,
    DeliveryQueue,
)
from bot.announcements.models import AnnouncementRecord, DeliveryReport, Target
from bot.announcements.pacing import PaceLimits, SendPacer
from bot.clock import Clock

__all__ = ["DeliveryTiming", "DeliveryWorker", "Notifier", "TargetResolver"]

log = logging.getLogger("beacon.announcements")

MAX_BACKOFF_SECONDS = 300.0


@dataclass(frozen=True)
class DeliveryTiming:
    """The worker's lease and tick lengths (settings `ANNOUNCEMENT_*_SECONDS`)."""

    claim_lease_seconds: float = 30.0
    send_lease_seconds: float = DEFAULT_SEND_LEASE_SECONDS
    poll_seconds: float = 0.5


class TargetResolver(Protocol):
    async def resolve(self, spec: str) -> list[Target]: ...

    async def migrate(self, channel: str, old: str, new: str) -> None:
        """A target now has a new id (a group became a supergroup): register it under it."""
        ...


class Notifier(Protocol):
    """Tells a moderator how an announcement went (a private message on Telegram)."""

    async def notify(self, chat_id: int, report: DeliveryReport, language: str) -> None: ...


class DeliveryWorker:
    def __init__(
        self,
        book: AnnouncementBook,
        queue: DeliveryQueue,
        senders: SenderRegistry,
        targets: TargetResolver,
        clock: Clock,
        *,
        notifier: Notifier | None = None,
        pace: Mapping[str, PaceLimits] | None = None,
        concurrency: int = 16,
        lease_seconds: float = 30.0,
        send_lease_seconds: float = DEFAULT_SEND_LEASE_SECONDS,
        renew_seconds: float | None = None,
        poll_seconds: float = 0.5,
        max_failures: int = 8,
        drain_seconds: float = 15.0,
        jitter: Callable[[], float] = random.random,
        pace_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._book = book
        self._queue = queue
        self._senders = senders
        self._targets = targets
        self._clock = clock
        self._notifier = notifier
        self._pace = dict(pace or {})
        self._pacers: dict[str, SendPacer] = {}
        self._concurrency = concurrency
        self._slots = asyncio.Semaphore(concurrency)
        self._lease = lease_seconds
        self._send_lease = send_lease_seconds
        self._renew_every = renew_seconds or min(lease_seconds, send_lease_seconds) / 3
        self._poll = poll_seconds
        self._max_failures = max_failures
        self._drain_seconds = drain_seconds
        self._jitter = jitter
        self._pace_clock = pace_clock
        self.worker_id = f"worker-{uuid.uuid4().hex[:12]}"
        self._inflight: set[asyncio.Task[None]] = set()
        # Rows this worker holds, by id, from claim until their outcome is recorded.
        self._held: dict[int, ClaimedDelivery] = {}
        self._renewer: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        for sender in self._senders.values():
            await sender.start()
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="announcement-worker")
        self._renewer = asyncio.create_task(self._renew_leases(), name="announcement-leases")

    async def stop(self) -> None:
        """Stop taking work; let sends in flight finish (bounded), then close the senders."""
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, self._drain_seconds + 5)
            except TimeoutError:
                log.warning("announcement worker did not stop in time")
            self._task = None
        if self._renewer is not None:
            # Only now: the sends drained above kept their leases while they finished.
            self._renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewer
            self._renewer = None
        for sender in self._senders.values():
            await sender.stop()

    def add_channel(self, channel: str, sender: Sender, pace: PaceLimits | None = None) -> None:
        """Register another channel's sender (before `start`)."""
        self._senders.register(channel, sender)
        if pace is not None:
            self._pace[channel] = pace

    def wake(self) -> None:
        """New work was queued in this process: look now instead of at the next poll."""
        self._wake.set()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                claimed = await self.run_once()
            except Exception:
                log.exception("announcement worker pass failed")
                claimed = 0
            if claimed:
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll)
        await self.drain()

    async def _renew_leases(self) -> None:
        while True:
            await asyncio.sleep(self._renew_every)
            await self.renew_leases()

    async def renew_leases(self) -> None:
        """Extend the leases of every row this worker still holds."""
        try:
            await self._queue.renew(list(self._held.values()), self._lease, self._send_lease)
        except Exception:
            log.exception("could not renew announcement leases")

    @property
    def held(self) -> frozenset[int]:
        """Ids of the rows this worker holds now."""
        return frozenset(self._held)

    # -- one pass --------------------------------------------------------------------------

    async def run_once(self) -> int:
        """Release due announcements, claim and dispatch one batch; return rows claimed.

        When nothing was claimed, waits for sends in flight and closes finished announcements.
        """
        await self._release_due()
        batch = max(1, min(self._concurrency * 4, int(self._max_rate())))
        deliveries = await self._queue.claim(
            self.worker_id, batch, self._lease, exclude=self._held.keys()
        )
        self._held.update((d.id, d) for d in deliveries)
        if deliveries:
            await self._dispatch(deliveries)
        else:
            await self.drain()
            await self._report_finished()
        return len(deliveries)

    async def drain(self) -> None:
        """Wait for the sends in flight (cancelled after `drain_seconds`)."""
        if not self._inflight:
            return
        _, pending = await asyncio.wait(set(self._inflight), timeout=self._drain_seconds)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)

    def _max_rate(self) -> float:
        return max((p.limits.per_second for p in self._pacers.values()), default=30.0)

    def pacer(self, channel: str) -> SendPacer:
        pacer = self._pacers.get(channel)
        if pacer is None:
            pacer = self._pacers[channel] = SendPacer(
                self._pace.get(channel, PaceLimits()), clock=self._pace_clock
            )
        return pacer

    async def _release_due(self) -> None:
        for record in await self._book.due():
            targets = await self._targets.resolve(record.targets)
            if await self._book.queue_scheduled(record.id, targets):
                log.info(
                    "scheduled announcement released",
                    extra={"announcement_id": record.id, "targets": len(targets)},
                )

    async def _dispatch(self, deliveries: list[ClaimedDelivery]) -> None:
        """Start a task for each row, at its pace; give back the rows that did not get one.

        Whatever goes wrong on the way (a write refused with "database is locked"), every row
        that did not become a task is released and forgotten: a row left in `_held` would never
        be claimed again, and its lease would be renewed for as long as the process lives.
        """
        later: list[tuple[ClaimedDelivery, float]] = []
        started: set[int] = set()
        try:
            for index, delivery in enumerate(deliveries):
                pacer = self.pacer(delivery.channel)
                now = self._now()
                if self._stopping.is_set() or pacer.paused_for() > 1.0:
                    # Do not sit on leased rows through a long pause or a shutdown.
                    wait = pacer.paused_for()
                    later.extend((d, now + wait) for d in deliveries[index:])
                    break
                if delivery.action is None:
                    wait = pacer.target_wait(delivery.target)
                    if wait > 0:
                        later.append((delivery, now + wait))
                        continue
                try:
                    if await self._start(delivery, pacer):
                        started.add(delivery.id)
                    else:
                        # Cancelled by a delete, or no longer this claim's: never sent.
                        self._held.pop(delivery.id, None)
                except Exception as exc:
                    log.warning(
                        "could not start an announcement delivery; released for a retry",
                        extra={"row": delivery.id, "error": type(exc).__name__},
                    )
                    later.append((delivery, self._now()))
        finally:
            given_back = {d.id for d, _ in later}
            later.extend(
                (d, self._now())
                for d in deliveries
                if d.id not in started and d.id not in given_back and d.id in self._held
            )
            for delivery, at in later:
                try:
                    await self._queue.release([delivery], at)
                except Exception as exc:
                    # Forgotten all the same: its lease runs out and it is claimed again.
                    log.warning(
                        "could not release an announcement delivery",
                        extra={"row": delivery.id, "error": type(exc).__name__},
                    )
                finally:
                    self._held.pop(delivery.id, None)

    async def _start(self, delivery: ClaimedDelivery, pacer: SendPacer) -> bool:
        """Take a send slot and the pace, mark a send `sending`, start its task; False when
        the queue refused the row (it must not be sent). The slot is given back on any error."""
        await self._slots.acquire()
        try:
            if delivery.action is None:
                pacer.reserve(delivery.target)
                # Marked just before its slot: a crash before this line leaves the row merely
                # claimed (not in doubt), and the write does not delay the request.
                mark = _MarkSending(self._queue, delivery, self._send_lease)
                await pacer.acquire(mark)
                if not mark.allowed:
                    self._slots.release()
                    return False
            else:
                await pacer.acquire()
        except BaseException:
            self._slots.release()
            raise
        task = asyncio.create_task(self._deliver(delivery))
        self._inflight.add(task)
        task.add_done_callback(self._done)
        return True

    def _done(self, task: asyncio.Task[None]) -> None:
        self._inflight.discard(task)
        self._slots.release()

    def _now(self) -> float:
        return self._clock.now().timestamp()

    async def _deliver(self, delivery: ClaimedDelivery) -> None:
        try:
            await self._attempt(delivery)
        finally:
            self._held.pop(delivery.id, None)

    async def _attempt(self, delivery: ClaimedDelivery) -> None:
        sender = self._senders.get(delivery.channel)
        if sender is None:
            await self._queue.record_failed(delivery, "no_channel")
            return
        try:
            if delivery.action is None:
                message_id = await sender.send(delivery.target, delivery.message)
            else:
                await self._act(sender, delivery)
        except TargetMoved as exc:
            await self._moved(delivery, exc.new_target)
        except RetryLater as exc:
            self.pacer(delivery.channel).pause(exc.seconds)
            await self._queue.record_retry(
                delivery, self._now() + exc.seconds, str(exc), count_failure=False
            )
        except PermanentFailure as exc:
            log.info(
                "announcement delivery failed",
                extra={"row": delivery.id, "target": delivery.target, "reason": exc.reason},
            )
            await self._queue.record_failed(delivery, exc.reason)
        except TransientFailure as exc:
            await self._retry_or_give_up(
                delivery, "network", str(exc), maybe_delivered=exc.maybe_delivered
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("unexpected error delivering an announcement", extra={"row": delivery.id})
            await self._retry_or_give_up(delivery, "error", repr(exc))
        else:
            # Recorded at once: from here on this row is never sent again. Not inside the try
            # above: a failed write must not be taken for a failed send and retried unflagged
            # (the row stays `sending`, so if it is taken again it is flagged in doubt).
            if delivery.action is not None:
                await self._queue.record_action_done(delivery)
            elif not await self._queue.record_sent(delivery, message_id):
                log.warning(
                    "announcement sent after its row was taken over; a second copy is possible",
                    extra={"row": delivery.id, "target": delivery.target},
                )

    async def _moved(self, delivery: ClaimedDelivery, new_target: str) -> None:
        if new_target == delivery.target:
            await self._queue.record_failed(delivery, "chat_migrated")
            return
        log.info(
            "announcement target moved",
            extra={"row": delivery.id, "target": delivery.target, "new_target": new_target},
        )
        await self._targets.migrate(delivery.channel, delivery.target, new_target)
        await self._queue.move_target(delivery, new_target)
        self._wake.set()

    async def _act(self, sender: Sender, delivery: ClaimedDelivery) -> None:
        message_id = delivery.message_id or ""
        if delivery.action == "edit":
            await sender.edit(delivery.target, message_id, delivery.message)
        elif delivery.action == "delete":
            await sender.delete(delivery.target, message_id)
        elif delivery.action == "pin":
            await sender.pin(delivery.target, message_id, silent=delivery.message.silent)
        elif delivery.action == "unpin":
            await sender.unpin(delivery.target, message_id)

    async def _retry_or_give_up(
        self, delivery: ClaimedDelivery, reason: str, error: str, *, maybe_delivered: bool = False
    ) -> None:
        failures = delivery.failures + 1
        if failures >= self._max_failures:
            await self._queue.record_failed(delivery, reason)
            return
        backoff = min(2.0**failures, MAX_BACKOFF_SECONDS) * (0.8 + 0.4 * self._jitter())
        await self._queue.record_retry(
            delivery,
            self._now() + backoff,
            error,
            count_failure=True,
            maybe_delivered=maybe_delivered and delivery.action is None,
        )

    async def _report_finished(self) -> None:
        for record in await self._book.finish():
            await self._notify(record)

    async def _notify(self, record: AnnouncementRecord) -> None:
        if self._notifier is None or record.report_chat_id is None:
            return
        report = await self._book.report(record.id)
        if report is None:
            return
        try:
            await self._notifier.notify(record.report_chat_id, report, record.report_language)
        except Exception:
            log.exception("could not send the delivery report", extra={"id": record.id})


class _MarkSending:
    """The pacer's `prepare` step for a send: mark the row `sending`, remember whether the
    queue allowed it (it refuses a row that was cancelled or taken over)."""

    def __init__(self, queue: DeliveryQueue, delivery: ClaimedDelivery, lease: float) -> None:
        self._queue = queue
        self._delivery = delivery
        self._lease = lease
        self.allowed = False

    async def __call__(self) -> None:
        self.allowed = await self._queue.mark_sending(self._delivery, self._lease)
