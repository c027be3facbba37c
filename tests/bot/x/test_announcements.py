"""X as an outbox channel: what the worker learns from each kind of X failure."""

from __future__ import annotations

import hashlib
import logging

import pytest

from bot.announcements.channels import PermanentFailure, RetryLater, TransientFailure
from bot.announcements.models import OutgoingMessage
from bot.storage import Database
from bot.x import (
    DuplicateTweet,
    Mention,
    OwnTweet,
    ThreadLedger,
    XAccount,
    XAnnouncementSender,
    XApiError,
    XRateLimited,
    XThreadPublisher,
    announcement_text,
    split_thread,
)
from tests.fakes.x_fixtures import SteppingClock

KEY = "announcement:1:en"


class ScriptedX:
    """An XClient whose posts follow a script (an error to raise, or None to succeed), then
    succeed; also a connection that counts opens. `timeline` is what `recent_tweets` finds
    (or `timeline_error` what it raises)."""

    def __init__(self, *errors: Exception | None, timeline: list[OwnTweet] | None = None) -> None:
        self.errors = list(errors)
        self.timeline = list(timeline or [])
        self.timeline_error: Exception | None = None
        self.posts: list[tuple[str, str | None]] = []
        self.deleted: list[str] = []
        self.opened = 0

    async def open(self) -> None:
        self.opened += 1

    async def close(self) -> None:
        self.opened -= 1

    async def me(self) -> XAccount:
        return XAccount("1000", "AcmeSupport")

    async def post(self, text: str, *, in_reply_to: str | None = None) -> str:
        error = self.errors.pop(0) if self.errors else None
        if error is not None:
            raise error
        self.posts.append((text, in_reply_to))
        return str(500 + len(self.posts))

    async def mentions(self, account_id: str, *, since_id: str | None) -> list[Mention]:
        return []

    async def recent_tweets(self, account_id: str) -> list[OwnTweet]:
        assert account_id == "1000"
        if self.timeline_error is not None:
            raise self.timeline_error
        return self.timeline

    async def delete(self, tweet_id: str) -> None:
        self.deleted.append(tweet_id)


def _message(html: str, key: str | None = KEY) -> OutgoingMessage:
    return OutgoingMessage(html, key=key)


def _sender(client: ScriptedX, db: Database, clock: SteppingClock) -> XAnnouncementSender:
    publisher = XThreadPublisher(client, ThreadLedger(db, clock))
    return XAnnouncementSender(client, publisher, now=lambda: 1_000.0)


@pytest.mark.parametrize(
    ("error", "expected", "detail"),
    [
        (XRateLimited("429", reset_at=1_030.0), RetryLater, 31.0),
        (XRateLimited("429", reset_at=None), RetryLater, 60.0),
        (XApiError("503 Service Unavailable", status=503), TransientFailure, None),
        (XApiError("X could not be reached", status=0), TransientFailure, None),
        (XApiError("401 Unauthorized", status=401), PermanentFailure, "x_unauthorized"),
        (XApiError("403 Forbidden", status=403), PermanentFailure, "x_forbidden"),
        (XApiError("400 Bad Request", status=400), PermanentFailure, "x_rejected"),
    ],
)
async def test_x_errors_become_outbox_errors(
    db: Database,
    clock: SteppingClock,
    error: Exception,
    expected: type[Exception],
    detail: object,
) -> None:
    sender = _sender(ScriptedX(error), db, clock)
    with pytest.raises(expected) as caught:
        await sender.send("account", _message("Maintenance tonight."))
    if isinstance(caught.value, RetryLater):
        assert caught.value.seconds == detail
    if isinstance(caught.value, PermanentFailure):
        assert caught.value.reason == detail


async def test_a_retry_after_a_failure_continues_the_thread(
    db: Database, clock: SteppingClock
) -> None:
    sentence = "Wallet maintenance for every network starts at 02:00 UTC tonight. " * 3
    html = sentence * 3  # 3 parts of 3 sentences
    client = ScriptedX(None, XApiError("503", status=503))  # part 1 out, part 2 fails
    sender = _sender(client, db, clock)
    with pytest.raises(TransientFailure):
        await sender.send("account", _message(html))
    first_id = await sender.send("account", _message(html))
    assert first_id == "501"
    assert [reply_to for _, reply_to in client.posts] == [None, "501", "502"]


