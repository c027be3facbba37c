"""The privacy guard on images: OCR cost per image, and post-to-delete through the emulator.

Run ``python -m bench.privacy_images`` (``--quick`` for a short run, ``--json PATH`` to keep
the figures); ``python -m bench.privacy`` runs it after the text sections.

(d) the reader: screenshots made by ``tests/privacy/image/screens.py`` (phone 1080x2340 and
    desktop 1920x1080, Chinese and English, JPEG), read in one worker process as the bot
    does (model load once, then each image: decode, QR codes, OCR). Time per image (median,
    p95), the worker's peak memory, and processes against threads: 20 images through two
    threads sharing one engine, and through one and two processes, while this process scans
    a text message every 50 ms (how much a reader slows the text path beside it).
(e) end to end: the real bot process (``python -m bot run``) and the Bot API emulator in its
    own process. A member posts a screenshot; the clock runs from the post (the emulator
    has stored it and queued the update) to the bot's ``deleteMessage`` for it, from the
    emulator's call log. Measured: the first image (reader start and model load), 20 images
    posted at once, and text messages holding a password posted at 4 a second, alone and
    during the 20-image flood (the same chat, the worst case for the text path).

Goals: p95 post-to-delete <= 3 s with 20 images at once; text p95 during the flood within
10% of text alone. Exits non-zero only on errors; each goal is reported as PASS or MISS.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mnemonic import Mnemonic

from bench._timing import format_table, goal_line, percentile
from sandbox import DEFAULT_TOKEN, ControlClient
from tests.e2e.harness import BotProcess
from tests.privacy.image.screens import DESKTOP, render

FLOOD = 20
P95_GOAL_S = 3.0
TEXT_RATIO_GOAL = 1.10
TEXT_RATE_PER_S = 4.0


def bench_screens() -> list[bytes]:
    """Screenshots a member would post, each with private data (so each must be deleted)."""
    words = Mnemonic("english").to_mnemonic(bytes.fromhex("9e2c1d4b7a05f36e8d1c2b3a49586f70"))
    page_en = [
        "Withdrawal details",
        "Coin  USDT",
        "Network  TRC20",
        "Amount  1,250.00 USDT",
        "Network fee  1.00 USDT",
        "Status  Processing",
        "Time  2024-05-01 12:30:11",
        "Email: alice.chen@gmail.com",
        "Need help? Contact support",
    ]
    page_zh = [
        "提现记录",
        "币种 USDT",
        "网络 TRC20",
        "数量 1,250.00",
        "手续费 1.00",
        "状态 处理中",
        "时间 2024-05-01 12:30:11",
        "手机号 13812345678",
        "如有疑问请联系在线客服",
    ]
    desktop = [
        "Account settings",
        "Nickname  Alice",
        "UID: 48291738",
        "Email: wang.lei@outlook.com",
        "Security level  Medium",
        "Two-factor authentication  On",
        "Anti-phishing code  Set",
        "Log out of all devices",
    ]
    seed = ["Back up your wallet", "Write these words down in order"] + [
        f"{n + 1} {w}" for n, w in enumerate(words.split())
    ]
    return [
        render(page_en),
        render(page_zh),
        render(desktop, DESKTOP),
        render(seed),
        render(page_en, quality=60),
        render(page_zh, DESKTOP),
    ]


# -- (d) the reader --------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _read_all_in_worker(images: list[bytes], rounds: int) -> dict[str, Any]:
    """In a fresh process: load, then read every image `rounds` times."""
    from privacy.image.reader import ImageReader

    started = time.perf_counter()
    reader = ImageReader()
    reader.load()
    load_s = time.perf_counter() - started
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        for data in images:
            wall, proc = time.perf_counter(), time.process_time()
            reader.read(data)
            times.append(time.perf_counter() - wall)
            cpu.append(time.process_time() - proc)
    return {"load_s": load_s, "times": times, "cpu": cpu, "peak_rss_mb": _peak_rss_mb()}


_thread_reader: Any = None


def _read_in_thread(data: bytes) -> None:
    _thread_reader.read(data)


def _start_process(_: int) -> None:
    global _thread_reader
    from privacy.image.reader import ImageReader

    _thread_reader = ImageReader()
    _thread_reader.load()


def _flood_through(executor: Executor, images: Sequence[bytes], scan: Callable[[], None]) -> dict:
    """20 images through `executor` while this thread scans a text every 50 ms."""
    stop = threading.Event()
    text_ms: list[float] = []

    def text_path() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            scan()
            text_ms.append((time.perf_counter() - started) * 1000)
            stop.wait(0.05)

    ticker = threading.Thread(target=text_path)
    started = time.perf_counter()
    ticker.start()
    futures = [executor.submit(_read_in_thread, images[n % len(images)]) for n in range(FLOOD)]
    for future in futures:
        future.result()
    elapsed = time.perf_counter() - started
    stop.set()
    ticker.join()
    return {
        "elapsed_s": elapsed,
        "text_p95_ms": percentile(text_ms, 95),
        "text_median_ms": statistics.median(text_ms),
    }


def reader_figures(images: list[bytes], rounds: int) -> dict[str, Any]:
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        alone = pool.submit(_read_all_in_worker, images, rounds).result()

    from privacy import build_scanner

    scanner = build_scanner()
    message = "hi, my withdrawal to TRC20 has been pending for two hours, order 7741"

    def scan() -> None:
        scanner.scan(message)

    idle: list[float] = []
    for _ in range(60):
        started = time.perf_counter()
        scan()
        idle.append((time.perf_counter() - started) * 1000)
        time.sleep(0.01)
    modes: dict[str, dict[str, Any]] = {}
    global _thread_reader
    from privacy.image.reader import ImageReader

    _thread_reader = ImageReader()
    _thread_reader.load()
    with ThreadPoolExecutor(2) as threads:
        threads.submit(_read_in_thread, images[0]).result()
        modes["2 threads, one engine"] = _flood_through(threads, images, scan)
    _thread_reader = None
    for workers in (1, 2):
        with ProcessPoolExecutor(
            workers, mp_context=spawn, initializer=_start_process, initargs=(0,)
        ) as pool:
            for future in [pool.submit(_read_in_thread, images[0]) for _ in range(workers)]:
                future.result()
            modes[f"{workers} process{'es' if workers > 1 else ''}"] = _flood_through(
                pool, images, scan
            )
    return {
        **alone,
        "idle_text_p95_ms": percentile(idle, 95),
        "idle_text_median_ms": statistics.median(idle),
        "modes": modes,
    }


# -- (e) end to end ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_emulator(port: int) -> subprocess.Popen[str]:
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


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the reader workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(entry.name) == pid or int(fields.get("PPid", "0").strip()) == pid:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


class _Deletions:
    """When the bot asked to delete each message, from the emulator's call log."""

    def __init__(self, control: ControlClient, chat_id: int) -> None:
        self._control = control
        self._chat_id = chat_id
        self.at: dict[int, float] = {}
        self._since = 0

    async def wait(self, message_ids: Sequence[int], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not set(message_ids) <= set(self.at):
            if time.monotonic() > deadline:
                missing = sorted(set(message_ids) - set(self.at))
                raise RuntimeError(f"not deleted within {timeout:.0f}s: {missing}")
            for call in await self._control.bot_calls("deleteMessage", since=self._since):
                self._since = max(self._since, call.seq)
                if int(call.params.get("chat_id", 0)) == self._chat_id:
                    self.at.setdefault(int(call.params["message_id"]), call.at)
            await asyncio.sleep(0.05)


async def _post_texts(
    control: ControlClient, chat_id: int, users: Sequence[int], count: int
) -> dict[int, float]:
    posted: dict[int, float] = {}
    for n in range(count):
        message = await control.send_message(
            chat_id, f"my password is Tr0ub4dor&3x!{n}", from_user=users[n % len(users)]
        )
        posted[message.message_id] = time.time()
        await asyncio.sleep(1 / TEXT_RATE_PER_S)
    return posted


async def _post_images(
    control: ControlClient,
    chat_id: int,
    users: Sequence[int],
    images: Sequence[bytes],
    count: int = FLOOD,
) -> dict[int, float]:
    posted: dict[int, float] = {}

    async def one(n: int) -> None:
        message = await control.send_message(
            chat_id, from_user=users[n % len(users)], photo=images[n % len(images)]
        )
        posted[message.message_id] = time.time()

    await asyncio.gather(*(one(n) for n in range(count)))
    return posted


def _latencies(posted: dict[int, float], deleted: dict[int, float]) -> list[float]:
    return [deleted[m] - t for m, t in posted.items()]


async def end_to_end(images: list[bytes], workers: int, texts: int) -> dict[str, Any]:
    port = _free_port()
    emulator = _start_emulator(port)
    base = f"http://127.0.0.1:{port}"
    endpoint = SimpleNamespace(
        token=DEFAULT_TOKEN, bot_api_base_url=f"{base}/bot", file_base_url=f"{base}/file/bot"
    )
    try:
        async with ControlClient(f"{base}/control", timeout=120) as control:
            with tempfile.TemporaryDirectory() as workdir:
                bot = BotProcess(
                    endpoint,  # type: ignore[arg-type]
                    control,
                    Path(workdir),
                    LOG_LEVEL="INFO",
                    PRIVACY_IMAGE_WORKERS=str(workers),
                    PRIVACY_NOTICE_TTL_SECONDS="0",
                )
                await bot.start()
                try:
                    return await _measure(control, bot, images, texts)
                finally:
                    await bot.stop()
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)


