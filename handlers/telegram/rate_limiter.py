"""One overall Telegram budget for everything the bot sends.

Telegram allows a bot about 30 messages a second in all. The application's sends (answers,
privacy notices, the desk) go through PTB's `AIORateLimiter`; announcements go through the
outbox worker's own pacer at 29.5/s. Two independent limits could add up to almost 60/s during
a broadcast, so this limiter hands the overall limit to that one pacer: every chat-bound request
takes a slot from it, and a 429 on either side pauses both. PTB's per-group limit (20/min)
stays as it is.

Removing and reading are not sending: `deleteMessage(s)` and the admin/chat look-ups skip both
the overall pacer and the 20/min per-group limit, which Telegram applies to new messages.
Held in the per-group queue behind notices and answers, a secret would stay up for minutes in
a busy group. A 429 on them is still honoured (waited out, then tried again).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from bot.announcements import PaceLimits, SendPacer
from handlers.telegram.telegram_sender import retry_after_seconds

__all__ = ["SharedRateLimiter"]

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

# Requests with a chat_id that are not new messages in the chat.
UNPACED_ENDPOINTS = frozenset(
    {
        "deleteMessage",
        "deleteMessages",
        "getChat",
        "getChatAdministrators",
        "getChatMember",
        "getChatMemberCount",
    }
)


class SharedRateLimiter(AIORateLimiter):
    """`AIORateLimiter` whose overall limit is a `SendPacer` shared with the outbox."""

    def __init__(self, max_retries: int = 3, overall: SendPacer | None = None) -> None:
        # overall_max_rate=0: PTB's own overall limiter is off; the shared pacer replaces it.
        super().__init__(overall_max_rate=0, max_retries=max_retries)
        self.overall = overall or SendPacer(PaceLimits.telegram())

    def share(self, pacer: SendPacer) -> None:
        """Take the overall limit from `pacer` (the outbox's Telegram pacer) from now on."""
        self.overall = pacer

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        if data.get("chat_id") is None:  # like PTB: only requests to a chat count
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        if endpoint in UNPACED_ENDPOINTS:
            return await self._unpaced(callback, args, kwargs, rate_limit_args)

        async def paced(*call_args: Any, **call_kwargs: Any) -> JSONResult:
            await self.overall.acquire()  # every try, retries included, takes a slot
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as error:
                self.overall.pause(retry_after_seconds(error))
                raise

        return await super().process_request(paced, args, kwargs, endpoint, data, rate_limit_args)

    async def _unpaced(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(retries + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt >= retries:
                    raise
                await asyncio.sleep(retry_after_seconds(error) + 0.1)
        raise AssertionError("unreachable")  # the loop returns or raises
