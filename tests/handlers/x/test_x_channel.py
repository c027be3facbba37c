"""The X channel end to end: tweepy's real async client against the fake X API on 127.0.0.1,
real SQLite, the real matcher and privacy scanner."""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import timedelta
from pathlib import Path

import pytest

from bot.answers import Matcher, article_link
from bot.deep_links import deep_link
from bot.settings import load_settings
from bot.storage import Database
from bot.texts import Texts
from bot.x import (
    Mention,
    MentionCursor,
    MentionLedger,
    MentionPoller,
    MentionReply,
    MentionResponder,
    RateLimitedXClient,
    RateLimitPolicy,
    ThreadLedger,
    XApiError,
    XRateLimited,
    XThreadPublisher,
    split_thread,
)
from handlers.x import TweepyXClient, build_x_channel
from privacy import PrivacyScanner
from tests.fakes.fake_x import FakeTweet, FakeXApi
from tests.fakes.x_fixtures import BOT_USERNAME, CREDENTIALS, SteppingClock

SEED = "legal winner thank year wave sausage worth useful legal winner thank yellow"
CONTACT = deep_link(BOT_USERNAME, "ticket")
QUICK = RateLimitPolicy(margin=0.05)

ANNOUNCEMENT = " ".join(
    f"Update {i}: wallet maintenance for network {i} runs from 02:00 to 03:00 UTC, "
    f"and deposits on it are credited once it ends."
    for i in range(1, 9)
)


def _thread_ok(fake: FakeXApi, texts: list[str]) -> list[FakeTweet]:
    """The account's posts are exactly `texts`, each replying to the one before."""
    posts = fake.posts_by(fake.account)
    assert [t.text for t in posts] == texts
    assert posts[0].in_reply_to is None
    for previous, part in itertools.pairwise(posts):
        assert part.in_reply_to == previous.id
    return posts


# -- announcements as threads ----------------------------------------------------------------


async def test_thread_is_published_in_order(
    fake_x: FakeXApi, x_client: TweepyXClient, db: Database, clock: SteppingClock
) -> None:
    parts = split_thread(ANNOUNCEMENT)
    assert len(parts) == 4
    result = await XThreadPublisher(x_client, ThreadLedger(db, clock)).publish("a:1", ANNOUNCEMENT)
    posts = _thread_ok(fake_x, parts)
    assert result.tweet_ids == tuple(t.id for t in posts)
    assert result.posted_now == 4


async def test_thread_resumes_after_a_crash_after_part_2(
    fake_x: FakeXApi, db_path: Path, clock: SteppingClock
) -> None:
    parts = split_thread(ANNOUNCEMENT)
    fake_x.fail_posts(after=2, status=503)  # X falls over on part 3; the process "dies"
    db = await Database.open(db_path)
    async with TweepyXClient(CREDENTIALS, api_base_url=fake_x.base_url) as client:
        with pytest.raises(XApiError):
            await XThreadPublisher(client, ThreadLedger(db, clock)).publish("a:1", ANNOUNCEMENT)
    await db.close()
    first_two = fake_x.posts_by(fake_x.account)
    assert [t.text for t in first_two] == parts[:2]

    # A new process: new storage connection, new client, new publisher.
    db = await Database.open(db_path)
    try:
        async with TweepyXClient(CREDENTIALS, api_base_url=fake_x.base_url) as client:
            publisher = XThreadPublisher(client, ThreadLedger(db, clock))
            result = await publisher.publish("a:1", ANNOUNCEMENT)
    finally:
        await db.close()
    posts = _thread_ok(fake_x, parts)
    assert posts[2].in_reply_to == first_two[1].id  # part 3 continues from part 2
    assert result.posted_now == 2
    statuses = [r.status for r in fake_x.requests_to("POST", "/2/tweets")]
    assert statuses == [201, 201, 503, 201, 201]  # nothing posted twice


async def _part_2_lost(
    fake: FakeXApi, client: TweepyXClient, db: Database, clock: SteppingClock
) -> tuple[ThreadLedger, XThreadPublisher]:
    """Part 2 reaches X but the answer is lost (as if we crashed before recording it)."""
    fake.fail_posts(after=1, status=503, create=True)
    ledger = ThreadLedger(db, clock)
    publisher = XThreadPublisher(client, ledger)
    with pytest.raises(XApiError):
        await publisher.publish("a:1", ANNOUNCEMENT)
    return ledger, publisher


