"""The real bot process (`python -m bot run`) with X credentials: it polls the fake X API on
127.0.0.1 and answers mentions, while Telegram is the local Bot API emulator."""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from sandbox import BotApiEmulator, ControlClient
from tests.e2e.harness import BotProcess
from tests.fakes.fake_x import FakeTweet, FakeXApi
from tests.fakes.x_fixtures import CREDENTIALS

pytestmark = pytest.mark.e2e

SEED = "legal winner thank year wave sausage worth useful legal winner thank yellow"


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emu:
        yield emu


@pytest.fixture
async def control(emulator: BotApiEmulator) -> AsyncIterator[ControlClient]:
    async with ControlClient(emulator.control_url) as client:
        yield client


async def _eventually(check: Callable[[], bool], timeout: float, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def test_the_bot_process_answers_mentions_on_x(
    emulator: BotApiEmulator, control: ControlClient, fake_x: FakeXApi, tmp_path: Path
) -> None:
    process = BotProcess(
        emulator,
        control,
        tmp_path,
        X_API_KEY=CREDENTIALS.consumer_key,
        X_API_SECRET=CREDENTIALS.consumer_secret,
        X_ACCESS_TOKEN=CREDENTIALS.access_token,
        X_ACCESS_TOKEN_SECRET=CREDENTIALS.access_token_secret,
        X_API_BASE_URL=fake_x.base_url,
        X_POLL_SECONDS="5",
    )
    await process.start()
    try:
        polls = lambda: len(fake_x.requests_to("GET", "/2/users/1000/mentions"))  # noqa: E731
        await _eventually(lambda: polls() >= 1, 30, "the first mentions poll")
        question = fake_x.mention(fake_x.add_user("alice"), "@AcmeSupport How do I reset my 2FA?")
        leak = fake_x.mention(fake_x.add_user("bob"), f"@AcmeSupport lost funds, seed {SEED}")

        def replied(tweet: FakeTweet) -> Callable[[], bool]:
            return lambda: bool(fake_x.replies_to(tweet.id))

        await _eventually(replied(question), 30, "the answer")
        await _eventually(replied(leak), 30, "the warning")
        first = polls()
        await _eventually(lambda: polls() >= first + 1, 30, "one more poll")
    finally:
        assert await process.stop() == 0, process.log_text()[-4000:]

    [answer] = fake_x.replies_to(question.id)
    bot = emulator.bot_user.username
    assert f"https://t.me/{bot}?start=art_reset-2fa_en" in answer.text
    [warning] = fake_x.replies_to(leak.id)
    assert f"https://t.me/{bot}?start=ticket" in warning.text
    assert not set(SEED.split()) & set(warning.text.lower().split())
    log = process.log_text()
    assert "wave sausage" not in log  # the seed is never logged
    assert CREDENTIALS.consumer_secret not in log and CREDENTIALS.access_token_secret not in log


async def test_an_announcement_with_plus_x_reaches_telegram_and_x_once(
    emulator: BotApiEmulator, control: ControlClient, fake_x: FakeXApi, tmp_path: Path
) -> None:
    from tests.e2e.test_announcements import OWNER_ID, _finished, _registered, _targets

    process = BotProcess(
        emulator,
        control,
        tmp_path,
        OWNER_USER_IDS=str(OWNER_ID),
        X_API_KEY=CREDENTIALS.consumer_key,
        X_API_SECRET=CREDENTIALS.consumer_secret,
        X_ACCESS_TOKEN=CREDENTIALS.access_token,
        X_ACCESS_TOKEN_SECRET=CREDENTIALS.access_token_secret,
        X_API_BASE_URL=fake_x.base_url,
    )
    await process.start()
    try:
        chats = await _targets(control, 2)
        await _registered(process, 2)
        release = tmp_path / "release.html"
        sentences = [
            f"Update {n}: the new matching engine cuts latency for every market."
            for n in range(1, 9)
        ]
        release.write_text(" ".join(sentences), encoding="utf-8")

        async def announce(targets: str) -> int:
            cli = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "--env-file",
                str(tmp_path / "none.env"),
                "announce",
                "--text-file",
                str(release),
                "--targets",
                targets,
                # The operator's settings, as the bot has them (X credentials included).
                env={"PATH": os.environ.get("PATH", ""), **process.settings},
                cwd=tmp_path,
                stdout=asyncio.subprocess.PIPE,
            )
            out, _ = await cli.communicate()
            assert cli.returncode == 0
            return int(out.decode())

        telegram_only = await announce("all")
        await _finished(process, telegram_only, timeout=60)
        assert fake_x.posts_by(fake_x.account) == []  # X is never implied
        both = await announce("all+x")
        await _finished(process, both, timeout=60)
    finally:
        assert await process.stop() == 0, process.log_text()[-4000:]

    for chat in chats:
        assert len(await control.bot_messages(chat.id)) == 2
    thread = fake_x.posts_by(fake_x.account)
    assert len(thread) >= 2  # too long for one post: a thread, each part replying to the last
    assert all(t.in_reply_to == prev.id for prev, t in itertools.pairwise(thread))
    assert " ".join(t.text for t in thread).count("Update") == 8
