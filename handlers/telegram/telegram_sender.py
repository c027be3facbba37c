"""Telegram as an announcement channel: the `Sender` adapter, the report `Notifier`, the wiring.

The outbox worker sends through its own plain `telegram.Bot`, not the application's bot: that
one has `AIORateLimiter(max_retries=3)`, which would sleep through a RetryAfter inside the call
(holding a leased row and a send slot, and hiding the 429 from the pacer) and add a second,
unaware rate limit. Here every 429 reaches the worker at once as `RetryLater`, and the worker's
pacer alone decides the rate.
"""

from __future__ import annotations

import datetime as dtm
import warnings
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bot.announcements import (
    AnnouncementService,
    DeliveryReport,
    DeliveryTiming,
    OutgoingMessage,
    PermanentFailure,
    RetryLater,
    SenderRegistry,
    TargetMoved,
    TransientFailure,
    build_announcement_service,
    render_report,
)
from bot.chats import ChatDirectory
from bot.clock import Clock
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts

__all__ = [
    "TelegramNotifier",
    "TelegramSender",
    "build_announcements",
    "neutral_error",
    "retry_after_seconds",
    "send_outgoing",
]

_GONE = ("message to edit not found", "message to delete not found", "message can't be")
_NO_RIGHTS = ("not enough rights", "need administrator rights", "have no rights")


def _markup(message: OutgoingMessage) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, url=b.url)] for b in message.buttons]
    )


async def send_outgoing(bot: Bot, chat_id: int, message: OutgoingMessage) -> Message:
    """Send one announcement version; the preview uses this too, so it looks the same."""
    if message.photo:
        return await bot.send_photo(
            chat_id=chat_id,
            photo=message.photo,
            caption=message.html,
            parse_mode=ParseMode.HTML,
            reply_markup=_markup(message),
            disable_notification=message.silent,
        )
    return await bot.send_message(
        chat_id=chat_id,
        text=message.html,
        parse_mode=ParseMode.HTML,
        reply_markup=_markup(message),
        disable_notification=message.silent,
    )


def retry_after_seconds(error: RetryAfter) -> float:
    """RetryAfter's delay in seconds, whichever type this PTB version hands out."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = error.retry_after
    if isinstance(value, dtm.timedelta):
        return value.total_seconds()
    return float(value)


def neutral_error(error: TelegramError, *, gone_is_success: bool = False) -> Exception | None:
    """Map a PTB error to the outbox's neutral errors (None: treat the call as done)."""
    if isinstance(error, RetryAfter):
        return RetryLater(retry_after_seconds(error))
    if isinstance(error, Forbidden):
        return PermanentFailure("forbidden", error.message)
    if isinstance(error, ChatMigrated):
        # The group became a supergroup: the worker moves the target and sends there.
        return TargetMoved(str(error.new_chat_id))
    if isinstance(error, BadRequest):
        text = error.message.lower()
        if "message is not modified" in text:
            return None
        if any(g in text for g in _GONE):
            return None if gone_is_success else PermanentFailure("message_gone", error.message)
        if "chat not found" in text:
            return PermanentFailure("chat_not_found", error.message)
        if any(r in text for r in _NO_RIGHTS):
            return PermanentFailure("no_rights", error.message)
        return PermanentFailure("bad_request", error.message)
    if isinstance(error, TimedOut):
        # A read or write timeout may come after Telegram took the message.
        return TransientFailure(str(error), maybe_delivered=True)
    if isinstance(error, NetworkError):
        return TransientFailure(str(error))
    return PermanentFailure("bad_request", str(error))


class TelegramSender:
    """`Sender` for Telegram chats; targets are chat ids as text."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    @classmethod
    def for_settings(cls, settings: Settings, *, connections: int = 24) -> TelegramSender:
        token = settings.token
        if token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        request = HTTPXRequest(
            connection_pool_size=connections,
            connect_timeout=5.0,
            read_timeout=10.0,
            write_timeout=10.0,
            pool_timeout=5.0,
        )
        bot = Bot(
            token,
            base_url=settings.telegram_api_base_url,
            base_file_url=settings.telegram_file_base_url,
            request=request,
        )
        return cls(bot)

    async def start(self) -> None:
        await self._bot.initialize()

    async def stop(self) -> None:
        await self._bot.shutdown()

    async def send(self, target: str, message: OutgoingMessage) -> str:
        try:
            sent = await send_outgoing(self._bot, int(target), message)
        except TelegramError as error:
            raise _raise(error) from error
        return str(sent.message_id)

    async def edit(self, target: str, message_id: str, message: OutgoingMessage) -> None:
        try:
            if message.photo:
                await self._bot.edit_message_caption(
                    chat_id=int(target),
                    message_id=int(message_id),
                    caption=message.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=_markup(message),
                )
            else:
                await self._bot.edit_message_text(
                    chat_id=int(target),
                    message_id=int(message_id),
                    text=message.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=_markup(message),
                )
        except TelegramError as error:
            _maybe_raise(error)

    async def delete(self, target: str, message_id: str) -> None:
        try:
            await self._bot.delete_message(chat_id=int(target), message_id=int(message_id))
        except TelegramError as error:
            _maybe_raise(error, gone_is_success=True)

    async def pin(self, target: str, message_id: str, *, silent: bool) -> None:
        try:
            await self._bot.pin_chat_message(
                chat_id=int(target), message_id=int(message_id), disable_notification=silent
            )
        except TelegramError as error:
            _maybe_raise(error)

    async def unpin(self, target: str, message_id: str) -> None:
        try:
            await self._bot.unpin_chat_message(chat_id=int(target), message_id=int(message_id))
        except TelegramError as error:
            _maybe_raise(error, gone_is_success=True)


def _raise(error: TelegramError) -> Exception:
    neutral = neutral_error(error)
    # For a send, "not modified" or "gone" cannot happen; anything unmapped is a refusal.
    return neutral if neutral is not None else PermanentFailure("bad_request", error.message)


def _maybe_raise(error: TelegramError, *, gone_is_success: bool = False) -> None:
    neutral = neutral_error(error, gone_is_success=gone_is_success)
    if neutral is not None:
        raise neutral from error


class TelegramNotifier:
    """Sends delivery reports to the moderator's private chat through the application bot."""

    def __init__(self, bot: Bot, texts: Texts) -> None:
        self._bot = bot
        self._texts = texts

    async def notify(self, chat_id: int, report: DeliveryReport, language: str) -> None:
        await self._bot.send_message(
            chat_id=chat_id,
            text=render_report(self._texts, report, language),
            parse_mode=ParseMode.HTML,
        )


def build_announcements(
    settings: Settings,
    db: Database,
    clock: Clock,
    chats: ChatDirectory,
    texts: Texts,
    telegram_bot: Bot,
) -> AnnouncementService:
    """The announcement service with Telegram registered as its first channel."""
    senders = SenderRegistry({"telegram": TelegramSender.for_settings(settings)})
    return build_announcement_service(
        db,
        clock,
        chats,
        owner_ids=settings.owner_user_ids,
        moderator_ids=settings.moderator_user_ids,
        senders=senders,
        notifier=TelegramNotifier(telegram_bot, texts),
        staff_chat_ids=_staff_chats(settings),
        timing=DeliveryTiming(
            claim_lease_seconds=settings.announcement_claim_lease_seconds,
            send_lease_seconds=settings.announcement_send_lease_seconds,
            poll_seconds=settings.announcement_poll_seconds,
        ),
    )


def _staff_chats(settings: Settings) -> tuple[int, ...]:
    return (settings.staff_chat_id,) if settings.staff_chat_id is not None else ()