async def _measure(
    control: ControlClient, bot: BotProcess, images: list[bytes], texts: int
) -> dict[str, Any]:
    assert bot._process is not None
    pid = bot._process.pid
    group = await control.create_chat(
        "supergroup",
        title="Nova Community",
        bot_status="administrator",
        bot_rights={"can_delete_messages": True},
    )
    users = [
        (await control.create_user(f"Member {n}", username=f"member{n}")).id for n in range(8)
    ]
    deletions = _Deletions(control, group.id)
    rss_before = _tree_rss_mb(pid)

    first = await _post_images(control, group.id, users, images, count=1)
    await deletions.wait(list(first), timeout=180)
    cold = min(_latencies(first, deletions.at))

    text_alone = await _post_texts(control, group.id, users, texts)
    await deletions.wait(list(text_alone), timeout=120)

    flood_task = asyncio.create_task(_post_images(control, group.id, users, images))
    text_flood = await _post_texts(control, group.id, users, texts)
    flood = await flood_task
    await deletions.wait([*flood, *text_flood], timeout=300)
    rss_after = _tree_rss_mb(pid)

    image_lat = _latencies(flood, deletions.at)
    alone_lat = _latencies(text_alone, deletions.at)
    during_lat = _latencies(text_flood, deletions.at)
    return {
        "cold_first_image_s": cold,
        "image_p50_s": statistics.median(image_lat),
        "image_p95_s": percentile(image_lat, 95),
        "image_max_s": max(image_lat),
        "text_alone_p50_s": statistics.median(alone_lat),
        "text_alone_p95_s": percentile(alone_lat, 95),
        "text_flood_p50_s": statistics.median(during_lat),
        "text_flood_p95_s": percentile(during_lat, 95),
        "rss_before_mb": rss_before,
        "rss_after_mb": rss_after,
        "skipped_logged": bot.log_text().count("image skipped"),
    }


