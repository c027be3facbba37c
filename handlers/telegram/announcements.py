"""Announcement commands for owners and moderators, in private chats with the bot.

/mod_add, /mod_remove, /mods (owners); /targets, /targetset, /announce (compose, preview,
publish or schedule), /scheduled, /announcement_edit, _delete, _pin, _unpin, _status.
Every callback parses the update, calls the `AnnouncementService`, and renders the answer.
Also: a group upgraded to a supergroup moves its target registration to the new chat id.
"""

from __future__ import annotations

import html
import re
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.announcements import DraftBook, parse_when, render_report
from bot.errors import InvalidInput
from bot.ids import parse_id
from handlers.telegram.announcement_common import (
    CALLBACK_PREFIX,
    Callback,
    announcement_service,
    final,
    friendly,
    int_arg,
    lang_of,
    say,
    user_id_of,
    when_text,
)
from handlers.telegram.announcement_compose import Composer, ComposingFilter
from handlers.telegram.context import BeaconContext

__all__ = ["MIGRATION_GROUP", "on_chat_migrated", "register"]

_TAGS = re.compile(r"<[^>]+>")
# Its own handler group: the service message is seen whatever group 0 and 1 do with it.
MIGRATION_GROUP = 3


# -- roles ---------------------------------------------------------------------------------


def _mentioned_user(update: Update, context: BeaconContext) -> int:
    message = update.effective_message
    reply = message.reply_to_message if message else None
    if reply is not None and reply.from_user is not None:
        return reply.from_user.id
    user_id = parse_id(context.args[0]) if context.args else None
    if user_id is None:
        raise InvalidInput("no user", text_key="announcements.mod_usage")
    return user_id


@friendly
async def on_mod_add(update: Update, context: BeaconContext) -> None:
    """Let a user publish announcements (owners only)."""
    service, texts, lang = announcement_service(context), context.services.texts, lang_of(update)
    service.roles.require_owner(user_id_of(update))
    user_id = _mentioned_user(update, context)
    added = await service.roles.add_moderator(user_id_of(update), user_id)
    key = "announcements.mod_added" if added else "announcements.mod_already"
    await say(update, texts.get(key, lang, user_id=user_id))


@friendly
async def on_mod_remove(update: Update, context: BeaconContext) -> None:
    """Stop a user from publishing announcements (owners only)."""
    service, texts, lang = announcement_service(context), context.services.texts, lang_of(update)
    service.roles.require_owner(user_id_of(update))
    user_id = _mentioned_user(update, context)
    removed = await service.roles.remove_moderator(user_id_of(update), user_id)
    key = "announcements.mod_removed" if removed else "announcements.mod_not_found"
    await say(update, texts.get(key, lang, user_id=user_id))


@friendly
async def on_mods(update: Update, context: BeaconContext) -> None:
    """List owners and moderators."""
    service, texts, lang = announcement_service(context), context.services.texts, lang_of(update)
    await service.roles.require_moderator(user_id_of(update))
    none = texts.get("announcements.mods_none", lang)
    owners = ", ".join(map(str, sorted(service.roles.owner_ids))) or none
    moderators = ", ".join(map(str, await service.roles.moderators())) or none
    await say(
        update, texts.get("announcements.mods_list", lang, owners=owners, moderators=moderators)
    )


# -- targets -------------------------------------------------------------------------------


@friendly
async def on_targets(update: Update, context: BeaconContext) -> None:
    """List the chats that can receive announcements, or set one's language."""
    service, texts, lang = announcement_service(context), context.services.texts, lang_of(update)
    actor = await service.roles.require_moderator(user_id_of(update))
    args = context.args or []
    if args and args[0].lower() == "lang":
        if len(args) != 3:
            raise InvalidInput("usage", text_key="announcements.targets_usage")
        chat_id = int_arg(args, 1)
        await service.targets.set_language(actor, chat_id, args[2].lower())
        await say(
            update,
            texts.get("announcements.targets_lang_done", lang, chat_id=chat_id, language=args[2]),
        )
        return
    chats = await service.targets.available()
    if not chats:
        await say(update, texts.get("announcements.targets_none", lang))
        return
    lines = [texts.get("announcements.targets_header", lang, count=len(chats))]
    lines += [
        texts.get(
            "announcements.targets_line",
            lang,
            title=html.escape(c.title or "—"),
            chat_id=c.chat_id,
            language=c.language,
        )
        for c in chats[:200]
    ]
    sets = await service.targets.sets()
    if sets:
        listed = "; ".join(f"{name} ({len(ids)})" for name, ids in sets.items())
        lines.append(texts.get("announcements.targets_sets", lang, sets=html.escape(listed)))
    lines.append(texts.get("announcements.targets_usage", lang))
    await say(update, "\n".join(lines))


@friendly
async def on_targetset(update: Update, context: BeaconContext) -> None:
    """Add chats to a named set of targets, or remove them."""
    service, texts, lang = announcement_service(context), context.services.texts, lang_of(update)
    actor = await service.roles.require_moderator(user_id_of(update))
    args = context.args or []
    if len(args) < 3 or args[0].lower() not in {"add", "remove"}:
        raise InvalidInput("usage", text_key="announcements.targetset_usage")
    chat_ids = [int_arg(args, i) for i in range(2, len(args))]
    name = args[1]
    if args[0].lower() == "add":
        await service.targets.add_to_set(actor, name, chat_ids)
    else:
        await service.targets.remove_from_set(actor, name, chat_ids)
    count = len(await service.targets.set_members(name.lower()))
    await say(
        update, texts.get("announcements.targetset_done", lang, name=html.escape(name), count=count)
    )


