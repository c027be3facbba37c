"""The runner: URLs, reset, the control client's waits, and the standalone module entry."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import httpx
import pytest
import telegram

from sandbox import BotApiEmulator, ControlClient, ControlError, SandboxTimeout


async def test_urls_point_at_the_bound_port() -> None:
    emulator = BotApiEmulator()
    with pytest.raises(RuntimeError):
        _ = emulator.bot_api_base_url
    async with emulator:
        assert emulator.port > 0
        assert emulator.bot_api_base_url == f"http://127.0.0.1:{emulator.port}/bot"
        assert emulator.file_base_url == f"http://127.0.0.1:{emulator.port}/file/bot"
        assert emulator.control_url == f"http://127.0.0.1:{emulator.port}/control"


async def test_json_bodies_and_case_insensitive_methods(emulator: BotApiEmulator) -> None:
    url = f"{emulator.bot_api_base_url}{emulator.token}"
    async with httpx.AsyncClient() as http:
        me = (await http.get(f"{url}/GETME")).json()
        assert me["ok"] and me["result"]["username"] == "beacon_sandbox_bot"
        missing = await http.post(f"{url}/sendMessage", json={"chat_id": 1, "text": "x"})
        assert missing.status_code == 400
        assert missing.json() == {
            "ok": False,
            "error_code": 400,
            "description": "Bad Request: chat not found",
        }
        unknown = await http.post(f"{url}/fooBar", json={})
        assert unknown.status_code == 404
        assert unknown.json()["description"] == "Not Found: method not found"


async def test_reset_forgets_the_world(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    await bot.send_message(alice.id, "hi")
    await control.inject_fault("sendMessage", "500")
    await control.reset()
    assert await control.bot_calls() == []
    with pytest.raises(ControlError, match="chat not found"):
        await control.messages(alice.id)
    again = await control.create_user("Alice")
    assert (await bot.send_message(again.id, "fresh")).message_id == 1  # fault gone too


async def test_wait_for_message_times_out_with_an_assertion(control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    with pytest.raises(SandboxTimeout):
        await control.wait_for_message(alice.id, timeout=0.3)


async def test_wait_for_call_wakes_on_the_call(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    since = await control.last_call_seq()
    waiting = asyncio.create_task(control.wait_for_call("sendChatAction", since=since))
    await bot.send_chat_action(alice.id, "typing")
    call = await asyncio.wait_for(waiting, 5)
    assert call.params == {"chat_id": alice.id, "action": "typing"}


async def test_private_chat_rules_for_people(control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    bob = await control.create_user("Bob")
    with pytest.raises(ControlError, match="only the chat's user"):
        await control.send_message(alice.id, "hi", from_user=bob.id)
    group = await control.create_chat("group", title="G")
    await control.set_member(group.id, bob.id, "kicked")
    with pytest.raises(ControlError, match="kicked"):
        await control.send_message(group.id, "let me in", from_user=bob.id)


async def test_module_entry_serves_until_interrupted() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox.emulator",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    try:
        assert process.stdout is not None
        # Start-up waits are generous and end as soon as the line arrives: a loaded machine is slow.
        first = (await asyncio.wait_for(process.stdout.readline(), 90)).decode()
        base_url = first.split()[-1]
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/bot")
        async with httpx.AsyncClient() as http:
            me = (await http.get(f"{base_url}123456:SANDBOX-TOKEN/getMe")).json()
        assert me["result"]["id"] == 123456
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), 60) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
