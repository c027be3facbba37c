"""Broadcast throughput: one announcement to 1,000 chats under Telegram's limits.

Run ``python -m bench.broadcast`` (``--chats N`` to change the size, ``--json PATH`` to keep
the figures).

What it measures: the announcement outbox and its delivery worker, in this process, sending
through a real ``telegram.Bot`` (``TelegramSender``, HTTP to 127.0.0.1) to the Bot API emulator
running in a separate process with Telegram's limits enforced (30 sends a second overall, 20 a
minute per group; a send beyond them gets 429 with retry_after). The clock runs from
``publish`` (rows enqueued in SQLite) until every row is final (``sent`` or ``failed``, message
id recorded), so it includes claiming, pacing, HTTP round trips and the per-send SQLite writes.
Not included: Telegram's real network latency (the worker keeps several requests in flight,
so latency below ~0.5 s does not lower the rate), and building the chats.

Floor: chats / 30 seconds, the fastest any sender can go without a 429. Goal: within 10% of
the floor, zero duplicates and zero chats missed, counted from the emulator's own message store
(``control.bot_messages`` for every chat), not from the bot's records.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench._timing import format_table, goal_line
from bot.announcements import Draft, build_announcement_service
from bot.announcements.channels import SenderRegistry
from bot.chats import ChatDirectory
from bot.clock import SystemClock
from bot.settings import load_settings
from bot.storage import Database
from handlers.telegram.telegram_sender import TelegramSender
from sandbox import DEFAULT_TOKEN, ControlClient

GLOBAL_PER_SECOND = 30
PER_GROUP_PER_MINUTE = 20
GOAL_RATIO = 1.10


@dataclass
class Figures:
    chats: int
    elapsed_s: float
    floor_s: float
    ratio: float
    delivered: int
    duplicates: int
    missing: int
    rejected_429: int
    failed_rows: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_emulator(port: int) -> subprocess.Popen[str]:
    """The emulator in its own process, so its work does not share our event loop."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sandbox.emulator", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Press Ctrl-C"):
            return process
    raise RuntimeError("the emulator did not start")


async def run(chats: int) -> Figures:
    port = _free_port()
    emulator = _start_emulator(port)
    base = f"http://127.0.0.1:{port}"
    try:
        async with ControlClient(f"{base}/control", timeout=60) as control:
            return await _broadcast(control, base, chats)
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)


async def _broadcast(control: ControlClient, base: str, count: int) -> Figures:
    created = [
        await control.create_chat(
            "supergroup",
            title=f"Group {i}",
            bot_status="administrator",
            bot_rights={"can_pin_messages": True},
        )
        for i in range(count)
    ]
    await control.set_limits(
        True, global_per_second=GLOBAL_PER_SECOND, per_group_per_minute=PER_GROUP_PER_MINUTE
    )
    settings = load_settings(
        None,
        telegram_bot_token=DEFAULT_TOKEN,
        telegram_api_base_url=f"{base}/bot",
        telegram_file_base_url=f"{base}/file/bot",
    )
    with tempfile.TemporaryDirectory() as workdir:
        db = await Database.open(Path(workdir) / "bench.db")
        clock = SystemClock()
        chats = ChatDirectory(db, clock)
        for chat in created:
            # What handlers/telegram/core.py records from each my_chat_member update.
            await chats.record_bot_membership(
                chat.id, chat.type, chat.title, "administrator", can_delete=False, can_pin=True
            )
        service = build_announcement_service(
            db,
            clock,
            chats,
            owner_ids=(),
            moderator_ids=(),
            senders=SenderRegistry({"telegram": TelegramSender.for_settings(settings)}),
        )
        await service.start()
        try:
            draft = Draft(step="preview", versions={"en": "<b>Bench</b> broadcast"})
            started = time.perf_counter()
            announcement_id = await service.publish(None, draft, operator=True)
            open_rows = (
                "SELECT COUNT(*) FROM announcement_outbox WHERE announcement_id = ?"
                " AND status IN ('pending', 'claimed', 'sending')"
            )
            while await db.fetch_value(open_rows, (announcement_id,)):
                await asyncio.sleep(0.05)
            elapsed = time.perf_counter() - started
            report = await service.book.report(announcement_id)
            assert report is not None
        finally:
            await service.stop()
            await db.close()
    stats = await control.limit_stats()
    per_chat = await asyncio.gather(*(_count(control, c.id) for c in created))
    floor = count / GLOBAL_PER_SECOND
    return Figures(
        chats=count,
        elapsed_s=elapsed,
        floor_s=floor,
        ratio=elapsed / floor,
        delivered=sum(1 for n in per_chat if n >= 1),
        duplicates=sum(n - 1 for n in per_chat if n > 1),
        missing=sum(1 for n in per_chat if n == 0),
        rejected_429=stats.rejected,
        failed_rows=report.failed,
    )


_COUNT_SLOTS = asyncio.Semaphore(32)


async def _count(control: ControlClient, chat_id: int) -> int:
    async with _COUNT_SLOTS:
        return len(await control.bot_messages(chat_id))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write figures as JSON")
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.chats))
    print(__doc__.splitlines()[0])
    print(
        format_table(
            ["chats", "elapsed s", "floor s", "ratio", "delivered", "dupes", "missing", "429s"],
            [
                [
                    figures.chats,
                    figures.elapsed_s,
                    figures.floor_s,
                    figures.ratio,
                    figures.delivered,
                    figures.duplicates,
                    figures.missing,
                    figures.rejected_429,
                ]
            ],
        )
    )
    speed = figures.ratio <= GOAL_RATIO
    clean = figures.duplicates == 0 and figures.missing == 0
    print(
        goal_line(
            "elapsed within 10% of the floor",
            speed,
            f"{figures.elapsed_s:.1f} s vs {figures.floor_s:.1f} s ({figures.ratio:.3f}x)",
        )
    )
    print(
        goal_line(
            "every chat exactly one copy",
            clean,
            f"{figures.duplicates} duplicates, {figures.missing} missing",
        )
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(asdict(figures), indent=2), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0 if speed and clean else 1


if __name__ == "__main__":
    sys.exit(main())
