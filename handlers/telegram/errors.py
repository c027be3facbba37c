"""The single error handler: log what went wrong, record what it means, keep the bot alive."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

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


async def on_error(update: object, context: BeaconContext) -> None:
    """Log the error with just enough context; never the update's content."""
    error = context.error
    where = _where(update)
    if isinstance(error, RetryAfter):
        log.warning(
            "flood control: retry later", extra={**where, "retry_after": str(error.retry_after)}
        )
    elif isinstance(error, Forbidden):
        log.info("bot cannot write to this chat", extra={**where, "reason": error.message})
        chat_id, chat_type = where.get("chat_id"), where.get("chat_type")
        if isinstance(chat_id, int) and isinstance(chat_type, str):
            await services_of(context.application).chats.mark_unreachable(chat_id, chat_type)
    elif isinstance(error, BadRequest) and any(
        text in error.message.lower() for text in _HARMLESS_BAD_REQUESTS
    ):
        log.info("telegram race ignored", extra={**where, "reason": error.message})
    elif isinstance(error, TimedOut | NetworkError) and not isinstance(error, BadRequest):
        log.warning("network problem talking to Telegram", extra={**where, "reason": str(error)})
    else:
        log.error("unhandled error", exc_info=error, extra=where)


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
