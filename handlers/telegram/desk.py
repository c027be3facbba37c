"""The private support desk in the user's DM: /start menu, tickets, complaints, records."""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.desk import Kind
from bot.ids import parse_id
from handlers.telegram import desk_staff
from handlers.telegram.context import BeaconContext
from handlers.telegram.desk_convert import desk_message_from, person_from, send_all

__all__ = ["register"]

PRIVATE = filters.ChatType.PRIVATE


async def on_start(update: Update, context: BeaconContext) -> None:
    """/start and /start ticket|complaint|verify: the desk's menu or a direct entry."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    payload = context.args[0] if context.args else ""
    replies = await context.services.desk.start(person_from(user), payload)
    await send_all(context.bot, message.chat.id, replies)


async def on_ticket(update: Update, context: BeaconContext) -> None:
    """/ticket: open a ticket (in a group: point to the private chat)."""
    await _begin(update, context, Kind.TICKET)


async def on_complaint(update: Update, context: BeaconContext) -> None:
    """/complaint: file an official complaint."""
    await _begin(update, context, Kind.COMPLAINT)


async def _begin(update: Update, context: BeaconContext, kind: Kind) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    person = person_from(user)
    if message.chat.type != "private":
        reply = context.services.desk.go_private(person, kind, context.bot.username)
        reply = dataclasses.replace(reply, reply_to_message_id=message.message_id)
        thread_id = message.message_thread_id if message.is_topic_message else None
        await send_all(context.bot, message.chat.id, [reply], thread_id=thread_id)
        return
    await send_all(context.bot, message.chat.id, await context.services.desk.begin(person, kind))


async def on_command(update: Update, context: BeaconContext) -> None:
    """/mytickets, /transcript, /forget, /verify, /cancel in the private chat."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    desk = context.services.desk
    person = person_from(user)
    name = message.text.split()[0].lstrip("/").split("@")[0].lower()
    argument = " ".join(context.args or [])
    if name == "mytickets":
        replies = await desk.records.my_tickets(person)
    elif name == "transcript":
        replies = await desk.records.transcript(person, argument)
    elif name == "forget":
        replies = desk.records.ask_forget(person)
    elif name == "verify":
        replies = await desk.verify(person, argument)
    else:
        replies = await desk.cancel(person)
    await send_all(context.bot, message.chat.id, replies)


async def on_button(update: Update, context: BeaconContext) -> None:
    """A desk button: menu, intake answers, rating, complaint outcome, /forget confirmation."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    await query.answer()
    desk = context.services.desk
    person = person_from(query.from_user)
    parts = query.data.split(":")
    action, args = parts[1], parts[2:]
    if action not in ("new", "menu"):
        # One answer per set of buttons: a second press must not act twice.
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(None)
    if action == "new":
        replies = await desk.begin(person, Kind.TICKET)
    elif action == "menu" and args:
        replies = await desk.menu_choice(person, args[0])
    elif action == "i" and args:
        replies = await desk.choose(person, ":".join(args))
    elif action == "rate" and len(args) == 2 and (rating := _two_ids(args)) is not None:
        replies = await desk.rate(person, *rating)
    elif action == "outcome" and len(args) == 2 and (ticket_id := parse_id(args[0])) is not None:
        replies = await desk.outcome(person, ticket_id, args[1] == "yes")
    elif action == "forget" and args:
        others = vars(context.services).values()
        replies = await desk.records.forget(person, args[0] == "yes", others)
    else:
        replies = [desk.menu(person)]
    await send_all(context.bot, query.message.chat.id, replies)


async def on_private_message(update: Update, context: BeaconContext) -> None:
    """A message in the DM: an intake answer, a follow-up to a ticket, or not the desk's."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    result = await context.services.desk.on_message(desk_message_from(message, user))
    await send_all(context.bot, message.chat.id, result.replies)
    if result.handled:
        raise ApplicationHandlerStop  # the Q&A (group 1) must not answer it as well


async def on_unknown_command(update: Update, context: BeaconContext) -> None:
    """A command no feature knows: say so, and point to /help."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    lang = person_from(user).language
    await message.reply_text(context.services.texts.get("core.unknown_command", lang))


class _UnknownCommand(filters.UpdateFilter):
    """A /command that no CommandHandler of the application takes *here*: a staff-only command
    such as /close sent in a private chat is unknown there (checked when it comes)."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        super().__init__(name="UnknownCommand")
        self._application = application

    def filter(self, update: Update) -> bool:
        message = update.effective_message
        if message is None or not (message.text or "").startswith("/"):
            return False
        return not any(
            isinstance(handler, CommandHandler) and handler.check_update(update)
            for handlers in self._application.handlers.values()
            for handler in handlers
        )


def _two_ids(args: list[str]) -> tuple[int, int] | None:
    """Two numbers from callback data; None for junk (the member gets the menu)."""
    first, second = parse_id(args[0]), parse_id(args[1])
    return (first, second) if first is not None and second is not None else None


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # The plain /start is the catch-all: /start priv_... and art_... are registered before it.
    application.add_handler(CommandHandler("start", on_start, filters=PRIVATE))
    application.add_handler(CommandHandler("ticket", on_ticket))
    application.add_handler(CommandHandler("complaint", on_complaint))
    application.add_handler(
        CommandHandler(
            ["mytickets", "transcript", "forget", "verify", "cancel"], on_command, filters=PRIVATE
        )
    )
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^desk:"))
    desk_staff.register(application)
    application.add_handler(
        MessageHandler(PRIVATE & ~filters.COMMAND & filters.UpdateType.MESSAGE, on_private_message)
    )
    application.add_handler(
        MessageHandler(PRIVATE & filters.COMMAND & _UnknownCommand(application), on_unknown_command)
    )
