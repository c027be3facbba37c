"""X as an outbox channel: what the worker learns from each kind of X failure."""

from __future__ import annotations

import pytest

from bot.announcements.channels import PermanentFailure, RetryLater, TransientFailure
from bot.announcements.models import OutgoingMessage
from bot.storage import Database
from bot.x import (
    DuplicateTweet,
    Mention,
    ThreadLedger,
    XAccount,
    XAnnouncementSender,
    XApiError,
    XRateLimited,
    XThreadPublisher,
)
from tests.fakes.x_fixtures import SteppingClock


class ScriptedX:
    """An XClient whose posts follow a script (an error to raise, or None to succeed), then
    succeed; also a connection that counts opens."""

    def __init__(self, *errors: Exception | None) -> None:
        self.errors = list(errors)
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

    async def delete(self, tweet_id: str) -> None:
        self.deleted.append(tweet_id)


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
        await sender.send("account", OutgoingMessage("Maintenance tonight."))
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
        await sender.send("account", OutgoingMessage(html))
    first_id = await sender.send("account", OutgoingMessage(html))
    assert first_id == "501"
    assert [reply_to for _, reply_to in client.posts] == [None, "501", "502"]


async def test_a_text_x_already_has_is_reported_not_retried(
    db: Database, clock: SteppingClock
) -> None:
    sender = _sender(ScriptedX(DuplicateTweet("403", status=403)), db, clock)
    with pytest.raises(PermanentFailure) as caught:
        await sender.send("account", OutgoingMessage("Same as last week."))
    assert caught.value.reason == "duplicate_on_x"


@pytest.mark.parametrize("action", ["edit", "pin", "unpin"])
async def test_actions_x_does_not_offer(db: Database, clock: SteppingClock, action: str) -> None:
    sender = _sender(ScriptedX(), db, clock)
    message = OutgoingMessage("x")
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
    first = await sender.send("account", OutgoingMessage(text))
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