async def test_two_announcements_with_the_same_text_are_two_threads(
    db: Database, clock: SteppingClock
) -> None:
    client = ScriptedX()
    sender = _sender(client, db, clock)
    first = await sender.send("account", _message("Deposits are open again.", "announcement:1:en"))
    second = await sender.send("account", _message("Deposits are open again.", "announcement:2:en"))
    assert (first, second) == ("501", "502")
    assert client.posts == [("Deposits are open again.", None)] * 2


async def test_each_language_version_is_its_own_thread(db: Database, clock: SteppingClock) -> None:
    client = ScriptedX()
    sender = _sender(client, db, clock)
    await sender.send("account", _message("Same words.", "announcement:1:en"))
    await sender.send("account", _message("Same words.", "announcement:1:zh"))
    assert len(client.posts) == 2


async def test_a_message_without_a_delivery_key_is_refused(
    db: Database, clock: SteppingClock
) -> None:
    client = ScriptedX()
    with pytest.raises(PermanentFailure) as caught:
        await _sender(client, db, clock).send("account", _message("No key.", None))
    assert caught.value.reason == "no_delivery_key"
    assert client.posts == []


async def test_a_one_tweet_announcement_x_already_has_is_found_and_sent(
    db: Database, clock: SteppingClock
) -> None:
    # X took the post just before a crash: on restart X answers "duplicate", and the post is
    # found among the account's own tweets.
    client = ScriptedX(
        DuplicateTweet("403", status=403),
        timeline=[
            OwnTweet("900", "Same as last week.", in_reply_to="42"),  # a reply: not this one
            OwnTweet("777", "Same as last week."),
        ],
    )
    sender = _sender(client, db, clock)
    assert await sender.send("account", _message("Same as last week.")) == "777"
    [part] = await ThreadLedger(db, clock).parts(KEY)
    assert (part.tweet_id, part.outcome) == ("777", "duplicate")


async def test_a_part_x_has_but_that_cannot_be_found_counts_as_sent(
    db: Database, clock: SteppingClock, caplog: pytest.LogCaptureFixture
) -> None:
    sentence = "Wallet maintenance for every network starts at 02:00 UTC tonight. " * 3
    client = ScriptedX(None, DuplicateTweet("403", status=403))  # part 2: on X, id not found
    sender = _sender(client, db, clock)
    assert await sender.send("account", _message(sentence * 3)) == "501"
    assert [reply_to for _, reply_to in client.posts] == [None, "501"]  # part 3 replies to 1
    parts = await ThreadLedger(db, clock).parts(KEY)
    assert [(p.tweet_id, p.outcome) for p in parts] == [
        ("501", "sent"),
        (None, "duplicate"),
        ("502", "sent"),
    ]
    assert any(
        r.levelno == logging.WARNING and "not found" in r.getMessage() for r in caplog.records
    )


async def test_a_failure_that_may_pass_while_looking_for_a_part_is_retried(
    db: Database, clock: SteppingClock
) -> None:
    # Unlike a 403 (this account may not read), a 503 may pass: try again, look again.
    client = ScriptedX(DuplicateTweet("403", status=403), DuplicateTweet("403", status=403))
    client.timeline_error = XApiError("503 Service Unavailable", status=503)
    sender = _sender(client, db, clock)
    with pytest.raises(TransientFailure):
        await sender.send("account", _message("Already out there."))
    [part] = await ThreadLedger(db, clock).parts(KEY)
    assert part.outcome is None
    client.timeline_error = None
    client.timeline = [OwnTweet("777", "Already out there.")]
    assert await sender.send("account", _message("Already out there.")) == "777"


async def test_a_thread_with_no_known_id_is_named_by_its_key(
    db: Database, clock: SteppingClock
) -> None:
    client = ScriptedX(DuplicateTweet("403", status=403))
    sender = _sender(client, db, clock)
    message_id = await sender.send("account", _message("Already out there."))
    assert message_id == KEY
    assert await sender.send("account", _message("Already out there.")) == KEY  # a retry
    await sender.delete("account", message_id)  # nothing known to delete, and no error
    assert client.deleted == []


async def test_the_same_text_as_another_live_announcement_fails(
    db: Database, clock: SteppingClock
) -> None:
    client = ScriptedX()
    sender = _sender(client, db, clock)
    assert (
        await sender.send("account", _message("Same as last week.", "announcement:1:en")) == "501"
    )
    # X refuses the second one: its post is announcement 1's, so this one was never posted.
    client.errors = [DuplicateTweet("403", status=403)]
    client.timeline = [OwnTweet("501", "Same as last week.")]
    with pytest.raises(PermanentFailure) as caught:
        await sender.send("account", _message("Same as last week.", "announcement:2:en"))
    assert caught.value.reason == "duplicate_on_x"
    assert "announcement:1:en" in caught.value.detail


