"""The single error handler: log what went wrong, record what it means, keep the bot alive."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.errors import BeaconError
from bot.language import normalise_language_code
from bot.texts import TextsError
from handlers.telegram.context import BeaconContext, services_of

__all__ = ["on_error"]

log = logging.getLogger("beacon.errors")

# Races that are normal in busy groups: someone (or another bot) deleted the message first.
_HARMLESS_BAD_REQUESTS = (
    "message to delete not found",
    "message to edit not found",
    "message is not modified",
    "query is too old",
)
# Forbidden answers about a person (the failed send was a DM to the update's user) ...
_USER_UNREACHABLE = ("blocked by the user", "user is deactivated", "can't initiate conversation")
# ... and about the chat the update came from.
_CHAT_UNREACHABLE = ("kicked from", "not a member", "chat not found", "have no rights")


async def on_error(update: object, context: BeaconContext) -> None:
    """Log the error with just enough context; never the update's content."""
    error = context.error
    where = _where(update)
    if isinstance(error, BeaconError):
        await _explain(update, context, error)
        log.info("request refused", extra={**where, "error": type(error).__name__})
    elif isinstance(error, RetryAfter):
        log.warning(
            "flood control: retry later", extra={**where, "retry_after": str(error.retry_after)}
        )
    elif isinstance(error, Forbidden):
        log.info("bot cannot write to this chat", extra={**where, "reason": error.message})
        await _record_unreachable(update, context, error.message.lower())
    elif isinstance(error, BadRequest) and any(
        text in error.message.lower() for text in _HARMLESS_BAD_REQUESTS
    ):
        log.info("telegram race ignored", extra={**where, "reason": error.message})
    elif isinstance(error, TimedOut | NetworkError) and not isinstance(error, BadRequest):
        log.warning("network problem talking to Telegram", extra={**where, "reason": str(error)})
    else:
        log.error("unhandled error", exc_info=error, extra=where)


async def _explain(update: object, context: BeaconContext, error: BeaconError) -> None:
    """A domain error that escaped a handler still gets the user a clear answer."""
    if not isinstance(update, Update) or update.effective_message is None:
        return
    user = update.effective_user
    lang = normalise_language_code(user.language_code if user else None)
    texts = services_of(context.application).texts
    try:
        text = texts.get(error.text_key, lang, **{k: str(v) for k, v in error.fields.items()})
    except TextsError:
        text = texts.get("core.error_generic", lang)
    try:
        await update.effective_message.reply_text(text)
    except (BadRequest, Forbidden, NetworkError) as exc:
        log.info("could not explain an error", extra={"reason": str(exc)})


async def _record_unreachable(update: object, context: BeaconContext, reason: str) -> None:
    if not isinstance(update, Update):
        return
    chats = services_of(context.application).chats
    user, chat = update.effective_user, update.effective_chat
    if any(text in reason for text in _USER_UNREACHABLE) and user is not None:
        await chats.mark_unreachable(user.id, "private")
    elif any(text in reason for text in _CHAT_UNREACHABLE) and chat is not None:
        await chats.mark_unreachable(chat.id, chat.type)


def _where(update: object) -> dict[str, object]:
    if not isinstance(update, Update):
        return {}
    where: dict[str, object] = {"update_id": update.update_id}
    if update.effective_chat:
        where["chat_id"] = update.effective_chat.id
        where["chat_type"] = update.effective_chat.type
    if update.effective_user:
        where["user_id"] = update.effective_user.id
    return where
