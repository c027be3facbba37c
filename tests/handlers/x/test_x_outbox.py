"""X in the announcement outbox: the delivery worker posts a thread through the X sender, and a
failed attempt is resumed by the worker's retry (tweepy's real client, the fake X API)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.announcements import (
    AnnouncementBook,
    AnnouncementContent,
    DeliveryQueue,
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


@pytest.fixture
def queue(db: Database, clock: SteppingClock) -> DeliveryQueue:
    return DeliveryQueue(db, clock)


@pytest.fixture
def book(db: Database, clock: SteppingClock, queue: DeliveryQueue) -> AnnouncementBook:
    return AnnouncementBook(db, clock, queue)


@pytest.fixture
def worker(
    book: AnnouncementBook,
    queue: DeliveryQueue,
    sender: XAnnouncementSender,
    clock: SteppingClock,
) -> DeliveryWorker:
    return DeliveryWorker(
        book,
        queue,
        {X_CHANNEL: sender},
        NoScheduledTargets(),
        clock,
        pace={X_CHANNEL: PaceLimits(per_second=1.0, per_target_interval=0.0)},
    )


async def _deliver_all(worker: DeliveryWorker) -> None:
    await worker.run_once()
    await worker.drain()


async def _announce(book: AnnouncementBook, html: str) -> int:
    """An announcement for X only (as "+x" with no Telegram target)."""
    return await book.create(
        created_by=1,
        content=AnnouncementContent({"en": html}),
        targets_spec="x",
        targets=[Target(X_CHANNEL, XAnnouncementSender.TARGET, "en")],
        pin=False,
        silent=False,
    )


async def test_the_outbox_posts_a_thread_and_resumes_after_a_failure(
    fake_x: FakeXApi, clock: SteppingClock, book: AnnouncementBook,
    queue: DeliveryQueue, worker: DeliveryWorker
) -> None:
    announcement_id = await _announce(book, HTML)
    fake_x.fail_posts(after=2, status=503)

    await _deliver_all(worker)
    [row] = await queue.deliveries(announcement_id)
    assert (row["status"], row["failures"]) == ("pending", 1)  # a transient failure: retry later
    assert len(fake_x.posts_by(fake_x.account)) == 2

    clock.advance(600)  # past the backoff
    await _deliver_all(worker)
    [row] = await queue.deliveries(announcement_id)
    posts = fake_x.posts_by(fake_x.account)
    assert row["status"] == "sent"
    assert row["message_id"] == posts[0].id
    expected = split_thread(announcement_text(OutgoingMessage(HTML)))
    assert [p.text for p in posts] == expected and len(expected) == 4
    assert [p.in_reply_to for p in posts] == [None, posts[0].id, posts[1].id, posts[2].id]
    assert "&amp;" not in posts[0].text and "<b>" not in posts[0].text


async def test_an_announcement_with_the_text_of_a_withdrawn_one_is_posted(
    fake_x: FakeXApi, book: AnnouncementBook,
    queue: DeliveryQueue, worker: DeliveryWorker
) -> None:
    first = await _announce(book, HTML)
    await _deliver_all(worker)
    assert await book.request_action(first, "delete") == 1
    await _deliver_all(worker)
    assert fake_x.posts_by(fake_x.account) == []  # the whole thread is gone from X

    again = await _announce(book, HTML)  # the same words, a week later
    await _deliver_all(worker)
    [row] = await queue.deliveries(again)
    posts = fake_x.posts_by(fake_x.account)
    assert row["status"] == "sent" and len(posts) == 4
    assert row["message_id"] == posts[0].id


async def test_an_announcement_with_the_text_of_a_live_one_fails_as_duplicate(
    fake_x: FakeXApi, book: AnnouncementBook,
    queue: DeliveryQueue, worker: DeliveryWorker
) -> None:
    first = await _announce(book, HTML)
    await _deliver_all(worker)
    second = await _announce(book, HTML)
    await _deliver_all(worker)
    [first_row] = await queue.deliveries(first)
    [second_row] = await queue.deliveries(second)
    assert first_row["status"] == "sent"
    # X refuses the same text twice; the second is reported failed, not "sent" as the first.
    assert (second_row["status"], second_row["message_id"]) == ("failed", None)
    assert "duplicate_on_x" in second_row["error"]
    assert len(fake_x.posts_by(fake_x.account)) == 4


async def test_a_one_tweet_announcement_x_took_before_a_crash_is_sent_on_retry(
    fake_x: FakeXApi, clock: SteppingClock, book: AnnouncementBook,
    queue: DeliveryQueue, worker: DeliveryWorker
) -> None:
    announcement_id = await _announce(book, "Deposits are open again.")
    fake_x.fail_posts(after=0, status=503, create=True)  # X has it, the answer is lost
    await _deliver_all(worker)
    clock.advance(600)
    await _deliver_all(worker)
    [row] = await queue.deliveries(announcement_id)
    [post] = fake_x.posts_by(fake_x.account)
    assert (row["status"], row["message_id"]) == ("sent", post.id)


async def test_a_thread_x_refuses_for_good_halfway_is_taken_back(
    fake_x: FakeXApi,
    db: Database,
    clock: SteppingClock,
    book: AnnouncementBook,
    queue: DeliveryQueue,
    worker: DeliveryWorker,
) -> None:
    announcement_id = await _announce(book, HTML)
    fake_x.fail_posts(after=2, status=403)  # parts 1 and 2 go out, X refuses part 3 for good
    await _deliver_all(worker)
    [row] = await queue.deliveries(announcement_id)
    assert (row["status"], row["message_id"]) == ("failed", None)
    assert "x_forbidden" in row["error"]
    # A failed row has no message id a moderator could delete: nothing of it is left on X.
    assert fake_x.posts_by(fake_x.account) == []
    parts = await ThreadLedger(db, clock).parts(f"announcement:{announcement_id}:en")
    assert [p.outcome for p in parts] == ["deleted", "deleted", None, None]
    deletions = fake_x.requests_to("DELETE", "/2/tweets/")  # the last part first
    assert [(r.path, r.status) for r in deletions] == [
        (f"/2/tweets/{parts[1].tweet_id}", 200),
        (f"/2/tweets/{parts[0].tweet_id}", 200),
    ]


async def test_a_part_x_will_not_delete_is_left_and_logged_without_its_text(
    fake_x: FakeXApi,
    db: Database,
    clock: SteppingClock,
    book: AnnouncementBook,
    queue: DeliveryQueue,
    worker: DeliveryWorker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    announcement_id = await _announce(book, HTML)
    fake_x.fail_posts(after=2, status=403)
    fake_x.rate_limit(times=1, path_prefix="/2/tweets/")  # deleting part 2 (the first) fails
    await _deliver_all(worker)
    [row] = await queue.deliveries(announcement_id)
    assert row["status"] == "failed"
    [left] = fake_x.posts_by(fake_x.account)
    parts = await ThreadLedger(db, clock).parts(f"announcement:{announcement_id}:en")
    assert [p.outcome for p in parts] == ["deleted", "sent", None, None]
    assert parts[1].tweet_id == left.id  # still recorded, for a person to delete by hand
    [logged] = [r for r in caplog.records if "could not be deleted" in r.getMessage()]
    assert getattr(logged, "tweet_id", None) == left.id and getattr(logged, "status", None) == 429
    ours = [r for r in caplog.records if r.name.startswith("bot.")]
    assert not any(left.text[:30] in caplog.handler.format(r) for r in ours)
