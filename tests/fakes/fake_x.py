"""A small fake of the X API v2 on 127.0.0.1, for tweepy's real async client to talk to.

Endpoints: POST /2/tweets (text, reply.in_reply_to_tweet_id), DELETE /2/tweets/:id,
GET /2/users/me,
GET /2/users/:id/mentions (since_id, max_results, pagination_token, expansions=author_id,
tweet.fields, user.fields), GET /2/users/:id/tweets (the user's own posts, newest first:
since_id, until_id, max_results, pagination_token, exclude, tweet.fields). Behaviour copied
from X: tweets longer than 280 weighted characters are refused, the same text twice from one
account gets X's duplicate-content 403, a rate limit answers 429 with
x-rate-limit-limit/-remaining/-reset headers, and the timeline renders text the way X does
(`&`, `<`, `>` HTML-escaped, each link a t.co link with the original in `entities.urls`).
Every request is recorded.

Test controls are plain methods (the tests run in the same process): `add_user`, `mention`,
`reply`, `rate_limit`, `fail_posts`, `forbid_timeline`.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import unquote

from aiohttp import web
from twitter_text import parse_tweet

__all__ = ["FakeTweet", "FakeUser", "FakeXApi", "RecordedRequest"]

DUPLICATE_DETAIL = "You are not allowed to create a Tweet with duplicate content."
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class FakeUser:
    id: str
    username: str
    name: str


@dataclass(frozen=True)
class FakeTweet:
    id: str
    author_id: str
    text: str
    in_reply_to: str | None = None
    lang: str = "en"
    created_at: str = "2026-01-01T00:00:00.000Z"


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    json: Any
    auth_scheme: str | None  # "OAuth" (user context), "Bearer" or None
    oauth: dict[str, str] = field(default_factory=dict)  # oauth_* parameters, signature included
    at: float = 0.0  # when it arrived (epoch seconds)
    status: int = 0  # what the fake answered (0 until known)


_RECORDED = web.RequestKey("recorded", RecordedRequest)


@dataclass
class _RateLimit:
    remaining: int  # how many more requests get a 429
    reset_in: float
    path_prefix: str | None


@dataclass
class _PostFault:
    after: int  # successful posts before the fault starts
    times: int
    status: int
    create: bool  # True: the tweet is created but the answer is lost (an error is returned)


class FakeXApi:
    """The fake server. `account` is the user whose credentials the client holds."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        account: FakeUser | None = None,
        consumer_key: str = "fake-consumer-key",
    ) -> None:
        self._host = host
        self._port = port
        self.account = account or FakeUser("1000", "AcmeSupport", "Acme Support")
        self.consumer_key = consumer_key
        self.users: dict[str, FakeUser] = {self.account.id: self.account}
        self.tweets: list[FakeTweet] = []
        self.requests: list[RecordedRequest] = []
        self._ids = itertools.count(1_900_000_000_000_000_000)
        self._user_ids = itertools.count(2000)
        self._limits: list[_RateLimit] = []
        self._post_fault: _PostFault | None = None
        self._posts_ok = 0
        self._timeline_forbidden = False
        self._runner: web.AppRunner | None = None

    # Server life cycle ------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._runner is None:
            raise RuntimeError("the fake X API is not running; await start() first")
        return f"http://{self._host}:{self._port}"

    async def start(self) -> None:
        app = web.Application(middlewares=[_record_status])
        app.router.add_post("/2/tweets", self._create_tweet)
        app.router.add_delete("/2/tweets/{id}", self._delete_tweet)
        app.router.add_get("/2/users/me", self._me)
        app.router.add_get("/2/users/{id}/mentions", self._mentions)
        app.router.add_get("/2/users/{id}/tweets", self._user_tweets)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeXApi:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    # Test controls ----------------------------------------------------------------------

    def add_user(self, username: str, name: str | None = None) -> FakeUser:
        user = FakeUser(str(next(self._user_ids)), username, name or username)
        self.users[user.id] = user
        return user

    def mention(self, author: FakeUser, text: str, *, lang: str = "en") -> FakeTweet:
        """`author` posts `text` (include "@AcmeSupport" to mention the account)."""
        return self._store(author.id, text, None, lang)

    def reply(self, author: FakeUser, to: FakeTweet, text: str, *, lang: str = "en") -> FakeTweet:
        """`author` replies to `to` (X puts the conversation's handles first in `text`)."""
        return self._store(author.id, text, to.id, lang)

    def rate_limit(
        self, *, times: int = 1, reset_in: float = 1.0, path_prefix: str | None = None
    ) -> None:
        """The next `times` requests (under `path_prefix`, if given) get a 429."""
        self._limits.append(_RateLimit(times, reset_in, path_prefix))

    def fail_posts(
        self, *, after: int, times: int = 1, status: int = 503, create: bool = False
    ) -> None:
        """After `after` more successful posts, fail the next `times` posts with `status`."""
        self._post_fault = _PostFault(self._posts_ok + after, times, status, create)

    def forbid_timeline(self) -> None:
        """GET /2/users/:id/tweets answers 403 from now on, as X does for an app whose access
        level may post but not read timelines (the Free tier)."""
        self._timeline_forbidden = True

    def posts_by(self, user: FakeUser) -> list[FakeTweet]:
        return [t for t in self.tweets if t.author_id == user.id]

    def replies_to(self, tweet_id: str) -> list[FakeTweet]:
        return [t for t in self.tweets if t.in_reply_to == tweet_id]

    def requests_to(self, method: str, path_prefix: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.path.startswith(path_prefix)]

    # Endpoints --------------------------------------------------------------------------

    async def _create_tweet(self, request: web.Request) -> web.Response:
        body = await request.json()
        refused = self._admit(request, body)
        if refused is not None:
            return refused
        text = body.get("text")
        if not isinstance(text, str) or not parse_tweet(text).valid:
            return _problem(400, "Invalid Request", "Your Tweet text is too long or empty.")
        reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if reply_to is not None and not any(t.id == str(reply_to) for t in self.tweets):
            return _problem(400, "Invalid Request", "The tweet you are replying to was not found.")
        if any(t.author_id == self.account.id and t.text == text for t in self.tweets):
            return _problem(403, "Forbidden", DUPLICATE_DETAIL)
        fault = self._post_fault
        if fault is not None and self._posts_ok >= fault.after and fault.times > 0:
            fault.times -= 1
            if fault.create:
                self._store(self.account.id, text, reply_to, "en")
            return _problem(fault.status, "Service Unavailable", "Over capacity")
        tweet = self._store(self.account.id, text, str(reply_to) if reply_to else None, "en")
        self._posts_ok += 1
        return web.json_response(
            {"data": {"id": tweet.id, "text": text, "edit_history_tweet_ids": [tweet.id]}},
            status=201,
        )

    async def _delete_tweet(self, request: web.Request) -> web.Response:
        refused = self._admit(request, None)
        if refused is not None:
            return refused
        tweet_id = request.match_info["id"]
        found = [t for t in self.tweets if t.id == tweet_id]
        if not found:
            return _problem(404, "Not Found Error", "Could not find tweet.")
        if found[0].author_id != self.account.id:
            return _problem(403, "Forbidden", "You are not allowed to delete this Tweet.")
        self.tweets.remove(found[0])
        return web.json_response({"data": {"deleted": True}})

    async def _me(self, request: web.Request) -> web.Response:
        refused = self._admit(request, None)
        if refused is not None:
            return refused
        user = self.account
        return web.json_response(
            {"data": {"id": user.id, "name": user.name, "username": user.username}}
        )

    async def _mentions(self, request: web.Request) -> web.Response:
        user = self._user_in_path(request)
        if isinstance(user, web.Response):
            return user
        query = request.query
        handle = f"@{user.username.lower()}"
        since = int(query.get("since_id", "0"))
        found = [t for t in self.tweets if handle in t.text.lower() and int(t.id) > since]
        page, payload = self._page(found, query, rendered=False)
        if "author_id" in query.get("expansions", "") and page:
            authors = {t.author_id for t in page}
            payload["includes"] = {
                "users": [
                    {"id": u.id, "name": u.name, "username": u.username}
                    for u in self.users.values()
                    if u.id in authors
                ]
            }
        return web.json_response(payload)

    async def _user_tweets(self, request: web.Request) -> web.Response:
        user = self._user_in_path(request)
        if isinstance(user, web.Response):
            return user
        if self._timeline_forbidden:
            return _problem(
                403,
                "Client Forbidden",
                "When authenticating requests to the Twitter API v2 endpoints, you must use keys"
                " and tokens from a Twitter developer App that is attached to a Project.",
                type_="https://api.twitter.com/2/problems/client-forbidden",
                reason="client-not-enrolled",
            )
        query = request.query
        since = int(query.get("since_id", "0"))
        until = int(query.get("until_id", "0")) or None
        exclude = set(query.get("exclude", "").split(","))
        found = [
            t
            for t in self.tweets
            if t.author_id == user.id
            and int(t.id) > since
            and (until is None or int(t.id) < until)
            and not ("replies" in exclude and t.in_reply_to is not None)
        ]
        _, payload = self._page(found, query, rendered=True)
        return web.json_response(payload)

    def _user_in_path(self, request: web.Request) -> FakeUser | web.Response:
        """The user `/2/users/:id/...` names, or the refusal to answer with."""
        refused = self._admit(request, None)
        if refused is not None:
            return refused
        user = self.users.get(request.match_info["id"])
        return user or _problem(404, "Not Found Error", "Could not find user.")

    def _page(
        self, found: list[FakeTweet], query: Mapping[str, str], *, rendered: bool
    ) -> tuple[list[FakeTweet], dict[str, Any]]:
        """One page of `found`, newest first as X returns it: the page and `{data, meta}`
        (`rendered`: the text as X renders it, see `_rendered`)."""
        ordered = sorted(found, key=lambda t: int(t.id), reverse=True)
        size = max(5, min(100, int(query.get("max_results", "10"))))
        start = int(query.get("pagination_token", "0"))
        page = ordered[start : start + size]
        fields = set(query.get("tweet.fields", "").split(","))
        meta: dict[str, Any] = {"result_count": len(page)}
        if page:
            meta["newest_id"], meta["oldest_id"] = page[0].id, page[-1].id
        if start + size < len(ordered):
            meta["next_token"] = str(start + size)
        payload: dict[str, Any] = {"meta": meta}
        if page:
            data = [_tweet_json(t, fields, self._author_of(t.in_reply_to)) for t in page]
            payload["data"] = [_rendered(d, fields) for d in data] if rendered else data
        return page, payload

    # Helpers ----------------------------------------------------------------------------

    def _admit(self, request: web.Request, body: Any) -> web.Response | None:
        """Record the request; answer 401 without user-context auth, 429 when limited."""
        header = request.headers.get("Authorization", "")
        scheme = header.split(" ", 1)[0] or None
        oauth = _oauth_params(header) if scheme == "OAuth" else {}
        recorded = RecordedRequest(
            request.method, request.path, dict(request.query), body, scheme, oauth, time.time()
        )
        self.requests.append(recorded)
        request[_RECORDED] = recorded
        if oauth.get("oauth_consumer_key") != self.consumer_key or "oauth_signature" not in oauth:
            return _problem(401, "Unauthorized", "Unauthorized")
        for limit in self._limits:
            if limit.remaining > 0 and (
                limit.path_prefix is None or request.path.startswith(limit.path_prefix)
            ):
                limit.remaining -= 1
                reset = math.ceil(time.time() + limit.reset_in)
                response = _problem(429, "Too Many Requests", "Too Many Requests")
                response.headers["x-rate-limit-limit"] = "300"
                response.headers["x-rate-limit-remaining"] = "0"
                response.headers["x-rate-limit-reset"] = str(reset)
                return response
        return None

    def _author_of(self, tweet_id: str | None) -> str | None:
        return next((t.author_id for t in self.tweets if t.id == tweet_id), None)

    def _store(self, author_id: str, text: str, reply_to: str | None, lang: str) -> FakeTweet:
        tweet = FakeTweet(str(next(self._ids)), author_id, text, reply_to, lang)
        self.tweets.append(tweet)
        return tweet


