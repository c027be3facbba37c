"""Anti-impersonation handlers: member updates, every group message first, staff's buttons,
/guard. Each turns the update into the guard's neutral types and calls one method."""

from __future__ import annotations

from typing import Any

from telegram import ChatMemberAdministrator, ChatMemberOwner, Message, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.impersonation.models import Decision, GuardMessage, MemberChange, SenderChat
from bot.language import detect_language
from handlers.telegram.context import BeaconContext
from handlers.telegram.impersonation_actions import member_of
from handlers.telegram.render import keyboard, send_reply

__all__ = ["GUARD_GROUP", "register"]

# Before the privacy guard (-1): a scam message is removed whole, and nobody answers it.
GUARD_GROUP = -2
# After core.on_my_chat_member (group 0) and the privacy guard's rights check (1).
MEMBERS_GROUP = 2

_GROUP_MESSAGES = filters.ChatType.GROUPS & filters.UpdateType.MESSAGES


def _guard_message(message: Message) -> GuardMessage:
    text = message.text or message.caption or ""
    user = message.from_user
    sender_chat = message.sender_chat
    return GuardMessage(
        chat_id=message.chat.id,
        chat_type=message.chat.type,
        chat_title=message.chat.title or "",
        message_id=message.message_id,
        text=text,
        sender=member_of(user) if user is not None else None,
        sender_chat=SenderChat(sender_chat.id, sender_chat.title or "", sender_chat.username)
        if sender_chat is not None
        else None,
        is_automatic_forward=bool(message.is_automatic_forward),
        thread_id=message.message_thread_id if message.is_topic_message else None,
        language=detect_language(text, user.language_code if user else None),
    )


async def on_group_message(update: Update, context: BeaconContext) -> None:
    """Check the sender's names and the message before any other feature sees it."""
    message = update.effective_message
    if message is None:
        return
    if await context.services.impersonation.on_message(_guard_message(message)):
        raise ApplicationHandlerStop


async def on_chat_member(update: Update, context: BeaconContext) -> None:
    """Someone joined, left, or was promoted: check joiners, keep the admin list current."""
    change = update.chat_member
    if change is None:
        return
    await context.services.impersonation.on_member_change(
        MemberChange(
            chat_id=change.chat.id,
            chat_type=change.chat.type,
            chat_title=change.chat.title or "",
            member=member_of(change.new_chat_member.user),
            old_status=change.old_chat_member.status,
            new_status=change.new_chat_member.status,
        )
    )


async def on_bot_membership(update: Update, context: BeaconContext) -> None:
    """The bot joined a group or its rights changed: list the administrators again."""
    change = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    await context.services.impersonation.on_bot_membership(change.chat.id)


async def on_review(update: Update, context: BeaconContext) -> None:
    """An agent pressed ban or it's fine under an alert in the staff chat."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    _, decision, case_id = query.data.split(":", 2)
    message = query.message
    alert_text = message.text if isinstance(message, Message) and message.text else ""
    result = await context.services.impersonation.review(
        member_of(query.from_user), int(case_id), Decision(decision), alert_text
    )
    await query.answer(result.answer)
    if result.alert is not None and isinstance(message, Message):
        await message.edit_text(result.alert.text, reply_markup=keyboard(result.alert.buttons))


async def on_guard_command(update: Update, context: BeaconContext) -> None:
    """Show or change the chat's anti-impersonation policy."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    is_admin = False
    if message.chat.type in ("group", "supergroup"):
        member = await context.bot.get_chat_member(message.chat.id, user.id)
        is_admin = isinstance(member, ChatMemberAdministrator | ChatMemberOwner)
    reply = await context.services.impersonation.policy_command(
        message.chat.id,
        message.chat.type,
        member_of(user),
        is_admin,
        list(context.args or []),
        detect_language(message.text or "", user.language_code),
    )
    await send_reply(context.bot, message.chat.id, reply)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(MessageHandler(_GROUP_MESSAGES, on_group_message), group=GUARD_GROUP)
    application.add_handler(
        ChatMemberHandler(on_chat_member, ChatMemberHandler.CHAT_MEMBER), group=MEMBERS_GROUP
    )
    application.add_handler(
        ChatMemberHandler(on_bot_membership, ChatMemberHandler.MY_CHAT_MEMBER), group=MEMBERS_GROUP
    )
    application.add_handler(CallbackQueryHandler(on_review, pattern=r"^guard:(?:ban|fine):\d+$"))
    application.add_handler(CommandHandler("guard", on_guard_command))
