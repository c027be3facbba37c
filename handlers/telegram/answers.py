"""Answers from the help center: /ask, mentions, unprompted questions, /faq, inline mode.

Each handler converts the update once, makes one service call and renders what it returns.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from uuid import uuid4

from telegram import (
    CallbackQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.answers.knowledge_base import parse_start_payload
from bot.answers.service import Answer
from bot.deep_links import start_payload_pattern
from bot.ids import parse_id
from bot.language import detect_language, normalise_language_code
from bot.messages import Inbound, Sender
from handlers.telegram.context import BeaconContext, inbound_from
from handlers.telegram.render import keyboard, send_reply

__all__ = ["register"]

# After the privacy guard (-1) and commands/conversations (0).
ANSWERS_GROUP = 1


def _question(text: str, bot_username: str) -> str:
    """The question without the /ask command or the @mention of the bot."""
    text = re.sub(r"^/ask(@\w+)?", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(rf"@{re.escape(bot_username)}\b", "", text, flags=re.IGNORECASE).strip()


def _app_language(inbound: Inbound) -> str:
    """Commands carry no language of their own: answer in the person's app language."""
    return normalise_language_code(inbound.sender.language_code if inbound.sender else None)


def _button_press(query: CallbackQuery) -> Inbound:
    """A button press as an `Inbound` from the presser; its message id is the question that
    the pressed message replied to (or the pressed message itself)."""
    message = query.message
    assert message is not None
    question_id = message.message_id
    thread_id = None
    if isinstance(message, Message):
        if message.reply_to_message is not None:
            question_id = message.reply_to_message.message_id
        thread_id = message.message_thread_id if message.is_topic_message else None
    user = query.from_user
    return Inbound(
        chat_id=message.chat.id,
        chat_type=message.chat.type,
        message_id=question_id,
        text="",
        language=normalise_language_code(user.language_code),
        sender=Sender(user.id, user.first_name, user.username, user.language_code, user.is_bot),
        thread_id=thread_id,
        addressed_to_bot=True,
    )


async def _post(context: BeaconContext, inbound: Inbound, answer: Answer) -> None:
    """Send the answer's reply; a card's message id is kept for repeat pointers."""
    if answer.reply is None:
        return
    sent = await send_reply(context.bot, inbound.chat_id, answer.reply, thread_id=inbound.thread_id)
    if answer.answer_id is not None:
        await context.services.answers.record_reply_message(answer.answer_id, sent.message_id)


async def on_group_message(update: Update, context: BeaconContext) -> None:
    """Answer a group question when asked, or when it clearly is one we can answer."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None or inbound.is_edit or not inbound.text or inbound.sender is None:
        return
    if inbound.sender.is_bot:
        return
    await _answer_group(context, inbound)


async def on_ask(update: Update, context: BeaconContext) -> None:
    """/ask <question>: in a group, answer in the thread; in private, the best guide."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None:
        return
    if inbound.is_private:
        await _answer_private(context, inbound)
    else:
        await _answer_group(context, inbound)


async def _answer_group(context: BeaconContext, inbound: Inbound) -> None:
    question = _question(inbound.text, context.bot.username)
    answer = await context.services.answers.answer_in_group(inbound, question, context.bot.username)
    await _post(context, inbound, answer)


async def on_private_message(update: Update, context: BeaconContext) -> None:
    """In a private chat every question gets the best guide or the closest three."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is not None:
        await _answer_private(context, inbound)


async def _answer_private(context: BeaconContext, inbound: Inbound) -> None:
    question = _question(inbound.text, context.bot.username)
    if not question:
        return
    reply = await context.services.answers.answer_in_private(
        replace(inbound, text=question), context.bot.username
    )
    await send_reply(context.bot, inbound.chat_id, reply)


async def on_start_article(update: Update, context: BeaconContext) -> None:
    """/start art_<slug>_<lang>: open the full article from a group answer's link."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None or not context.args:
        return
    slug, lang = parse_start_payload(context.args[0]) or ("", _app_language(inbound))
    reply = context.services.answers.article_reply(slug, lang, context.bot.username)
    await send_reply(context.bot, inbound.chat_id, reply)


async def on_faq_or_help(update: Update, context: BeaconContext) -> None:
    """/faq: the help topics; /help: what the bot can do, then the topics."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None:
        return
    reply = context.services.answers.help_and_topics(
        inbound, _app_language(inbound), with_help=inbound.text.lower().startswith("/help")
    )
    await send_reply(context.bot, inbound.chat_id, reply, thread_id=inbound.thread_id)


async def on_faq_button(update: Update, context: BeaconContext) -> None:
    """A topic button: list its guides (or go back to all topics)."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    _, category, lang = ([*query.data.split(":"), "", ""])[:3]
    reply = context.services.answers.browse(category, lang)
    await query.answer()
    await context.bot.edit_message_text(
        chat_id=query.message.chat.id,
        message_id=query.message.message_id,
        text=reply.text,
        parse_mode=ParseMode.HTML if reply.html else None,
        reply_markup=keyboard(reply.buttons),
    )


async def on_article_button(update: Update, context: BeaconContext) -> None:
    """A guide button: the whole guide in a private chat; in a group, only its card."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    _, slug, lang = ([*query.data.split(":"), "", ""])[:3]
    press = _button_press(query)
    answer = await context.services.answers.open_article(press, slug, lang, context.bot.username)
    await query.answer(answer.notice)
    await _post(context, press, answer)


async def on_vote(update: Update, context: BeaconContext) -> None:
    """👍/👎 under an answer: store it and thank the person."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    parts = query.data.split(":")
    answer_id = parse_id(parts[1]) if len(parts) == 3 else None
    if answer_id is None:
        await query.answer()
        return
    lang = normalise_language_code(query.from_user.language_code)
    text = await context.services.answers.vote(
        answer_id, query.from_user.id, parts[2] == "1", lang
    )
    await query.answer(text)


async def on_inline_query(update: Update, context: BeaconContext) -> None:
    """@bot <words>: matching guides to share in any chat."""
    query = update.inline_query
    if query is None:
        return
    lang = detect_language(query.query, query.from_user.language_code)
    results = context.services.answers.inline_results(query.query, lang, context.bot.username)
    await query.answer(
        [
            InlineQueryResultArticle(
                id=f"{r.slug}-{uuid4().hex[:8]}",
                title=r.title,
                description=r.description,
                input_message_content=InputTextMessageContent(
                    r.message_html, parse_mode=ParseMode.HTML
                ),
            )
            for r in results
        ],
        cache_time=60,
    )


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(
        CommandHandler(
            "start", on_start_article, filters=filters.Regex(start_payload_pattern("art_"))
        )
    )
    application.add_handler(CommandHandler(["faq", "help"], on_faq_or_help))
    application.add_handler(CommandHandler("ask", on_ask))
    application.add_handler(CallbackQueryHandler(on_faq_button, pattern=r"^faq:"))
    application.add_handler(CallbackQueryHandler(on_article_button, pattern=r"^art:"))
    application.add_handler(CallbackQueryHandler(on_vote, pattern=r"^vote:"))
    application.add_handler(InlineQueryHandler(on_inline_query))
    text = (filters.TEXT | filters.CAPTION) & ~filters.COMMAND
    application.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS & text & filters.UpdateType.MESSAGE, on_group_message
        ),
        group=ANSWERS_GROUP,
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE,
            on_private_message,
        ),
        group=ANSWERS_GROUP,
    )
