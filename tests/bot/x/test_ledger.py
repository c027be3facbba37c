"""The X ledger in real SQLite: one claim per mention, a cursor that only moves forward."""

from __future__ import annotations

from datetime import timedelta

from bot.storage import Database
from bot.x import MentionCursor, MentionLedger, ThreadLedger
from tests.fakes.x_fixtures import SteppingClock


async def test_a_mention_is_claimed_once(db: Database, clock: SteppingClock) -> None:
    ledger = MentionLedger(db, clock)
    assert await ledger.claim("10", "a")
    assert not await ledger.claim("10", "a")
    assert not await ledger.record("10", "a", "declined")
    assert await ledger.outcome("10") == "claimed"
    await ledger.finish("10", "answered", "99")
    assert await ledger.outcome("10") == "answered"
    assert await ledger.unfinished_claims() == 0


async def test_release_frees_only_an_unfinished_claim(db: Database, clock: SteppingClock) -> None:
    ledger = MentionLedger(db, clock)
    await ledger.claim("1", "a")
    await ledger.release("1")
    assert not await ledger.seen("1")
    await ledger.claim("2", "a")
    await ledger.finish("2", "answered", "3")
    await ledger.release("2")
    assert await ledger.outcome("2") == "answered"


async def test_cursor_moves_forward_only(db: Database, clock: SteppingClock) -> None:
    ledger = MentionLedger(db, clock)
    assert await ledger.cursor("1000") is None  # never polled
    await ledger.advance("1000", None)  # polled, no mention yet
    assert await ledger.cursor("1000") == MentionCursor(None)
    await ledger.advance("1000", "1900000000000000005")
    await ledger.advance("1000", "999")  # older (and shorter as text): ignored
    await ledger.advance("1000", None)
    assert await ledger.cursor("1000") == MentionCursor("1900000000000000005")
    await ledger.advance("1000", "1900000000000000010")
    assert await ledger.cursor("1000") == MentionCursor("1900000000000000010")
    assert await ledger.cursor("2000") is None


async def test_replied_since_counts_replies_not_silences(
    db: Database, clock: SteppingClock
) -> None:
    ledger = MentionLedger(db, clock)
    await ledger.record("1", "alice", "declined")
    start = clock.now()
    assert not await ledger.replied_since("alice", start)
    await ledger.claim("2", "alice")
    await ledger.finish("2", "answered", "20")
    assert await ledger.replied_since("alice", start)
    assert not await ledger.replied_since("bob", start)
    clock.advance(301)
    assert not await ledger.replied_since("alice", clock.now() - timedelta(seconds=300))


async def test_first_plan_wins_and_first_record_stays(db: Database, clock: SteppingClock) -> None:
    ledger = ThreadLedger(db, clock)
    parts = await ledger.plan("t", ["one", "two"])
    assert [(p.index, p.text, p.done) for p in parts] == [(0, "one", False), (1, "two", False)]
    again = await ledger.plan("t", ["changed rules", "split", "differently"])
    assert [p.text for p in again] == ["one", "two"]
    await ledger.mark("t", 0, "100", "sent")
    await ledger.mark("t", 0, None, "duplicate")  # a late second attempt changes nothing
    first = (await ledger.parts("t"))[0]
    assert (first.tweet_id, first.outcome) == ("100", "sent")
    assert await ledger.thread_of("100") == "t"
    assert await ledger.thread_of("101") is None


async def test_adopt_moves_only_an_unfinished_plan(db: Database, clock: SteppingClock) -> None:
    ledger = ThreadLedger(db, clock)
    await ledger.plan("old-unfinished", ["one", "two"])
    await ledger.mark("old-unfinished", 0, "100", "sent")
    assert await ledger.adopt("old-unfinished", "announcement:1:en")
    assert [p.tweet_id for p in await ledger.parts("announcement:1:en")] == ["100", None]
    assert await ledger.parts("old-unfinished") == []

    await ledger.plan("old-finished", ["three"])
    await ledger.mark("old-finished", 0, "200", "sent")
    assert not await ledger.adopt("old-finished", "announcement:2:en")  # maybe another's
    assert await ledger.thread_of("200") == "old-finished"

    await ledger.plan("old-again", ["four", "five"])
    assert not await ledger.adopt("old-again", "announcement:1:en")  # the new key has a plan
    assert not await ledger.adopt("missing", "announcement:3:en")
