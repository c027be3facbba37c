"""Receiving updates: long polling, offsets, allowed_updates, webhooks, member updates."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time
from collections.abc import AsyncIterator

import pytest
import telegram
from aiohttp import web
from telegram.error import Conflict

from sandbox import BOT_USER, ControlClient


async def test_long_poll_returns_a_message_sent_while_waiting(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice", username="alice")
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    done, _ = await asyncio.wait({poll}, timeout=0.3)
    assert not done  # the request is held open while there is nothing to deliver
    await control.send_message(alice.id, "/start hello @beacon_sandbox_bot")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 5
    [update] = updates
    assert update.message is not None and update.message.text == "/start hello @beacon_sandbox_bot"
    assert [e.type for e in update.message.entities] == ["bot_command", "mention"]
    assert update.message.from_user is not None and update.message.from_user.id == alice.id


async def test_long_poll_times_out_empty(bot: telegram.Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 3


async def test_offset_confirms_and_limit_caps(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    for n in range(3):
        await control.send_message(alice.id, f"message {n}")
    assert await control.pending_updates() == 3
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["message 0", "message 1"]
    assert await control.pending_updates() == 3  # nothing confirmed yet
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["message 2"]
    assert await control.pending_updates() == 1
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()
    assert await control.pending_updates() == 0


async def test_member_updates_follow_allowed_updates(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    group = await control.create_chat("supergroup", title="Support")  # the bot joins
    await control.set_member(group.id, alice.id, "member")
    [joined] = await bot.get_updates()  # chat_member is opt-in, as on Telegram
    assert joined.my_chat_member is not None
    assert joined.my_chat_member.new_chat_member.user.id == BOT_USER.id
    assert joined.my_chat_member.new_chat_member.status == "member"

    await control.set_member(group.id, alice.id, "administrator", rights={"can_pin_messages": True})
    [promoted] = await bot.get_updates(
        offset=joined.update_id + 1, allowed_updates=["chat_member", "message"]
    )
    assert promoted.chat_member is not None
    new = promoted.chat_member.new_chat_member
    assert isinstance(new, telegram.ChatMemberAdministrator) and new.can_pin_messages


async def test_edits_and_channel_posts_become_their_own_update_types(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    channel = await control.create_chat(
        "channel", title="News", bot_status="administrator", bot_rights={"can_post_messages": True}
    )
    sent = await control.send_message(alice.id, "helo")
    await control.edit_message(alice.id, sent.message_id, "hello")
    await control.send_message(channel.id, "Listing soon")
    updates = await bot.get_updates(allowed_updates=["message", "edited_message", "channel_post"])
    assert [u.effective_message.text for u in updates if u.effective_message] == [
        "helo",
        "hello",
        "Listing soon",
    ]
    assert updates[1].edited_message is not None and updates[2].channel_post is not None
    assert updates[2].channel_post.sender_chat is not None


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, asyncio.Queue[tuple[dict[str, object], str]]]]:
    """A tiny webhook endpoint on 127.0.0.1 that queues (update, secret header)."""
    received: asyncio.Queue[tuple[dict[str, object], str]] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        await received.put((await request.json(), secret))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/hook", received
    await runner.cleanup()


async def test_webhook_delivers_updates_with_secret_header(
    bot: telegram.Bot,
    control: ControlClient,
    receiver: tuple[str, asyncio.Queue[tuple[dict[str, object], str]]],
) -> None:
    url, received = receiver
    alice = await control.create_user("Alice")
    assert await bot.set_webhook(url, secret_token="s3cret-token")
    info = await bot.get_webhook_info()
    assert info.url == url and info.pending_update_count == 0
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()

    await control.send_message(alice.id, "via webhook")
    payload, secret = await asyncio.wait_for(received.get(), 5)
    assert secret == "s3cret-token"
    update = telegram.Update.de_json(payload, bot)
    assert update.message is not None and update.message.text == "via webhook"
    await control.wait_until_consumed()

    assert await bot.delete_webhook()
    await control.send_message(alice.id, "via polling")
    [polled] = await bot.get_updates()
    assert polled.message is not None and polled.message.text == "via polling"


async def test_webhook_failures_are_reported_and_retried(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    await bot.set_webhook("http://127.0.0.1:9/nowhere")
    await control.send_message(alice.id, "lost?")
    deadline = time.monotonic() + 5
    info = await bot.get_webhook_info()
    while info.last_error_message is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        info = await bot.get_webhook_info()
    assert info.last_error_message is not None and info.pending_update_count == 1
    assert isinstance(info.last_error_date, dtm.datetime)
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await control.pending_updates() == 0
