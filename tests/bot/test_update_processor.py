"""Per-chat ordering without head-of-line blocking across chats."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.update_processor import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private")
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat, text="hi"))


async def test_updates_of_one_chat_run_in_order() -> None:
    processor = PerChatUpdateProcessor(max_concurrent_updates=8)
    seen: list[int] = []

    async def handle(n: int) -> None:
        await asyncio.sleep(0.01 * (5 - n))  # later updates finish faster if run in parallel
        seen.append(n)

    await asyncio.gather(*(processor.process_update(_update(n, 1), handle(n)) for n in range(5)))
    assert seen == [0, 1, 2, 3, 4]


async def test_a_busy_chat_does_not_block_another() -> None:
    processor = PerChatUpdateProcessor(max_concurrent_updates=4)
    done_at: dict[str, float] = {}
    start = time.monotonic()

    async def slow() -> None:
        await asyncio.sleep(0.1)

    async def other() -> None:
        done_at["other"] = time.monotonic() - start

    busy = [processor.process_update(_update(n, 1), slow()) for n in range(12)]
    tasks = [asyncio.create_task(c) for c in busy]
    await asyncio.sleep(0)  # the burst arrives first
    await processor.process_update(_update(99, 2), other())
    await asyncio.gather(*tasks)
    # The burst takes 1.2 s in order; the other chat was served at once, not after it.
    assert done_at["other"] < 0.5


async def test_running_handlers_are_bounded() -> None:
    processor = PerChatUpdateProcessor(max_concurrent_updates=2)
    running = peak = 0

    async def handle() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.02)
        running -= 1

    await asyncio.gather(*(processor.process_update(_update(n, n), handle()) for n in range(8)))
    assert peak == 2
