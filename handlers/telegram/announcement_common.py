"""What the announcement handlers share: the moderator's language, replies, domain errors."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationHandlerStop

from bot.announcements import AnnouncementService, describe_when
from bot.errors import BeaconError, InvalidInput
from bot.ids import parse_id
from bot.language import normalise_language_code
from bot.texts import Texts
from handlers.telegram.context import BeaconContext

__all__ = [
    "CALLBACK_PREFIX",
    "Callback",
    "announcement_service",
    "final",
    "friendly",
    "int_arg",
    "lang_of",
    "say",
    "user_id_of",
    "when_text",
]

Callback = Callable[[Update, BeaconContext], Coroutine[Any, Any, None]]
CALLBACK_PREFIX = "ann:"


def lang_of(update: Update) -> str:
    user = update.effective_user
    return normalise_language_code(user.language_code if user else None)


def user_id_of(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


async def say(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


def friendly(callback: Callback) -> Callback:
    """Turn domain errors into the texts that explain them."""

    async def wrapped(update: Update, context: BeaconContext) -> None:
        try:
            await callback(update, context)
        except BeaconError as error:
            texts = context.services.texts
            fields = {"hint": "", **error.fields}
            await say(update, texts.get(error.text_key, lang_of(update), **fields))

    wrapped.__doc__ = callback.__doc__
    return wrapped


def final(callback: Callback) -> Callback:
    """Nothing else (the desk, the Q&A) handles a message that answered a draft question."""

    async def wrapped(update: Update, context: BeaconContext) -> None:
        await callback(update, context)
        raise ApplicationHandlerStop

    wrapped.__doc__ = callback.__doc__
    return wrapped


def announcement_service(context: BeaconContext) -> AnnouncementService:
    return context.services.announcements


def int_arg(args: list[str], index: int) -> int:
    value = parse_id(args[index]) if index < len(args) else None
    if value is None:  # also a number too large for an id (OverflowError in SQL)
        raise InvalidInput("bad id", text_key="announcements.invalid_id")
    return value


def when_text(texts: Texts, lang: str, send_at: float | None, zone: str | None) -> str:
    """The time as the moderator wrote it, with the UTC offset used for a named zone (and a
    warning when that wall time happens twice there)."""
    if send_at is None:
        return texts.get("announcements.when_now", lang)
    local, offset, twice = describe_when(send_at, zone)
    name = zone or "UTC"
    key = "announcements.when_at"
    if name.startswith("UTC"):
        key = "announcements.when_at_fixed"  # "UTC", "UTC+08:00": the offset is the name
    elif twice:
        key = "announcements.when_at_twice"
    return texts.get(key, lang, time=local, zone=name, offset=offset)