async def test_a_later_part_posted_elsewhere_takes_back_the_parts_before_it(
    db: Database, clock: SteppingClock
) -> None:
    sentence = "Wallet maintenance for every network starts at 02:00 UTC tonight. " * 3
    parts = split_thread(announcement_text(_message(sentence * 3)))
    ledger = ThreadLedger(db, clock)
    # Part 2's words are on X already, replying to our part 1, as part of another thread.
    await ledger.plan("announcement:9:en", [parts[1]])
    await ledger.mark("announcement:9:en", 0, "900", "sent")
    client = ScriptedX(None, DuplicateTweet("403", status=403))
    client.timeline = [OwnTweet("900", parts[1], in_reply_to="501")]
    sender = _sender(client, db, clock)
    with pytest.raises(PermanentFailure) as caught:
        await sender.send("account", _message(sentence * 3))
    assert caught.value.reason == "duplicate_on_x"
    assert client.deleted == ["501"]  # our part 1; the other thread's post stays
    assert [(p.tweet_id, p.outcome) for p in await ledger.parts(KEY)] == [
        ("501", "deleted"),
        (None, None),
        (None, None),
    ]


@pytest.mark.parametrize(
    ("error", "taken_back"),
    [
        (XApiError("400 Bad Request", status=400), ["501"]),
        (XApiError("503 Service Unavailable", status=503), []),  # retried: the thread goes on
        (XRateLimited("429", reset_at=None), []),
    ],
)
async def test_only_a_permanent_failure_takes_back_the_parts_posted(
    db: Database, clock: SteppingClock, error: XApiError, taken_back: list[str]
) -> None:
    client = ScriptedX(None, error)
    sender = _sender(client, db, clock)
    with pytest.raises((PermanentFailure, TransientFailure, RetryLater)):
        await sender.send("account", _message("Long enough for two parts. " * 12))
    assert client.deleted == taken_back


async def test_a_thread_begun_under_the_old_text_key_is_continued(
    db: Database, clock: SteppingClock
) -> None:
    # Before the upgrade, threads were keyed by a hash of the target and the text.
    sentence = "Wallet maintenance for every network starts at 02:00 UTC tonight. " * 3
    message = _message(sentence * 3)
    text = announcement_text(message)
    old_key = "announcement:" + hashlib.sha256(f"account\n{text}".encode()).hexdigest()[:32]
    ledger = ThreadLedger(db, clock)
    await ledger.plan(old_key, split_thread(text))
    await ledger.mark(old_key, 0, "401", "sent")
    client = ScriptedX()
    assert await _sender(client, db, clock).send("account", message) == "401"
    assert [reply_to for _, reply_to in client.posts] == ["401", "501"]
    assert await ledger.parts(old_key) == []


@pytest.mark.parametrize("action", ["edit", "pin", "unpin"])
async def test_actions_x_does_not_offer(db: Database, clock: SteppingClock, action: str) -> None:
    sender = _sender(ScriptedX(), db, clock)
    message = _message("x")
    with pytest.raises(PermanentFailure) as caught:
        if action == "edit":
            await sender.edit("account", "1", message)
        elif action == "pin":
            await sender.pin("account", "1", silent=True)
        else:
            await sender.unpin("account", "1")
    assert caught.value.reason == "not_supported_on_x"


async def test_delete_takes_back_the_whole_thread(db: Database, clock: SteppingClock) -> None:
    client = ScriptedX()
    sender = _sender(client, db, clock)
    text = "Listing postponed until further notice, sorry for the change of plans. " * 8
    first = await sender.send("account", _message(text))
    assert len(client.posts) == 3
    await sender.delete("account", first)
    assert client.deleted == ["503", "502", "501"]  # the tail first
    await sender.delete("account", first)  # again: nothing left to delete
    assert client.deleted == ["503", "502", "501"]


async def test_start_and_stop_open_and_close_the_connection(
    db: Database, clock: SteppingClock
) -> None:
    client = ScriptedX()
    sender = _sender(client, db, clock)
    await sender.start()
    assert client.opened == 1
    await sender.stop()
    assert client.opened == 0
