"""Drop an update already taken (a retried webhook delivery, or one another replica has)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from handlers.telegram.context import BeaconContext

__all__ = ["GROUP", "register", "update_stamp"]

GROUP = -100  # before every other handler, the privacy guard (-1) included


def update_stamp(update: Update) -> str:
    """What tells two updates with one id apart, without any of their content."""
    if update.callback_query is not None:
        return f"callback:{update.callback_query.id}"
    for dated in (update.effective_message, update.my_chat_member, update.chat_member):
        date = getattr(dated, "date", None)
        if date is not None:
            return f"date:{int(date.timestamp())}"
    return "none"


async def drop_repeated_update(update: Update, context: BeaconContext) -> None:
    """Stop here when this update was already taken."""
    services = context.services
    first = await services.updates.first_delivery(update.update_id, update_stamp(update))
    services.metrics.updates.labels("handled" if first else "duplicate").inc()
    if not first:
        raise ApplicationHandlerStop


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(TypeHandler(Update, drop_repeated_update), group=GROUP)