def run(quick: bool = False) -> dict[str, Any]:
    images = bench_screens()
    rounds = 1 if quick else 3
    texts = 12 if quick else 20
    print(
        f"\n(d) image reader: {len(images)} screenshots x {rounds} round(s) in one worker "
        "process; then 20 images through threads or processes beside a text scan every 50 ms",
        flush=True,
    )
    reader = reader_figures(images, rounds)
    per_image = sorted(reader["times"])
    rows: list[list[Any]] = [
        ["model load (s)", reader["load_s"]],
        ["time per image, median (s)", statistics.median(per_image)],
        ["time per image, p95 (s)", percentile(per_image, 95)],
        ["CPU per image, median (s)", statistics.median(reader["cpu"])],
        ["worker peak memory (MB)", reader["peak_rss_mb"]],
    ]
    print(format_table(["reader", "value"], rows))
    mode_rows = [
        ["none (text scan alone)", "", reader["idle_text_median_ms"], reader["idle_text_p95_ms"]]
    ] + [
        [name, figures["elapsed_s"], figures["text_median_ms"], figures["text_p95_ms"]]
        for name, figures in reader["modes"].items()
    ]
    print(
        format_table(
            ["20 images through", "all read (s)", "text scan median (ms)", "text scan p95 (ms)"],
            mode_rows,
        )
    )

    end: dict[str, dict[str, Any]] = {}
    for workers in (1, 2):
        print(
            f"\n(e) through the emulator, PRIVACY_IMAGE_WORKERS={workers}: first image, "
            f"{FLOOD} screenshots at once, {texts} password messages at "
            f"{TEXT_RATE_PER_S:.0f}/s alone and during the flood",
            flush=True,
        )
        figures = asyncio.run(end_to_end(images, workers, texts))
        end[str(workers)] = figures
        print(
            format_table(
                ["post -> delete", "p50 (s)", "p95 (s)", "max (s)"],
                [
                    ["first image (reader start)", figures["cold_first_image_s"], "", ""],
                    [
                        f"{FLOOD} images at once",
                        figures["image_p50_s"],
                        figures["image_p95_s"],
                        figures["image_max_s"],
                    ],
                    ["text alone", figures["text_alone_p50_s"], figures["text_alone_p95_s"], ""],
                    [
                        "text during the flood",
                        figures["text_flood_p50_s"],
                        figures["text_flood_p95_s"],
                        "",
                    ],
                ],
            )
        )
        print(
            f"bot + reader memory: {figures['rss_before_mb']:.0f} MB before the first image, "
            f"{figures['rss_after_mb']:.0f} MB after; images skipped: "
            f"{figures['skipped_logged']}"
        )
    print()
    for workers, figures in end.items():
        ratio = figures["text_flood_p95_s"] / max(figures["text_alone_p95_s"], 1e-9)
        print(
            goal_line(
                f"image post->delete p95 ({workers} worker{'s' if workers != '1' else ''})",
                figures["image_p95_s"] <= P95_GOAL_S,
                f"{figures['image_p95_s']:.2f} s at {FLOOD} at once (goal <= {P95_GOAL_S} s)",
            )
        )
        print(
            goal_line(
                f"text not delayed by images ({workers} worker{'s' if workers != '1' else ''})",
                ratio <= TEXT_RATIO_GOAL,
                f"text p95 {figures['text_flood_p95_s']:.2f} s during the flood vs "
                f"{figures['text_alone_p95_s']:.2f} s alone = {ratio:.2f}x "
                f"(goal <= {TEXT_RATIO_GOAL}x)",
            )
        )
    return {"reader": reader, "end_to_end": end, "cpu_count": os.cpu_count()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.privacy_images", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="short run")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write figures as JSON")
    args = parser.parse_args(argv)
    figures = run(quick=args.quick)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