async def test_a_part_x_took_but_we_never_recorded_is_found_and_the_thread_goes_on(
    fake_x: FakeXApi, x_client: TweepyXClient, db: Database, clock: SteppingClock
) -> None:
    parts = split_thread(ANNOUNCEMENT)
    ledger, publisher = await _part_2_lost(fake_x, x_client, db, clock)
    result = await publisher.publish("a:1", ANNOUNCEMENT)
    posts = _thread_ok(fake_x, parts)  # each part once, one unbroken thread
    assert result.tweet_ids == tuple(t.id for t in posts)  # part 2's id found on the account
    assert [(p.tweet_id, p.outcome) for p in await ledger.parts("a:1")] == [
        (posts[0].id, "sent"),
        (posts[1].id, "duplicate"),
        (posts[2].id, "sent"),
        (posts[3].id, "sent"),
    ]
    assert [r.status for r in fake_x.requests_to("POST", "/2/tweets")] == [
        201,
        503,
        403,
        201,
        201,
    ]
    assert len(fake_x.requests_to("GET", "/2/users/1000/tweets")) == 1


async def test_without_read_access_a_part_x_already_has_counts_as_sent(
    fake_x: FakeXApi,
    x_client: TweepyXClient,
    db: Database,
    clock: SteppingClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    parts = split_thread(ANNOUNCEMENT)
    fake_x.forbid_timeline()  # an app that may post but not read timelines (X's Free tier)
    ledger, publisher = await _part_2_lost(fake_x, x_client, db, clock)
    result = await publisher.publish("a:1", ANNOUNCEMENT)
    posts = fake_x.posts_by(fake_x.account)
    assert [t.text for t in posts] == parts  # each part once
    assert result.tweet_ids == (posts[0].id, None, posts[2].id, posts[3].id)
    assert posts[2].in_reply_to == posts[0].id  # on from the last part whose id is known
    assert [p.outcome for p in await ledger.parts("a:1")] == ["sent", "duplicate", "sent", "sent"]
    [timeline] = fake_x.requests_to("GET", "/2/users/1000/tweets")
    assert timeline.status == 403
    [logged] = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert logged.levelno == logging.WARNING and getattr(logged, "status", None) == 403


async def test_a_rate_limit_while_looking_for_a_part_is_not_taken_for_a_refusal(
    fake_x: FakeXApi, x_client: TweepyXClient, db: Database, clock: SteppingClock
) -> None:
    parts = split_thread(ANNOUNCEMENT)
    ledger, publisher = await _part_2_lost(fake_x, x_client, db, clock)
    fake_x.rate_limit(times=1, path_prefix="/2/users/1000/tweets")
    with pytest.raises(XRateLimited):  # waited out by the caller, then tried again
        await publisher.publish("a:1", ANNOUNCEMENT)
    assert [p.outcome for p in await ledger.parts("a:1")] == ["sent", None, None, None]
    result = await publisher.publish("a:1", ANNOUNCEMENT)
    posts = _thread_ok(fake_x, parts)
    assert result.tweet_ids == tuple(t.id for t in posts)  # part 2's id found after all


async def test_a_part_with_a_link_is_found_despite_xs_rendering(
    fake_x: FakeXApi, x_client: TweepyXClient, db: Database, clock: SteppingClock
) -> None:
    text = "Fees change on 1 May <for all pairs> & markets: https://acme.example/fees?a=1&b=2"
    fake_x.fail_posts(after=0, status=503, create=True)
    publisher = XThreadPublisher(x_client, ThreadLedger(db, clock))
    with pytest.raises(XApiError):
        await publisher.publish("a:1", text)
    result = await publisher.publish("a:1", text)
    [post] = fake_x.posts_by(fake_x.account)
    assert result.tweet_ids == (post.id,)


async def test_a_rate_limit_is_waited_out(fake_x: FakeXApi, x_client: TweepyXClient) -> None:
    fake_x.rate_limit(times=1, reset_in=1.0)
    patient = RateLimitedXClient(x_client, QUICK)
    tweet_id = await patient.post("After the window.")
    limited, accepted = fake_x.requests_to("POST", "/2/tweets")
    assert (limited.status, accepted.status) == (429, 201)
    assert accepted.at >= limited.at + 1.0  # not before the reset time
    assert fake_x.posts_by(fake_x.account)[0].id == tweet_id


# -- mentions --------------------------------------------------------------------------------


@pytest.fixture
def responder(matcher: Matcher, scanner: PrivacyScanner, texts: Texts) -> MentionResponder:
    return MentionResponder(
        matcher=matcher,
        articles=matcher.knowledge_base,
        scanner=scanner,
        texts=texts,
        link_for=lambda article: article_link(article, None, BOT_USERNAME),
        contact_link=CONTACT,
    )


def _poller(
    client: TweepyXClient, db: Database, clock: SteppingClock, responder: MentionResponder
) -> MentionPoller:
    return MentionPoller(
        client=RateLimitedXClient(client, QUICK),
        ledger=MentionLedger(db, clock),
        responder=responder,
        clock=clock,
        cooldown=timedelta(minutes=5),
    )


@pytest.fixture
def poller(
    x_client: TweepyXClient, db: Database, clock: SteppingClock, responder: MentionResponder
) -> MentionPoller:
    return _poller(x_client, db, clock, responder)


async def _started(poller: MentionPoller, fake: FakeXApi) -> None:
    """Beacon's first poll: existing mentions are history."""
    old = fake.mention(fake.add_user("early"), "@AcmeSupport hello from before")
    report = await poller.poll_once()
    assert report.outcomes == {"history": 1}
    assert fake.replies_to(old.id) == []


async def test_mentions_after_a_quiet_first_poll_are_answered(
    fake_x: FakeXApi, poller: MentionPoller
) -> None:
    assert (await poller.poll_once()).fetched == 0  # no mention yet when Beacon starts
    question = fake_x.mention(fake_x.add_user("hana"), "@AcmeSupport How do I reset my 2FA?")
    assert (await poller.poll_once()).outcomes == {"answered": 1}
    assert len(fake_x.replies_to(question.id)) == 1
    assert "since_id" not in fake_x.requests_to("GET", "/2/users/1000/mentions")[-1].query


async def test_a_question_gets_one_reply_with_the_article_link(
    fake_x: FakeXApi, poller: MentionPoller
) -> None:
    await _started(poller, fake_x)
    alice = fake_x.add_user("alice")
    question = fake_x.mention(alice, "@AcmeSupport How do I reset my 2FA?")
    report = await poller.poll_once()
    assert report.outcomes == {"answered": 1}
    [reply] = fake_x.replies_to(question.id)
    assert reply.author_id == fake_x.account.id
    assert reply.text.startswith("@alice ")
    assert f"https://t.me/{BOT_USERNAME}?start=art_reset-2fa_en" in reply.text


async def test_a_chinese_question_gets_a_chinese_reply(
    fake_x: FakeXApi, poller: MentionPoller, texts: Texts
) -> None:
    await _started(poller, fake_x)
    question = fake_x.mention(
        fake_x.add_user("wang"), "@AcmeSupport 我的充值没到账怎么办", lang="zh"
    )
    await poller.poll_once()
    [reply] = fake_x.replies_to(question.id)
    assert "art_deposit-not-credited_zh" in reply.text
    assert "帮助文章" in reply.text


async def test_a_seed_phrase_gets_a_warning_that_does_not_repeat_it(
    fake_x: FakeXApi, poller: MentionPoller
) -> None:
    await _started(poller, fake_x)
    bob = fake_x.add_user("bob")
    leak = fake_x.mention(bob, f"@AcmeSupport my funds are gone!! seed: {SEED} please help")
    report = await poller.poll_once()
    assert report.outcomes == {"warned": 1}
    [reply] = fake_x.replies_to(leak.id)
    assert CONTACT in reply.text
    assert "delete" in reply.text.lower()
    assert not set(SEED.split()) & set(reply.text.lower().split())


async def test_repeated_polls_never_reply_twice(
    fake_x: FakeXApi, poller: MentionPoller, db: Database
) -> None:
    await _started(poller, fake_x)
    question = fake_x.mention(fake_x.add_user("carol"), "@AcmeSupport How do I reset my 2FA?")
    await poller.poll_once()
    await poller.poll_once()
    # Even with the cursor lost (the mention is fetched again), the UNIQUE claim holds.
    async with db.write() as tx:
        await tx.execute("DELETE FROM x_mention_cursor")
    fake_x.mention(fake_x.add_user("zed"), "@AcmeSupport newer, so the history rule skips")
    await poller.poll_once()
    async with db.write() as tx:
        await tx.execute("UPDATE x_mention_cursor SET since_id = ?", (str(int(question.id) - 1),))
    report = await poller.poll_once()
    assert report.fetched == 2 and report.outcomes.get("seen") == 1
    assert len(fake_x.replies_to(question.id)) == 1


async def test_a_crash_between_claim_and_reply_means_no_reply_not_two(
    fake_x: FakeXApi,
    poller: MentionPoller,
    x_client: TweepyXClient,
    db: Database,
    clock: SteppingClock,
    responder: MentionResponder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await _started(poller, fake_x)
    question = fake_x.mention(fake_x.add_user("ivan"), "@AcmeSupport How do I reset my 2FA?")
    # The previous process claimed the mention and died before X answered.
    assert await MentionLedger(db, clock).claim(question.id, "ivan")
    restarted = _poller(x_client, db, clock, responder)
    assert (await restarted.poll_once()).outcomes == {"seen": 1}
    assert fake_x.replies_to(question.id) == []
    assert any("claimed but never confirmed" in r.getMessage() for r in caplog.records)


class FailsOn(MentionResponder):
    """The real responder, except that it raises for mentions containing `word`."""

    def __init__(self, inner: MentionResponder, word: str) -> None:
        self._inner = inner
        self._word = word

    def respond(self, mention: Mention, own_username: str) -> MentionReply | None:
        if self._word in mention.text:
            # Like many real errors, the message quotes the input: the post's text.
            raise ValueError(f"cannot build a reply to {mention.text!r}")
        return self._inner.respond(mention, own_username)


async def test_one_mention_that_breaks_the_responder_does_not_hold_back_the_rest(
    fake_x: FakeXApi,
    x_client: TweepyXClient,
    db: Database,
    clock: SteppingClock,
    responder: MentionResponder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    poller = _poller(x_client, db, clock, FailsOn(responder, "BOOM"))
    await _started(poller, fake_x)
    before = fake_x.mention(fake_x.add_user("kim"), "@AcmeSupport How do I reset my 2FA?")
    bad = fake_x.mention(fake_x.add_user("lee"), "@AcmeSupport BOOM how do I withdraw?")
    after = fake_x.mention(fake_x.add_user("max"), "@AcmeSupport How do I reset my 2FA?")
    report = await poller.poll_once()
    assert report.outcomes == {"answered": 2, "error": 1}
    assert len(fake_x.replies_to(before.id)) == 1 and len(fake_x.replies_to(after.id)) == 1
    assert fake_x.replies_to(bad.id) == []
    ledger = MentionLedger(db, clock)
    assert await ledger.outcome(bad.id) == "error"
    assert await ledger.cursor("1000") == MentionCursor(after.id)
    [logged] = [r for r in caplog.records if "building the reply failed" in r.getMessage()]
    assert getattr(logged, "mention_id", None) == bad.id
    assert getattr(logged, "error_type", None) == "ValueError"
    # The type only: the message (and a traceback's last line) may quote the post.
    assert logged.exc_info is None and logged.exc_text is None
    assert not any("BOOM" in caplog.handler.format(r) for r in caplog.records)
    # Not tried again: even fetched once more (cursor lost), it counts as seen.
    async with db.write() as tx:
        await tx.execute("UPDATE x_mention_cursor SET since_id = ?", (str(int(bad.id) - 1),))
    assert (await poller.poll_once()).outcomes == {"seen": 2}


async def test_own_posts_are_never_answered(fake_x: FakeXApi, poller: MentionPoller) -> None:
    await _started(poller, fake_x)
    own = fake_x.mention(fake_x.account, "@AcmeSupport How do I reset my 2FA?")
    report = await poller.poll_once()
    assert report.outcomes == {"own": 1}
    assert fake_x.replies_to(own.id) == []


async def test_cooldown_holds_back_answers_but_not_warnings(
    fake_x: FakeXApi, poller: MentionPoller, clock: SteppingClock
) -> None:
    await _started(poller, fake_x)
    dave = fake_x.add_user("dave")
    fake_x.mention(dave, "@AcmeSupport How do I reset my 2FA?")
    await poller.poll_once()
    again = fake_x.mention(dave, "@AcmeSupport I forgot my password, how do I reset it?")
    leak = fake_x.mention(dave, f"@AcmeSupport here is my seed {SEED}")
    report = await poller.poll_once()
    assert report.outcomes == {"cooldown": 1, "warned": 1}
    assert fake_x.replies_to(again.id) == []
    assert len(fake_x.replies_to(leak.id)) == 1
    clock.advance(301)
    later = fake_x.mention(dave, "@AcmeSupport My deposit has not arrived after 2 hours")
    assert (await poller.poll_once()).outcomes == {"answered": 1}
    assert len(fake_x.replies_to(later.id)) == 1


async def test_chitchat_and_replies_under_our_posts_stay_unanswered(
    fake_x: FakeXApi, poller: MentionPoller
) -> None:
    await _started(poller, fake_x)
    erin = fake_x.add_user("erin")
    ours = fake_x.mention(fake_x.account, "Deposits are open again. @AcmeSupport")
    fake_x.reply(erin, ours, "@AcmeSupport great news, thanks!")
    fake_x.mention(erin, "@AcmeSupport lol")
    report = await poller.poll_once()
    assert report.outcomes == {"own": 1, "declined": 2}
    assert [t for t in fake_x.tweets if t.in_reply_to and t.author_id == "1000"] == []


async def test_a_rate_limited_reply_is_sent_by_the_next_poll(
    fake_x: FakeXApi, poller: MentionPoller, db: Database
) -> None:
    await _started(poller, fake_x)
    question = fake_x.mention(fake_x.add_user("frank"), "@AcmeSupport How do I reset my 2FA?")
    fake_x.rate_limit(times=3, reset_in=0.0, path_prefix="/2/tweets")  # all attempts used up
    with pytest.raises(XApiError):
        await poller.poll_once()
    assert fake_x.replies_to(question.id) == []
    report = await poller.poll_once()
    assert report.outcomes == {"answered": 1}
    assert len(fake_x.replies_to(question.id)) == 1


# -- wiring ----------------------------------------------------------------------------------


async def test_channel_from_settings_answers_mentions(
    fake_x: FakeXApi,
    db: Database,
    clock: SteppingClock,
    matcher: Matcher,
    scanner: PrivacyScanner,
    texts: Texts,
) -> None:
    settings = load_settings(
        env_file=None,
        x_api_key=CREDENTIALS.consumer_key,
        x_api_secret=CREDENTIALS.consumer_secret,
        x_access_token=CREDENTIALS.access_token,
        x_access_token_secret=CREDENTIALS.access_token_secret,
        x_api_base_url=fake_x.base_url,
        x_poll_seconds=5,
    )
    channel = build_x_channel(
        settings, db, texts, clock, matcher=matcher, scanner=scanner, bot_username=BOT_USERNAME
    )
    assert channel is not None
    async with db.write() as tx:  # as if Beacon had run before
        await tx.execute(
            "INSERT INTO x_mention_cursor (account_id, since_id, updated_at) VALUES (?, ?, ?)",
            ("1000", "1", "2026-03-01T09:00:00+00:00"),
        )
    question = fake_x.mention(fake_x.add_user("gina"), "@AcmeSupport How do I reset my 2FA?")
    await channel.worker.start()
    try:
        for _ in range(100):
            if fake_x.replies_to(question.id):
                break
            await asyncio.sleep(0.05)
    finally:
        await channel.worker.stop()
    [reply] = fake_x.replies_to(question.id)
    assert "art_reset-2fa_en" in reply.text


async def test_channel_is_off_without_credentials(
    db: Database,
    clock: SteppingClock,
    matcher: Matcher,
    scanner: PrivacyScanner,
    texts: Texts,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = load_settings(env_file=None, x_api_key="only-one-of-four")
    with caplog.at_level(logging.INFO, logger="beacon.x"):
        channel = build_x_channel(
            settings, db, texts, clock, matcher=matcher, scanner=scanner, bot_username="b"
        )
    assert channel is None
    assert [r.getMessage() for r in caplog.records if r.name == "beacon.x"] == [
        "X channel off: set X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN and "
        "X_ACCESS_TOKEN_SECRET to answer mentions and post announcements on X"
    ]
