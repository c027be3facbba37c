"""The real python-telegram-bot `Application`, polling the emulator like it polls Telegram."""

from __future__ import annotations

import telegram
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from sandbox import BotApiEmulator, ControlClient


async def _start(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply "hi" with a button."""
    assert update.effective_message is not None
    keyboard = telegram.InlineKeyboardMarkup(
        [[telegram.InlineKeyboardButton("Help", callback_data="help")]]
    )
    await update.effective_message.reply_text("hi", reply_markup=keyboard)


async def _button(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button and edit the message."""
    query = update.callback_query
    assert query is not None
    await query.answer("Opening help")
    await query.edit_message_text("Here is the help.")


async def test_application_answers_start_and_button(
    emulator: BotApiEmulator, control: ControlClient
) -> None:
    application = (
        ApplicationBuilder()
        .token(emulator.token)
        .base_url(emulator.bot_api_base_url)
        .base_file_url(emulator.file_base_url)
        .build()
    )
    application.add_handler(CommandHandler("start", _start))
    application.add_handler(CallbackQueryHandler(_button))
    alice = await control.create_user("Alice", username="alice")

    async with application:
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0)
        await application.start()
        try:
            await control.send_message(alice.id, "/start")
            reply = await control.wait_for_message(alice.id, lambda m: m.text == "hi")
            assert reply.from_bot and reply.callback_data() == ["help"]

            query_id = await control.press_button(alice.id, reply.message_id, alice.id, "help")
            edited = await control.wait_for_message(
                alice.id, lambda m: m.text == "Here is the help."
            )
            assert edited.message_id == reply.message_id and edited.edits
            assert (await control.callback_query(query_id)).text == "Opening help"
        finally:
            await application.updater.stop()
            await application.stop()

    await control.wait_until_consumed()
    assert await control.unknown_methods() == []
    assert {c.method for c in await control.bot_calls()} >= {"getMe", "deleteWebhook", "getUpdates"}
