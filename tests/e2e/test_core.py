"""The real bot process talks real HTTP to the emulator: messages, rights, faults, shutdown."""

from __future__ import annotations

import json
import signal
import sqlite3
from collections.abc import Callable
from datetime import datetime

import pytest

from sandbox import ControlClient
from tests.e2e.harness import BotProcess


async def test_answers_a_dm_and_a_group_message(beacon: BotProcess, control: ControlClient) -> None:
    alice = await control.create_user("Alice", username="alice", language_code="en")
    group = await control.create_chat(
        "supergroup",
        title="Nova Community",
        bot_status="administrator",
        bot_rights={"can_delete_messages": True},
    )
    await control.send_message(alice.id, "/help")
    reply = await control.wait_for_message(alice.id, lambda m: "/ticket" in (m.text or ""))
    assert reply.from_bot

    await control.send_message(group.id, "/help", from_user=alice.id)
    group_reply = await control.wait_for_message(group.id, lambda m: "/ask" in (m.text or ""))
    assert group_reply.reply_to_message_id is not None
    await control.wait_until_consumed()

    # The bot recorded its own admin rights in the group from the my_chat_member update.
    with sqlite3.connect(beacon.database_path) as db:
        row = db.execute(
            "SELECT bot_status, bot_can_delete FROM chats WHERE chat_id = ?", (group.id,)
        ).fetchone()
    assert row == ("administrator", 1)


async def test_chinese_user_gets_chinese(beacon: BotProcess, control: ControlClient) -> None:
    li = await control.create_user("小李", language_code="zh-hans")
    await control.send_message(li.id, "/help")
    reply = await control.wait_for_message(li.id)
    assert "工单" in (reply.text or "")


async def test_retries_after_429_and_survives_403(
    beacon: BotProcess, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    bob = await control.create_user("Bob")

    await control.inject_fault("sendMessage", "429", chat_id=alice.id, retry_after=1)
    await control.send_message(alice.id, "/help")
    await control.wait_for_message(alice.id, timeout=15)
    # /help answers with the help text and then the topic menu: wait for both.
    await control.wait_for_message(alice.id, lambda m: bool(m.callback_data()), timeout=15)
    sends = await control.bot_calls("sendMessage")
    statuses = [c.status for c in sends if c.params.get("chat_id") in (alice.id, str(alice.id))]
    # The refused send was retried after retry_after; nothing was lost or sent twice.
    assert statuses[:2] == [429, 200] and statuses.count(429) == 1
    delivered = [m for m in await control.bot_messages(alice.id) if not m.deleted]
    assert len(delivered) == statuses.count(200)

    await control.block_bot(bob.id)
    await control.send_message(bob.id, "/help")
    await control.wait_for_call("sendMessage", predicate=lambda c: c.status == 403, timeout=10)
    # Still alive: the next user is served, and the blocked chat is recorded as unreachable.
    before = len(await control.bot_messages(alice.id))
    await control.send_message(alice.id, "/help")
    await control.wait_until_consumed()
    await control.wait_for_message(
        alice.id, lambda m: m.message_id > before + 1 and "/ticket" in (m.text or ""), timeout=10
    )
    await control.wait_until_consumed()
    with sqlite3.connect(beacon.database_path) as db:
        status = db.execute("SELECT bot_status FROM chats WHERE chat_id = ?", (bob.id,)).fetchone()
    assert status == ("kicked",)
    assert "Traceback" not in beacon.log_text()


async def test_sigterm_finishes_fetched_updates(
    bot_process: Callable[..., BotProcess], control: ControlClient
) -> None:
    beacon = bot_process()
    await beacon.start()
    alice = await control.create_user("Alice")
    await control.inject_fault("sendMessage", "slow", delay=1.0, count=3)
    for _ in range(3):
        await control.send_message(alice.id, "/help")
    await control.wait_for_call("sendMessage", timeout=10)
    assert await beacon.stop() == 0
    # Every update was answered before the process exited, none is left unconfirmed.
    replies = [m for m in await control.bot_messages(alice.id) if "/ticket" in (m.text or "")]
    assert len(replies) == 3
    await beacon.start()
    assert await control.pending_updates() == 0


async def test_sigterm_while_starting_up_stops_cleanly(
    bot_process: Callable[..., BotProcess], control: ControlClient
) -> None:
    # A stop signal that lands while start-up still waits on Telegram (deleteWebhook) must not
    # cut that request off: start-up finishes, then everything stops in order and the
    # process exits. It used to exit 2 with "cannot reach the Telegram Bot API", or hang.
    beacon = bot_process()
    await control.inject_fault("deleteWebhook", "slow", delay=2.0)
    await beacon.launch()
    await beacon.wait_for_log("bot ready")
    alice = await control.create_user("Alice")
    await control.send_message(alice.id, "/help")
    assert await beacon.stop(timeout=30) == 0
    log = beacon.log_text()
    assert "bot stopped" in log and "Traceback" not in log and "beacon:" not in log
    # The signal did land while deleteWebhook was still waiting for its answer.
    stopping = next(json.loads(line) for line in log.splitlines() if '"stopping"' in line)
    answered = (await control.bot_calls("deleteWebhook"))[-1].at
    assert datetime.fromisoformat(stopping["ts"]).timestamp() < answered
    # The /help sent meanwhile is answered, before the exit or after a restart: never lost.
    await beacon.start()
    reply = await control.wait_for_message(alice.id, timeout=15)
    assert "/ticket" in (reply.text or "")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_second_signal_stops_at_once(
    bot_process: Callable[..., BotProcess], control: ControlClient, signum: signal.Signals
) -> None:
    # The first signal waits for the reply in flight (10 s here); the second one does not,
    # Ctrl-C twice included.
    beacon = bot_process()
    await beacon.start()
    alice = await control.create_user("Alice")
    await control.inject_fault("sendMessage", "slow", delay=10.0)
    await control.send_message(alice.id, "/help")
    await control.wait_until_consumed(timeout=10)
    beacon.send_signal(signum)
    await beacon.wait_for_log('"stopping"', timeout=10)
    beacon.send_signal(signum)
    assert await beacon.wait(timeout=5) == -signum


async def test_log_never_contains_the_token(beacon: BotProcess, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    await control.send_message(alice.id, "/help")
    await control.wait_for_message(alice.id)
    assert beacon.emulator.token.split(":")[1] not in beacon.log_text()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode(bot_process: Callable[..., BotProcess], control: ControlClient) -> None:
    port = _free_port()
    process = bot_process(
        BOT_MODE="webhook",
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        WEBHOOK_SECRET="s3cret-Token_1",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    await process.start()
    registered = (await control.bot_calls("setWebhook"))[-1]
    assert registered.params["url"] == f"http://127.0.0.1:{port}/telegram"
    assert registered.params["secret_token"] == "s3cret-Token_1"

    alice = await control.create_user("Alice")
    await control.send_message(alice.id, "/help")
    reply = await control.wait_for_message(alice.id, timeout=15)
    assert "/ticket" in (reply.text or "")
    assert not await control.bot_calls("getUpdates")  # nothing polled: Telegram pushed
    assert await process.stop() == 0
    assert "s3cret-Token_1" not in process.log_text()
