"""X as a channel of the announcement outbox: a `Sender` that publishes threads.

Register it as `SenderRegistry.register("x", sender)`. An outbox row for X has the target
`XAnnouncementSender.TARGET` ("account": the one account the credentials belong to) and the
language of the version to post. The row's message id is the id of the thread's first tweet.

The thread is keyed by the delivery (`OutgoingMessage.key`, "announcement:42:en"), never by
its text: two announcements with the same words are two threads. X refuses to post the same
text twice from one account, so the second of them fails with "duplicate_on_x" while the first
is still on X. When no tweet id of the thread could be learned (every part was already on X
and none was found again), the message id is the thread key; `delete` accepts either.

A thread X refuses for good after some of its parts went out (a permanent failure, or
"duplicate_on_x" on a later part) is taken back first: the parts already posted are deleted, so a
failed row, which has no message id to delete, leaves nothing half-posted on X.

X has no editing or pinning for API clients, so `edit`, `pin` and `unpin` fail permanently
with the reason "not_supported_on_x"; `delete` deletes the whole thread.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from bot.announcements.channels import PermanentFailure, RetryLater, TransientFailure
from bot.announcements.models import OutgoingMessage, Target
from bot.settings import Settings
from bot.x.client import XApiError, XRateLimited
from bot.x.plain_text import html_to_text
from bot.x.publisher import PostedElsewhere, XThreadPublisher
from bot.x.thread import ThreadError
from bot.x.worker import XConnection

__all__ = ["X_CHANNEL", "XAnnouncementSender", "announcement_text", "x_announcement_target"]

X_CHANNEL = "x"


def x_announcement_target(settings: Settings) -> Target | None:
    """The X account as an announcement target, when X is configured (chosen with "+x")."""
    return Target(X_CHANNEL, "account", settings.x_language) if settings.x_enabled else None


_FALLBACK_RETRY_SECONDS = 60.0


def announcement_text(message: OutgoingMessage) -> str:
    """The text posted on X: the HTML as plain text, then each link button as "label: url".

    A photo is a Telegram file reference X cannot use, so it is left out.
    """
    text = html_to_text(message.html)
    buttons = [f"{b.text}: {b.url}" for b in message.buttons]
    return "\n\n".join(part for part in (text, "\n".join(buttons)) if part)


class XAnnouncementSender:
    """The outbox `Sender` for the channel "x"."""

    TARGET = "account"

    def __init__(
        self,
        connection: XConnection,
        publisher: XThreadPublisher,
        *,
        now: Callable[[], float] = time.time,
    ) -> None:
        self._connection = connection
        self._publisher = publisher
        self._now = now

    async def start(self) -> None:
        await self._connection.open()

    async def stop(self) -> None:
        await self._connection.close()

    async def send(self, target: str, message: OutgoingMessage) -> str:
        if message.key is None:
            # Without a stable key a retry could not find the thread it began.
            raise PermanentFailure("no_delivery_key", "X threads need OutgoingMessage.key")
        text = announcement_text(message)
        try:
            result = await self._publisher.publish(
                message.key, text, formerly=_text_key(target, text)
            )
        except ThreadError as error:
            raise PermanentFailure("empty_or_invalid_for_x", str(error)) from error
        except PostedElsewhere as error:
            await self._publisher.discard(message.key)
            raise PermanentFailure("duplicate_on_x", str(error)) from error
        except XApiError as error:
            failure = self._delivery_error(error)
            if isinstance(failure, PermanentFailure):
                await self._publisher.discard(message.key)
            raise failure from error
        return result.first_tweet_id or message.key

    async def edit(self, target: str, message_id: str, message: OutgoingMessage) -> None:
        raise PermanentFailure("not_supported_on_x", "X posts cannot be edited")

    async def delete(self, target: str, message_id: str) -> None:
        try:
            await self._publisher.withdraw(message_id)
        except XApiError as error:
            raise self._delivery_error(error) from error

    async def pin(self, target: str, message_id: str, *, silent: bool) -> None:
        raise PermanentFailure("not_supported_on_x", "pinning is not available to X API clients")

    async def unpin(self, target: str, message_id: str) -> None:
        raise PermanentFailure("not_supported_on_x", "pinning is not available to X API clients")

    def _delivery_error(self, error: XApiError) -> Exception:
        if isinstance(error, XRateLimited):
            wait = (
                _FALLBACK_RETRY_SECONDS
                if error.reset_at is None
                else max(1.0, error.reset_at - self._now() + 1.0)
            )
            return RetryLater(wait)
        if error.status == 0 or error.status >= 500:
            return TransientFailure(str(error))
        reason = {401: "x_unauthorized", 403: "x_forbidden"}.get(error.status, "x_rejected")
        return PermanentFailure(reason, str(error))


def _text_key(target: str, text: str) -> str:
    """The key threads had before they were keyed by announcement (a hash of the text); an
    unfinished thread begun under it before an upgrade is continued, not started again."""
    return "announcement:" + hashlib.sha256(f"{target}\n{text}".encode()).hexdigest()[:32]
