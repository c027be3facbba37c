"""tweepy's real async client against the fake X API: URLs, auth, errors, pagination."""

from __future__ import annotations

import time

import aiohttp
import pytest
from yarl import URL

from bot.x import DuplicateTweet, XAccount, XApiError, XRateLimited
from handlers.x import RoutedSession, TweepyXClient
from tests.fakes.fake_x import DUPLICATE_DETAIL, FakeXApi
from tests.fakes.x_fixtures import CREDENTIALS


@pytest.mark.parametrize(
    ("base", "original", "expected"),
    [
        (
            "http://127.0.0.1:8081",
            "https://api.twitter.com/2/users/me",
            "http://127.0.0.1:8081/2/users/me",
        ),
        (
            "http://127.0.0.1:8081/x/",
            "https://api.twitter.com/2/users/1/mentions?since_id=5",
            "http://127.0.0.1:8081/x/2/users/1/mentions?since_id=5",
        ),
        (
            "https://sandbox.example",
            # tweepy signs, then passes the URL pre-encoded: it must reach the server unchanged.
            URL("https://api.twitter.com/2/users/1/mentions?a=1%3A2&f=x%2Cy", encoded=True),
            "https://sandbox.example/2/users/1/mentions?a=1%3A2&f=x%2Cy",
        ),
    ],
)
async def test_routed_session_swaps_only_the_origin(
    base: str, original: str | URL, expected: str
) -> None:
    async with aiohttp.ClientSession() as session:
        assert str(RoutedSession(session, base).route(original)) == expected


async def test_me_is_signed_with_oauth1_user_context(
    fake_x: FakeXApi, x_client: TweepyXClient
) -> None:
    assert await x_client.me() == XAccount("1000", "AcmeSupport")
    [request] = fake_x.requests
    assert (request.method, request.path, request.auth_scheme) == ("GET", "/2/users/me", "OAuth")
    assert request.oauth["oauth_consumer_key"] == CREDENTIALS.consumer_key
    assert request.oauth["oauth_token"] == CREDENTIALS.access_token
    assert request.oauth["oauth_signature"]


async def test_post_and_reply(fake_x: FakeXApi, x_client: TweepyXClient) -> None:
    first = await x_client.post("Deposits are open again.")
    second = await x_client.post("Thanks for your patience.", in_reply_to=first)
    assert [(t.id, t.in_reply_to) for t in fake_x.posts_by(fake_x.account)] == [
        (first, None),
        (second, first),
    ]
    posts = fake_x.requests_to("POST", "/2/tweets")
    assert posts[1].json == {
        "text": "Thanks for your patience.",
        "reply": {"in_reply_to_tweet_id": first},
    }


async def test_duplicate_content_is_its_own_error(
    fake_x: FakeXApi, x_client: TweepyXClient
) -> None:
    await x_client.post("Same words.")
    with pytest.raises(DuplicateTweet) as caught:
        await x_client.post("Same words.")
    assert caught.value.status == 403
    assert DUPLICATE_DETAIL in str(caught.value)


async def test_other_refusals_are_api_errors(fake_x: FakeXApi, x_client: TweepyXClient) -> None:
    with pytest.raises(XApiError) as caught:
        await x_client.post("x" * 281)
    assert caught.value.status == 400
    assert not isinstance(caught.value, DuplicateTweet)


async def test_rate_limit_carries_the_reset_time(fake_x: FakeXApi, x_client: TweepyXClient) -> None:
    fake_x.rate_limit(times=1, reset_in=30)
    with pytest.raises(XRateLimited) as caught:
        await x_client.me()
    assert caught.value.reset_at is not None
    assert 25 <= caught.value.reset_at - time.time() <= 32
    assert await x_client.me() == XAccount("1000", "AcmeSupport")  # the window is over


