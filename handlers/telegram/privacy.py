"""Privacy guard handlers: screen every message first, explain `/start priv_...`, `/privacy`.

The guard is the update processor's screen (`privacy_screen`): it sees every new or edited
message, caption, forward, poll and contact card, in groups, channels and private chats,
before and outside the chat's ordered queue; when it acts, no handler runs on the update, so
no other feature answers a message that held a secret.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import Application, ChatMemberHandler, CommandHandler, filters

from bot.deep_links import start_payload_pattern
from bot.language import normalise_language_code
from bot.messages import Sender
from bot.privacy_guard import LINK_PREFIX
from handlers.telegram.context import BeaconContext, inbound_from, services_of
from handlers.telegram.render import send_reply

__all__ = ["RIGHTS_GROUP", "privacy_screen", "register"]

log = logging.getLogger(__name__)

# After core.on_my_chat_member (group 0) has stored the bot's new rights.
RIGHTS_GROUP = 1

_SCANNED = (filters.UpdateType.MESSAGES | filters.UpdateType.CHANNEL_POSTS) & (
    filters.TEXT | filters.CAPTION | filters.POLL | filters.CONTACT
)


def privacy_screen(
    application: Application[Any, Any, Any, Any, Any, Any],
) -> Callable[[object], Awaitable[bool]]:
    """The screen for `PerChatUpdateProcessor`: True when the update must go no further."""

    async def screen(update: object) -> bool:
        if not isinstance(update, Update) or not _SCANNED.check_update(update):
            return False
        inbound = inbound_from(update, application.bot.username)
        if inbound is None:
            return False
        try:
            return await services_of(application).privacy.review_message(inbound)
        except Exception as error:
            # Fail closed: a message the guard could not check is not answered by anyone else.
            # Where it failed, but not the error's text: that might quote the message.
            log.error(
                "privacy review failed; the message is not handled further",
                extra={
                    "chat_id": inbound.chat_id,
                    "message_id": inbound.message_id,
                    "error": type(error).__name__,
                    "where": "".join(traceback.format_tb(error.__traceback__)),
                },
            )
            return True

    return screen


async def on_start_link(update: Update, context: BeaconContext) -> None:
    """Explain what happened to the user's message and what to do now."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not context.args:
        return
    token = context.args[0].removeprefix(LINK_PREFIX)
    sender = Sender(user.id, user.first_name, user.username, user.language_code)
    lang = normalise_language_code(user.language_code)
    reply = await context.services.privacy.explain_link(token, sender, lang)
    await send_reply(context.bot, message.chat_id, reply)


async def on_privacy_command(update: Update, context: BeaconContext) -> None:
    """Show or change the chat's privacy policy."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None:
        return
    reply = await context.services.privacy.policy_command(inbound, list(context.args or []))
    await send_reply(context.bot, inbound.chat_id, reply, thread_id=inbound.thread_id)


async def on_bot_rights_changed(update: Update, context: BeaconContext) -> None:
    """Tell a group's admins once when the bot cannot delete messages there."""
    change = update.my_chat_member
    if change is None:
        return
    lang = normalise_language_code(change.from_user.language_code)
    context.services.privacy.member_changed(change.chat.id)
    await context.services.privacy.check_bot_rights(change.chat.id, lang)


async def on_member_changed(update: Update, context: BeaconContext) -> None:
    """Reload who speaks for the group after a member joined, left or changed rights."""
    if update.chat_member is not None:
        context.services.privacy.member_changed(update.chat_member.chat.id)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(
        CommandHandler(
            "start",
            on_start_link,
            filters=filters.ChatType.PRIVATE & filters.Regex(start_payload_pattern(LINK_PREFIX)),
        )
    )
    application.add_handler(CommandHandler("privacy", on_privacy_command))
    application.add_handler(
        ChatMemberHandler(on_bot_rights_changed, ChatMemberHandler.MY_CHAT_MEMBER),
        group=RIGHTS_GROUP,
    )
    application.add_handler(
        ChatMemberHandler(on_member_changed, ChatMemberHandler.CHAT_MEMBER), group=RIGHTS_GROUP
    )
