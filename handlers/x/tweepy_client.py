"""`XClient` over tweepy's async client (tweepy.asynchronous.AsyncClient, API v2, OAuth 1.0a).

tweepy builds every URL as "https://api.twitter.com" + route. To point it elsewhere (the local
fake X API in tests, a sandbox in development: `X_API_BASE_URL`), we use the seam tweepy
documents, `AsyncClient.session` ("Aiohttp client session used to make requests to the API"):
tweepy calls only `session.request(method, url, ...)` on it, so `RoutedSession` forwards to a
real `aiohttp.ClientSession` with the origin swapped. Nothing inside tweepy is patched; the
OAuth signature is still computed by tweepy for the api.twitter.com URL.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import tweepy
from tweepy.asynchronous import AsyncClient
from yarl import URL

from bot.x.client import DuplicateTweet, Mention, OwnTweet, XAccount, XApiError, XRateLimited

__all__ = ["X_API_ORIGIN", "RoutedSession", "TweepyXClient", "XCredentials"]

X_API_ORIGIN = "https://api.twitter.com"
_DUPLICATE = "duplicate content"
_PAGE_SIZE = 100
_MAX_PAGES = 10  # X serves at most the 800 most recent mentions anyway
_OWN_TWEET_PAGES = 2  # a post refused as a duplicate was made moments (or a crash) ago


@dataclass(frozen=True)
class XCredentials:
    """OAuth 1.0a user-context keys of the support account (never logged)."""

    consumer_key: str
    consumer_secret: str
    access_token: str
    access_token_secret: str
    bearer_token: str | None = None


class RoutedSession:
    """Stands in for tweepy's `session`: every request goes to `base_url` instead of X."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self._session = session
        self._base = URL(base_url)

    def request(self, method: str, url: str | URL, **kwargs: Any) -> Any:
        return self._session.request(method, self.route(url), **kwargs)

    def route(self, url: str | URL) -> URL:
        original = url if isinstance(url, URL) else URL(url)
        prefix = self._base.raw_path.rstrip("/")
        return URL.build(
            scheme=self._base.scheme,
            host=self._base.raw_host or "",
            port=self._base.explicit_port,
            path=prefix + original.raw_path,
            query_string=original.raw_query_string,
            encoded=True,
        )


class TweepyXClient:
    """The X API calls Beacon makes, through tweepy; tweepy's errors become `XApiError`s."""

    def __init__(
        self,
        credentials: XCredentials,
        *,
        api_base_url: str | None = None,
        timeout_seconds: float = 30.0,
    ) -> None:
        self._client = AsyncClient(
            bearer_token=credentials.bearer_token,
            consumer_key=credentials.consumer_key,
            consumer_secret=credentials.consumer_secret,
            access_token=credentials.access_token,
            access_token_secret=credentials.access_token_secret,
            # 429s are waited out by bot.x.rate_limit, which also copes with a missing reset.
            wait_on_rate_limit=False,
        )
        self._base_url = api_base_url
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        """One HTTP session for every call (tweepy would otherwise open one per request)."""
        if self._session is not None:
            return
        self._session = aiohttp.ClientSession(timeout=self._timeout)
        self._client.session = (
            RoutedSession(self._session, self._base_url) if self._base_url else self._session
        )

    async def close(self) -> None:
        session, self._session = self._session, None
        self._client.session = None
        if session is not None:
            await session.close()

    async def __aenter__(self) -> TweepyXClient:
        await self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def me(self) -> XAccount:
        response = await self._call(self._client.get_me(user_auth=True))
        return XAccount(id=str(response.data.id), username=str(response.data.username))

    async def post(self, text: str, *, in_reply_to: str | None = None) -> str:
        response = await self._call(
            self._client.create_tweet(text=text, in_reply_to_tweet_id=in_reply_to, user_auth=True)
        )
        return str(response.data["id"])

    async def mentions(self, account_id: str, *, since_id: str | None) -> list[Mention]:
        found: dict[str, Mention] = {}
        pages = self._pages(
            lambda token: self._client.get_users_mentions(
                account_id,
                since_id=since_id,
                pagination_token=token,
                max_results=_PAGE_SIZE,
                expansions=["author_id"],
                tweet_fields=["author_id", "lang", "created_at", "in_reply_to_user_id"],
                user_fields=["username"],
                user_auth=True,
            ),
            _MAX_PAGES,
        )
        async for response in pages:
            usernames = {str(u.id): str(u.username) for u in response.includes.get("users", [])}
            for tweet in response.data or []:
                author = str(tweet.author_id)
                found[str(tweet.id)] = Mention(
                    id=str(tweet.id),
                    author_id=author,
                    author_username=usernames.get(author),
                    text=str(tweet.text),
                    lang=tweet.lang,
                    in_reply_to_user_id=_text_or_none(tweet.in_reply_to_user_id),
                )
        return sorted(found.values(), key=lambda m: int(m.id))

    async def recent_tweets(self, account_id: str) -> list[OwnTweet]:
        found: list[OwnTweet] = []
        pages = self._pages(
            lambda token: self._client.get_users_tweets(
                account_id,
                pagination_token=token,
                max_results=_PAGE_SIZE,
                exclude=["retweets"],
                tweet_fields=["referenced_tweets", "entities", "created_at"],
                user_auth=True,
            ),
            _OWN_TWEET_PAGES,
        )
        async for response in pages:
            for tweet in response.data or []:
                replied_to = next(
                    (str(r.id) for r in tweet.referenced_tweets or [] if r.type == "replied_to"),
                    None,
                )
                found.append(OwnTweet(str(tweet.id), _as_posted(tweet), replied_to))
        return found

    async def delete(self, tweet_id: str) -> None:
        try:
            await self._call(self._client.delete_tweet(tweet_id, user_auth=True))
        except XApiError as error:
            if error.status != 404:
                raise

    async def _pages(
        self, request: Callable[[str | None], Awaitable[Any]], max_pages: int
    ) -> AsyncIterator[Any]:
        """Each response of a paginated call (`request(pagination_token)`), up to `max_pages`."""
        token: str | None = None
        for _ in range(max_pages):
            response = await self._call(request(token))
            yield response
            token = response.meta.get("next_token")
            if not token:
                return

    async def _call(self, request: Any) -> Any:
        if self._session is None:
            request.close()  # the coroutine was never awaited
            raise RuntimeError("TweepyXClient is not open; call open() first")
        try:
            return await request
        except tweepy.TooManyRequests as error:
            raise XRateLimited(str(error), reset_at=error.reset_time) from error
        except tweepy.Forbidden as error:
            if any(_DUPLICATE in message.lower() for message in error.api_messages):
                raise DuplicateTweet(str(error), status=403) from error
            raise XApiError(str(error), status=403) from error
        except tweepy.HTTPException as error:
            raise XApiError(str(error), status=_status(error)) from error
        except (aiohttp.ClientError, TimeoutError) as error:
            raise XApiError(f"X could not be reached: {error!r}") from error


def _as_posted(tweet: Any) -> str:
    """The text as it was posted: X answers with `&`, `<` and `>` HTML-escaped and each link
    replaced by a t.co link (the original is in `entities.urls[].expanded_url`)."""
    text = html.unescape(str(tweet.text))
    for url in (tweet.entities or {}).get("urls", []):
        short, expanded = url.get("url"), url.get("expanded_url")
        if short and expanded:
            text = text.replace(short, expanded)
    return text


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _status(error: tweepy.HTTPException) -> int:
    return int(getattr(error.response, "status", 0) or 0)