async def test_mentions_since_id_all_pages_oldest_first(
    fake_x: FakeXApi, x_client: TweepyXClient
) -> None:
    alice = fake_x.add_user("alice")
    old = fake_x.mention(alice, "@AcmeSupport hello")
    posted = [fake_x.mention(alice, f"@AcmeSupport question {i}") for i in range(230)]
    fake_x.mention(alice, "no mention here")
    mentions = await x_client.mentions("1000", since_id=old.id)
    assert [m.id for m in mentions] == [t.id for t in posted]
    assert {(m.author_id, m.author_username) for m in mentions} == {(alice.id, "alice")}
    pages = fake_x.requests_to("GET", "/2/users/1000/mentions")
    assert len(pages) == 3  # 100 + 100 + 30
    assert all(p.query["since_id"] == old.id for p in pages)
    assert "pagination_token" not in pages[0].query and pages[1].query["pagination_token"]


async def test_mentions_map_replies_and_language(fake_x: FakeXApi, x_client: TweepyXClient) -> None:
    bob = fake_x.add_user("bob")
    root = fake_x.mention(bob, "@AcmeSupport 你好", lang="zh")
    reply = fake_x.reply(bob, root, "@AcmeSupport thanks")
    first, second = await x_client.mentions("1000", since_id=None)
    assert (first.id, first.lang, first.in_reply_to_user_id) == (root.id, "zh", None)
    assert (second.id, second.in_reply_to_user_id) == (reply.id, bob.id)


async def test_recent_tweets_are_the_accounts_own_as_posted(
    fake_x: FakeXApi, x_client: TweepyXClient
) -> None:
    alice = fake_x.add_user("alice")
    fake_x.mention(alice, "@AcmeSupport not ours")
    text = "Fees drop <50% & more: https://acme.example/fees?a=1&b=2 (details)"
    first = await x_client.post(text)
    second = await x_client.post("Part two.", in_reply_to=first)
    older = [await x_client.post(f"Filler {i}.") for i in range(150)]
    tweets = await x_client.recent_tweets("1000")
    assert len(tweets) == 152
    assert [t.id for t in tweets[:150]] == list(reversed(older))  # newest first
    assert [(t.id, t.text, t.in_reply_to) for t in tweets[150:]] == [
        (second, "Part two.", first),
        (first, text, None),
    ]
    pages = fake_x.requests_to("GET", "/2/users/1000/tweets")
    assert len(pages) == 2 and pages[1].query["pagination_token"]
    # What X (and the fake) actually serve, which the client turned back into the text above.
    raw = await x_client._client.get_users_tweets("1000", until_id=second, user_auth=True)
    [served] = [t for t in raw.data if str(t.id) == first]
    assert served.text.startswith("Fees drop &lt;50% &amp; more: https://t.co/")


async def test_recent_tweets_stop_after_two_pages(
    fake_x: FakeXApi, x_client: TweepyXClient
) -> None:
    for i in range(230):
        await x_client.post(f"Post {i}.")
    assert len(await x_client.recent_tweets("1000")) == 200
    assert len(fake_x.requests_to("GET", "/2/users/1000/tweets")) == 2


async def test_delete_and_deleting_a_missing_tweet(
    fake_x: FakeXApi, x_client: TweepyXClient
) -> None:
    tweet_id = await x_client.post("Soon gone.")
    await x_client.delete(tweet_id)
    assert fake_x.posts_by(fake_x.account) == []
    await x_client.delete(tweet_id)  # already gone: not an error


async def test_unreachable_x_is_an_api_error(fake_x: FakeXApi) -> None:
    base = fake_x.base_url
    await fake_x.stop()
    async with TweepyXClient(CREDENTIALS, api_base_url=base, timeout_seconds=5) as client:
        with pytest.raises(XApiError) as caught:
            await client.me()
    assert caught.value.status == 0


async def test_calls_before_open_are_refused() -> None:
    client = TweepyXClient(CREDENTIALS, api_base_url="http://127.0.0.1:9")
    with pytest.raises(RuntimeError, match="not open"):
        await client.me()
