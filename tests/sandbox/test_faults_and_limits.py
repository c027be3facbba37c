"""Fault injection and Telegram's broadcast limits, seen through a real PTB `Bot`."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time

import pytest
import telegram
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from sandbox import ControlClient, ControlError
from sandbox.errors import ApiError
from sandbox.limits import SendLimiter
from sandbox.models import LimitSettings


async def test_429_fault_raises_retry_after(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    await control.inject_fault("sendMessage", "429", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(alice.id, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert (await bot.send_message(alice.id, "hi")).text == "hi"  # count=1: one failure only
    [failed, ok] = await control.bot_calls("sendMessage")
    assert (failed.status, ok.status) == (429, 200)


@pytest.mark.parametrize(
    ("kind", "error", "match"),
    [
        ("403", Forbidden, "bot was blocked by the user"),
        ("400_not_found", BadRequest, "Chat not found"),
        ("500", NetworkError, "Internal Server Error"),
        ("502", NetworkError, "Bad Gateway"),
    ],
)
async def test_error_faults(
    bot: telegram.Bot,
    control: ControlClient,
    kind: str,
    error: type[telegram.error.TelegramError],
    match: str,
) -> None:
    alice = await control.create_user("Alice")
    await control.inject_fault("sendMessage", kind, chat_id=alice.id, count=2)
    for _ in range(2):
        with pytest.raises(error, match=match):
            await bot.send_message(alice.id, "hi")
    assert (await bot.send_message(alice.id, "hi")).text == "hi"


async def test_fault_scoped_to_a_chat_and_method(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    bob = await control.create_user("Bob")
    sent = await bot.send_message(alice.id, "hi")
    await control.inject_fault("deleteMessage", "400_not_found", chat_id=alice.id)
    assert (await bot.send_message(bob.id, "unaffected")).text == "unaffected"
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(alice.id, sent.message_id)
    assert await bot.delete_message(alice.id, sent.message_id)


async def test_slow_fault_delays_the_answer(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    await control.inject_fault("sendMessage", "slow", delay=0.5)
    started = time.monotonic()
    assert (await bot.send_message(alice.id, "eventually")).text == "eventually"
    assert time.monotonic() - started >= 0.5


async def test_unknown_fault_kind_is_refused(control: ControlClient) -> None:
    with pytest.raises(ControlError, match="unknown fault kind"):
        await control.inject_fault("sendMessage", "418")


async def test_limits_mode_answers_429_when_a_group_gets_too_much(
    bot: telegram.Bot, control: ControlClient
) -> None:
    group = await control.create_chat("supergroup", title="Announcements")
    await control.set_limits(per_group_per_minute=3, per_chat_per_second=100)
    for n in range(3):
        await bot.send_message(group.id, f"post {n}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(group.id, "one too many")
    retry_after = caught.value.retry_after
    assert isinstance(retry_after, dtm.timedelta)
    assert dtm.timedelta(seconds=1) <= retry_after <= dtm.timedelta(seconds=60)
    stats = await control.limit_stats()
    assert (stats.accepted, stats.rejected) == (3, 1)
    assert len(await control.bot_messages(group.id)) == 3


async def test_limits_mode_caps_the_global_rate_of_a_broadcast(
    bot: telegram.Bot, control: ControlClient
) -> None:
    users = [await control.create_user(f"User {n}") for n in range(12)]
    await control.set_limits(global_per_second=10)
    results = await asyncio.gather(
        *(bot.send_message(u.id, "news") for u in users), return_exceptions=True
    )
    limited = [r for r in results if isinstance(r, RetryAfter)]
    assert len(limited) == 2 and all(
        isinstance(r, telegram.Message) for r in results if r not in limited
    )
    assert (await control.limit_stats()).rejected == 2


async def test_limits_are_off_by_default(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    for _ in range(40):
        await bot.send_message(alice.id, "spam")
    stats = await control.limit_stats()
    assert not stats.settings.enabled and stats.rejected == 0


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_limiter_windows_slide_with_time() -> None:
    clock = FakeClock()
    limiter = SendLimiter(clock)
    limiter.configure(LimitSettings(enabled=True, per_chat_per_second=1))
    limiter.check("sendMessage", 1, "private")
    with pytest.raises(ApiError) as caught:
        limiter.check("sendMessage", 1, "private")
    assert (caught.value.code, caught.value.retry_after) == (429, 1)
    limiter.check("sendMessage", 2, "private")  # another chat is unaffected
    limiter.check("getChat", 1, "private")  # only sends count
    clock.now += 1.0
    limiter.check("sendMessage", 1, "private")
    assert (limiter.accepted, limiter.rejected) == (3, 1)