# -- scheduled and published ones ------------------------------------------------------------


@friendly
async def on_scheduled(update: Update, context: BeaconContext) -> None:
    """List scheduled announcements, move one, or cancel one."""
    service, texts, lang = announcement_service(context), context.services.texts, lang_of(update)
    actor = await service.roles.require_moderator(user_id_of(update))
    args = context.args or []
    if args and args[0].lower() == "cancel":
        announcement_id = int_arg(args, 1)
        await service.cancel(actor, announcement_id)
        await say(update, texts.get("announcements.scheduled_cancelled", lang, id=announcement_id))
        return
    if args and args[0].lower() == "move":
        announcement_id = int_arg(args, 1)
        send_at, zone = parse_when(" ".join(args[2:]), context.services.clock.now())
        if send_at is None:
            raise InvalidInput("now", text_key="announcements.invalid_when")
        await service.reschedule(actor, announcement_id, send_at, zone)
        when = when_text(texts, lang, send_at, zone)
        await say(
            update, texts.get("announcements.scheduled_moved", lang, id=announcement_id, when=when)
        )
        return
    records = await service.scheduled(actor)
    if not records:
        await say(update, texts.get("announcements.scheduled_none", lang))
        return
    lines = []
    for record in records:
        plain = _TAGS.sub("", record.content.versions[record.content.default_language])
        excerpt = html.escape(html.unescape(" ".join(plain.split()))[:60])
        lines.append(
            texts.get(
                "announcements.scheduled_line",
                lang,
                id=record.id,
                when=when_text(texts, lang, record.send_at, record.timezone),
                targets=html.escape(record.targets),
                excerpt=excerpt,
            )
        )
    lines.append(texts.get("announcements.scheduled_usage", lang))
    await say(update, "\n".join(lines))


def _action(action: str) -> Callback:
    async def on_action(update: Update, context: BeaconContext) -> None:
        service, texts, lang = (
            announcement_service(context),
            context.services.texts,
            lang_of(update),
        )
        args = context.args or []
        if not args:
            command = f"announcement_{action}"
            raise InvalidInput("usage", text_key="announcements.action_usage", command=command)
        announcement_id = int_arg(args, 0)
        count = await service.act(
            user_id_of(update),
            announcement_id,
            action,
            report_chat_id=update.effective_chat.id if update.effective_chat else None,
            report_language=lang,
        )
        await say(
            update, texts.get("announcements.action_queued", lang, id=announcement_id, count=count)
        )

    on_action.__doc__ = f"{action.capitalize()} an announcement everywhere it went."
    return on_action


@friendly
async def on_status(update: Update, context: BeaconContext) -> None:
    """Show where an announcement stands."""
    service, texts, lang = announcement_service(context), context.services.texts, lang_of(update)
    args = context.args or []
    if not args:
        raise InvalidInput("usage", text_key="announcements.status_usage")
    report = await service.report(user_id_of(update), int_arg(args, 0))
    await say(update, render_report(texts, report, lang))


async def on_chat_migrated(update: Update, context: BeaconContext) -> None:
    """A group became a supergroup: announcements go to the new chat id from now on.

    Telegram posts `migrate_to_chat_id` in the old group and `migrate_from_chat_id` in the new
    supergroup; either one is enough, and handling both is harmless.
    """
    message = update.effective_message
    if message is None:
        return
    service = announcement_service(context)
    # Who upgraded the group, when Telegram says; the service records the bot otherwise.
    actor = message.from_user.id if message.from_user is not None else None
    if message.migrate_to_chat_id:
        await service.chat_migrated(message.chat_id, message.migrate_to_chat_id, actor)
    elif message.migrate_from_chat_id:
        await service.chat_migrated(message.migrate_from_chat_id, message.chat_id, actor)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    private = filters.ChatType.PRIVATE
    composer = Composer(DraftBook())
    commands: dict[str, Callback] = {
        "mod_add": on_mod_add,
        "mod_remove": on_mod_remove,
        "mods": on_mods,
        "targets": on_targets,
        "targetset": on_targetset,
        "announce": friendly(composer.on_announce),
        "scheduled": on_scheduled,
        "announcement_edit": friendly(composer.on_edit),
        "announcement_delete": _action("delete"),
        "announcement_pin": _action("pin"),
        "announcement_unpin": _action("unpin"),
        "announcement_status": on_status,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    # While a draft is open, its answers (and /skip, /cancel) come here; other commands do not.
    answers = (
        (filters.TEXT & ~filters.COMMAND) | filters.PHOTO | filters.Regex(r"^/(skip|cancel)\b")
    )
    application.add_handler(
        MessageHandler(
            private & ComposingFilter(composer.drafts) & answers,
            final(friendly(composer.on_draft_message)),
        )
    )
    application.add_handler(
        CallbackQueryHandler(friendly(composer.on_preview_button), pattern=rf"^{CALLBACK_PREFIX}")
    )
    application.add_handler(
        MessageHandler(filters.StatusUpdate.MIGRATE, on_chat_migrated), group=MIGRATION_GROUP
    )
