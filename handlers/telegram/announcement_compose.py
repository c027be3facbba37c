"""The /announce conversation: questions, a preview exactly as it will look, Publish/Cancel."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import filters

from bot.announcements import Draft, DraftBook, parse_buttons, parse_options, parse_when
from bot.errors import InvalidInput
from bot.language import detect_language
from handlers.telegram.announcement_common import (
    CALLBACK_PREFIX,
    announcement_service,
    int_arg,
    lang_of,
    say,
    user_id_of,
    when_text,
)
from handlers.telegram.context import BeaconContext
from handlers.telegram.telegram_sender import send_outgoing

__all__ = ["Composer", "ComposingFilter"]


class ComposingFilter(filters.MessageFilter):
    """Messages from a moderator who has a draft open."""

    def __init__(self, drafts: DraftBook) -> None:
        super().__init__(name="announcement_draft_open")
        self._drafts = drafts

    def filter(self, message: Message) -> bool:
        user = message.from_user
        return user is not None and self._drafts.is_open(user.id)


class Composer:
    """The /announce conversation over a `DraftBook` (drafts live in memory)."""

    def __init__(self, drafts: DraftBook) -> None:
        self.drafts = drafts

    async def on_announce(self, update: Update, context: BeaconContext) -> None:
        """Start a new announcement."""
        user_id = await announcement_service(context).roles.require_moderator(user_id_of(update))
        self.drafts.open(user_id)
        await say(update, context.services.texts.get("announcements.ask_content", lang_of(update)))

    async def on_draft_message(self, update: Update, context: BeaconContext) -> None:
        """Take the moderator's answer to the current question."""
        message, user_id = update.effective_message, user_id_of(update)
        if message is None or user_id is None:
            return
        draft = self.drafts.get(user_id)
        if draft is None:
            return
        service, texts, lang = (
            announcement_service(context),
            context.services.texts,
            lang_of(update),
        )
        await service.roles.require_moderator(user_id)
        words = (message.text or "").split(maxsplit=1)
        command = words[0].split("@")[0].lower() if words else ""
        if command == "/cancel":
            self.drafts.close(user_id)
            await say(update, texts.get("announcements.cancelled", lang))
            return
        skip = command == "/skip"
        text = message.text or message.caption or ""
        body = message.text_html if message.text else (message.caption_html or "")
        step = draft.step
        if step == "content":
            photo = message.photo[-1].file_id if message.photo else None
            draft = draft.with_content(body, detect_language(text, lang), photo)
            await say(update, texts.get("announcements.ask_buttons", lang))
        elif step == "buttons":
            draft = draft.with_buttons(() if skip else parse_buttons(text))
            await say(
                update,
                texts.get("announcements.ask_translation", lang, language=draft.missing_language),
            )
        elif step == "translation":
            draft = draft.with_translation(None if skip else body)
            sets = ", ".join(await service.targets.sets()) or "—"
            await say(update, texts.get("announcements.ask_targets", lang, sets=html.escape(sets)))
        elif step == "targets":
            draft = draft.with_targets(text)
            await say(update, texts.get("announcements.ask_options", lang))
        elif step == "options":
            draft = draft.with_options(*parse_options(text))
            await say(update, texts.get("announcements.ask_when", lang))
        elif step == "when":
            send_at, zone = parse_when(text, context.services.clock.now())
            draft = draft.with_when(send_at, zone)
            self.drafts.put(user_id, draft)
            await self._preview(update, context, draft)
            return
        elif step == "edit" and draft.edit_id is not None:
            self.drafts.close(user_id)
            count = await service.edit(
                user_id,
                draft.edit_id,
                body,
                language=draft.edit_language,
                report_chat_id=update.effective_chat.id if update.effective_chat else None,
                report_language=lang,
            )
            await say(
                update,
                texts.get("announcements.action_queued", lang, id=draft.edit_id, count=count),
            )
            return
        else:
            return
        self.drafts.put(user_id, draft)

    async def _preview(self, update: Update, context: BeaconContext, draft: Draft) -> None:
        service, texts, lang = (
            announcement_service(context),
            context.services.texts,
            lang_of(update),
        )
        chat = update.effective_chat
        if chat is None:
            return
        content = draft.content()
        for language in content.versions:
            await say(update, texts.get("announcements.preview_header", lang, language=language))
            await send_outgoing(
                context.bot, chat.id, content.message_for(language, silent=draft.silent)
            )
        targets = await service.preview_targets(user_id_of(update), draft.targets_spec)
        yes, no = (
            texts.get("announcements.answer_yes", lang),
            texts.get("announcements.answer_no", lang),
        )
        summary = texts.get(
            "announcements.preview_summary",
            lang,
            count=len(targets),
            targets=html.escape(draft.targets_spec),
            pin=yes if draft.pin else no,
            silent=yes if draft.silent else no,
            when=when_text(texts, lang, draft.send_at, draft.timezone),
        )
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        texts.get("announcements.button_confirm", lang),
                        callback_data=f"{CALLBACK_PREFIX}publish",
                    ),
                    InlineKeyboardButton(
                        texts.get("announcements.button_cancel", lang),
                        callback_data=f"{CALLBACK_PREFIX}cancel",
                    ),
                ]
            ]
        )
        await say(update, summary, markup)

    async def on_preview_button(self, update: Update, context: BeaconContext) -> None:
        """Publish or drop the previewed draft."""
        query, user_id = update.callback_query, user_id_of(update)
        if query is None or user_id is None:
            return
        await query.answer()
        service, texts, lang = (
            announcement_service(context),
            context.services.texts,
            lang_of(update),
        )
        draft = self.drafts.get(user_id)
        if draft is None or draft.step != "preview":
            await say(update, texts.get("announcements.nothing_to_cancel", lang))
            return
        await query.edit_message_reply_markup(reply_markup=None)
        if query.data == f"{CALLBACK_PREFIX}cancel":
            self.drafts.close(user_id)
            await say(update, texts.get("announcements.cancelled", lang))
            return
        chat_id = update.effective_chat.id if update.effective_chat else None
        announcement_id = await service.publish(
            user_id, draft, report_chat_id=chat_id, report_language=lang
        )
        self.drafts.close(user_id)
        if draft.send_at is None:
            count = len(await service.queue.deliveries(announcement_id))
            await say(
                update, texts.get("announcements.queued", lang, id=announcement_id, count=count)
            )
        else:
            when = when_text(texts, lang, draft.send_at, draft.timezone)
            await say(
                update,
                texts.get("announcements.scheduled_done", lang, id=announcement_id, when=when),
            )

    async def on_edit(self, update: Update, context: BeaconContext) -> None:
        """Ask for the new text of a published announcement."""
        user_id = await announcement_service(context).roles.require_moderator(user_id_of(update))
        texts, lang, args = context.services.texts, lang_of(update), context.args or []
        if not args:
            raise InvalidInput("usage", text_key="announcements.edit_usage")
        announcement_id = int_arg(args, 0)
        record = await announcement_service(context).book.get(announcement_id)
        if record is None:
            raise InvalidInput("unknown", text_key="announcements.not_published")
        language = args[1].lower() if len(args) > 1 else record.content.default_language
        if language not in record.content.versions:
            raise InvalidInput("no version", text_key="announcements.invalid_language")
        self.drafts.put(
            user_id, Draft(step="edit", edit_id=announcement_id, edit_language=language)
        )
        await say(
            update, texts.get("announcements.edit_ask", lang, id=announcement_id, language=language)
        )
