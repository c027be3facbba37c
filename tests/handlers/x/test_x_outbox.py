"""X in the announcement outbox: the delivery worker posts a thread through the X sender, and a
failed attempt is resumed by the worker's retry (tweepy's real client, the fake X API)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.announcements import (
    AnnouncementContent,
    AnnouncementOutbox,
    OutgoingMessage,
    PaceLimits,
    Target,
)
from bot.announcements.worker import DeliveryWorker
from bot.storage import Database
from bot.x import (
    X_CHANNEL,
    ThreadLedger,
    XAnnouncementSender,
    XThreadPublisher,
    announcement_text,
    split_thread,
)
from handlers.x import TweepyXClient
from tests.fakes.fake_x import FakeXApi
from tests.fakes.x_fixtures import CREDENTIALS, SteppingClock

HTML = " ".join(
    f"<b>Notice {i}</b>: trading of pair {i} pauses from 02:00 to 02:30 UTC for an upgrade; "
    f"open orders stay on the book &amp; nothing is cancelled."
    for i in range(1, 9)
)


class NoScheduledTargets:
    async def resolve(self, spec: str) -> list[Target]:
        return []


@pytest.fixture
async def sender(
    fake_x: FakeXApi, db: Database, clock: SteppingClock
) -> AsyncIterator[XAnnouncementSender]:
    client = TweepyXClient(CREDENTIALS, api_base_url=fake_x.base_url)
    publisher = XThreadPublisher(client, ThreadLedger(db, clock))
    x_sender = XAnnouncementSender(client, publisher)
    await x_sender.start()
    yield x_sender
    await x_sender.stop()


async def _deliver_all(worker: DeliveryWorker) -> None:
    await worker.run_once()
    await worker.drain()


async def test_the_outbox_posts_a_thread_and_resumes_after_a_failure(
    fake_x: FakeXApi, db: Database, clock: SteppingClock, sender: XAnnouncementSender
) -> None:
    outbox = AnnouncementOutbox(db, clock)
    announcement_id = await outbox.create(
        created_by=1,
        content=AnnouncementContent({"en": HTML}),
        targets_spec="x",
        targets=[Target(X_CHANNEL, XAnnouncementSender.TARGET, "en")],
        pin=False,
        silent=False,
    )
    worker = DeliveryWorker(
        outbox,
        {X_CHANNEL: sender},
        NoScheduledTargets(),
        clock,
        pace={X_CHANNEL: PaceLimits(per_second=1.0, per_target_interval=0.0)},
    )
    fake_x.fail_posts(after=2, status=503)

    await _deliver_all(worker)
    [row] = await outbox.deliveries(announcement_id)
    assert (row["status"], row["failures"]) == ("pending", 1)  # a transient failure: retry later
    assert len(fake_x.posts_by(fake_x.account)) == 2

    clock.advance(600)  # past the backoff
    await _deliver_all(worker)
    [row] = await outbox.deliveries(announcement_id)
    posts = fake_x.posts_by(fake_x.account)
    assert row["status"] == "sent"
    assert row["message_id"] == posts[0].id
    expected = split_thread(announcement_text(OutgoingMessage(HTML)))
    assert [p.text for p in posts] == expected and len(expected) == 4
    assert [p.in_reply_to for p in posts] == [None, posts[0].id, posts[1].id, posts[2].id]
    assert "&amp;" not in posts[0].text and "<b>" not in posts[0].text
