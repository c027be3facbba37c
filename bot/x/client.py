"""What the X services need from X, as a small protocol with neutral types (no tweepy here).

`handlers/x/tweepy_client.py` implements it with tweepy's async client; tests may too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "DuplicateTweet",
    "Mention",
    "OwnTweet",
    "XAccount",
    "XApiError",
    "XClient",
    "XRateLimited",
]


@dataclass(frozen=True, slots=True)
class XAccount:
    """An X user: numeric id (as text, like the API) and @username without the '@'."""

    id: str
    username: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A public post that mentions the bot's account."""

    id: str
    author_id: str
    author_username: str | None
    text: str
    lang: str | None = None  # X's guess (BCP 47), when it sent one
    in_reply_to_user_id: str | None = None  # set when the post replies to someone


@dataclass(frozen=True, slots=True)
class OwnTweet:
    """One of the account's own posts, as its timeline shows it.

    `text` is what was posted: the adapter undoes X's rendering (HTML-escaped `&<>`, links
    shortened to t.co) so it can be compared with the text Beacon sent.
    """

    id: str
    text: str
    in_reply_to: str | None = None  # the tweet it replies to, if any


class XApiError(Exception):
    """X refused or failed a request; `status` is the HTTP status (0 when none)."""

    def __init__(self, message: str, *, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class DuplicateTweet(XApiError):
    """X's 403 "You are not allowed to create a Tweet with duplicate content."

    The same text is already on the account, so for our purposes it has been sent.
    """


class XRateLimited(XApiError):
    """X answered 429; `reset_at` is the epoch second the window resets (None if not sent)."""

    def __init__(self, message: str, *, reset_at: float | None) -> None:
        super().__init__(message, status=429)
        self.reset_at = reset_at


class XClient(Protocol):
    """The X API calls Beacon makes, with the authenticated account's user context."""

    async def me(self) -> XAccount:
        """The account the credentials belong to."""
        ...

    async def post(self, text: str, *, in_reply_to: str | None = None) -> str:
        """Post a tweet (a reply when `in_reply_to` is set); return its id."""
        ...

    async def mentions(self, account_id: str, *, since_id: str | None) -> list[Mention]:
        """Every mention newer than `since_id` (all pages), oldest first."""
        ...

    async def recent_tweets(self, account_id: str) -> list[OwnTweet]:
        """The account's most recent posts (a few hundred at most, replies included), newest
        first: where a post refused as a duplicate is found to learn its id."""
        ...

    async def delete(self, tweet_id: str) -> None:
        """Delete one of the account's own tweets (a missing tweet counts as deleted)."""
        ...