@web.middleware
async def _record_status(request: web.Request, handler: Any) -> web.StreamResponse:
    response: web.StreamResponse = await handler(request)
    recorded = request.get(_RECORDED)
    if isinstance(recorded, RecordedRequest):
        recorded.status = response.status
    return response


def _problem(
    status: int, title: str, detail: str, *, type_: str = "about:blank", **more: str
) -> web.Response:
    """X's v2 error body (RFC 7807 style)."""
    return web.json_response(
        {"title": title, "detail": detail, "type": type_, "status": status, **more},
        status=status,
    )


def _tweet_json(tweet: FakeTweet, fields: set[str], replied_user: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": tweet.id,
        "text": tweet.text,
        "edit_history_tweet_ids": [tweet.id],
    }
    if "author_id" in fields:
        data["author_id"] = tweet.author_id
    if "lang" in fields:
        data["lang"] = tweet.lang
    if "created_at" in fields:
        data["created_at"] = tweet.created_at
    if replied_user is not None and "in_reply_to_user_id" in fields:
        data["in_reply_to_user_id"] = replied_user
    if tweet.in_reply_to is not None and "referenced_tweets" in fields:
        data["referenced_tweets"] = [{"type": "replied_to", "id": tweet.in_reply_to}]
    return data


def _rendered(data: dict[str, Any], fields: set[str]) -> dict[str, Any]:
    """`data["text"]` as X serves it: links become t.co links, then `&<>` are escaped."""
    text, out, urls = data["text"], "", []
    position = 0
    for match in _URL.finditer(text):
        out += html.escape(text[position : match.start()], quote=False)
        original = match.group()
        short = "https://t.co/" + hashlib.sha256(original.encode()).hexdigest()[:10]
        urls.append(
            {
                "start": len(out),
                "end": len(out) + len(short),
                "url": short,
                "expanded_url": original,
                "display_url": original.split("://", 1)[1][:26],
            }
        )
        out += short
        position = match.end()
    out += html.escape(text[position:], quote=False)
    data = {**data, "text": out}
    if urls and "entities" in fields:
        data["entities"] = {"urls": urls}
    return data


def _oauth_params(header: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in header.removeprefix("OAuth ").split(","):
        key, _, value = item.strip().partition("=")
        if key.startswith("oauth_"):
            params[key] = unquote(value.strip('"'))
    return params
