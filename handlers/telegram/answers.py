"""Answers from the help center: /ask, mentions, unprompted questions, /faq, inline mode."""

from __future__ import annotations

import dataclasses
import re
from typing import Any
from uuid import uuid4

import yaml
from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
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
from bot.deep_links import start_payload_pattern
from bot.language import normalise_language_code
from content import CONTENT_DIR
from handlers.telegram.context import BeaconContext, inbound_from
from handlers.telegram.render import keyboard, send_reply

__all__ = ["register"]

# After the privacy guard (-1) and commands/conversations (0).
ANSWERS_GROUP = 1


def _category_names() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    data: dict[str, Any] = yaml.safe_load((CONTENT_DIR / "categories.yaml").read_text("utf-8"))
    names = {c: dict(v["name"]) for c, v in data.items()}
    descriptions = {c: dict(v["description"]) for c, v in data.items()}
    return names, descriptions


CATEGORY_NAMES, CATEGORY_DESCRIPTIONS = _category_names()


def _question(text: str, bot_username: str) -> str:
    """The question without the /ask command or the @mention of the bot."""
    text = re.sub(r"^/ask(@\w+)?", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(rf"@{re.escape(bot_username)}\b", "", text, flags=re.IGNORECASE).strip()


async def on_group_message(update: Update, context: BeaconContext) -> None:
    """Answer a group question when asked, or when it clearly is one we can answer."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None or inbound.is_edit or not inbound.text or inbound.sender is None:
        return
    if inbound.sender.is_bot:
        return
    await _answer_group(update, context, inbound.text)


async def on_ask(update: Update, context: BeaconContext) -> None:
    """/ask <question>: in a group, answer in the thread; in private, the best guide."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None:
        return
    if inbound.is_private:
        await on_private_message(update, context)
        return
    await _answer_group(update, context, inbound.text)


async def _answer_group(update: Update, context: BeaconContext, text: str) -> None:
    inbound = inbound_from(update, context.bot.username)
    assert inbound is not None
    service = context.services.answers
    reply, answer_id = await service.answer_in_group(
        inbound, _question(text, context.bot.username), context.bot.username
    )
    if reply is None:
        return
    sent = await send_reply(context.bot, inbound.chat_id, reply, thread_id=inbound.thread_id)
    if answer_id is not None:
        await service.record_reply_message(answer_id, sent.message_id)


async def on_private_message(update: Update, context: BeaconContext) -> None:
    """In a private chat every question gets the best guide or the closest three."""
    inbound = inbound_from(update, context.bot.username)
    if inbound is None or not inbound.text.strip():
        return
    question = _question(inbound.text, context.bot.username)
    if not question:
        return
    inbound = dataclasses.replace(inbound, text=question)
    reply = await context.services.answers.answer_in_private(inbound, context.bot.username)
    await send_reply(context.bot, inbound.chat_id, reply)


async def on_start_article(update: Update, context: BeaconContext) -> None:
    """/start art_<slug>_<lang>: open the full article from a group answer's link."""
    message = update.effective_message
    if message is None or not context.args:
        return
    parsed = parse_start_payload(context.args[0])
    user = update.effective_user
    lang = parsed[1] if parsed else normalise_language_code(user.language_code if user else None)
    reply = context.services.answers.article_reply(parsed[0] if parsed else "", lang)
    await send_reply(context.bot, message.chat.id, reply)


async def on_faq(update: Update, context: BeaconContext) -> None:
    """/faq: browse the help topics."""
    message = update.effective_message
    if message is None:
        return
    user = update.effective_user
    lang = normalise_language_code(user.language_code if user else None)
    reply = context.services.answers.categories_menu(lang, CATEGORY_NAMES)
    await send_reply(
        context.bot,
        message.chat.id,
        reply,
        thread_id=message.message_thread_id if message.is_topic_message else None,
    )


async def on_faq_button(update: Update, context: BeaconContext) -> None:
    """A topic button: list its guides (or go back to all topics)."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    _, category, lang = ([*query.data.split(":"), "", ""])[:3]
    service = context.services.answers
    reply = (
        service.category_menu(category, lang, CATEGORY_NAMES, CATEGORY_DESCRIPTIONS)
        if category
        else service.categories_menu(lang, CATEGORY_NAMES)
    )
    await query.answer()
    await context.bot.edit_message_text(
        chat_id=query.message.chat.id,
        message_id=query.message.message_id,
        text=reply.text,
        parse_mode=ParseMode.HTML if reply.html else None,
        reply_markup=keyboard(reply.buttons),
    )


async def on_article_button(update: Update, context: BeaconContext) -> None:
    """A guide button: post the whole guide (in a group, only its card, to keep it short)."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    _, slug, lang = ([*query.data.split(":"), "", ""])[:3]
    await query.answer()
    reply = context.services.answers.article_reply(slug, lang)
    await send_reply(context.bot, query.message.chat.id, reply)


async def on_vote(update: Update, context: BeaconContext) -> None:
    """👍/👎 under an answer: store it and thank the person."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    parts = query.data.split(":")
    if len(parts) != 3 or not parts[1].isdigit():
        await query.answer()
        return
    lang = normalise_language_code(query.from_user.language_code)
    text = await context.services.answers.vote(
        int(parts[1]), query.from_user.id, parts[2] == "1", lang
    )
    await query.answer(text)


async def on_inline_query(update: Update, context: BeaconContext) -> None:
    """@bot <words>: matching guides to share in any chat."""
    query = update.inline_query
    if query is None:
        return
    from bot.language import detect_language

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


async def on_faq_or_help(update: Update, context: BeaconContext) -> None:
    """/help and /faq: what the bot can do, then the help topics to browse."""
    message = update.effective_message
    if message is None:
        return
    user = update.effective_user
    lang = normalise_language_code(user.language_code if user else None)
    if message.text and message.text.startswith("/help"):
        key = "core.help_private" if message.chat.type == "private" else "core.help_group"
        await message.reply_text(context.services.texts.get(key, lang))
    await on_faq(update, context)
