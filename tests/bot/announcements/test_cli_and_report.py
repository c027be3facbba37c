"""`beacon announce` enqueues into the bot's outbox and prints reports; the report text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.announcements import DeliveryReport, render_report
from bot.chats import ChatDirectory
from bot.cli import main
from bot.clock import SystemClock
from bot.storage import Database
from bot.texts import Texts


async def _seed(path: Path) -> None:
    db = await Database.open(path)
    chats = ChatDirectory(db, SystemClock())
    for chat_id in (-1, -2):
        await chats.record_bot_membership(
            chat_id, "supergroup", "G", "administrator", can_delete=True, can_pin=True
        )
    await db.close()


async def _rows(path: Path, announcement_id: int) -> list[dict[str, object]]:
    db = await Database.open(path)
    try:
        return await db.fetch_all(
            "SELECT target, status FROM announcement_outbox WHERE announcement_id = ?"
            " ORDER BY target",
            (announcement_id,),
        )
    finally:
        await db.close()


def test_announce_enqueues_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "beacon.db"
    asyncio.run(_seed(database))
    monkeypatch.setenv("DATABASE_PATH", str(database))
    text = tmp_path / "release.html"
    text.write_text("<b>v2.1</b> is live", encoding="utf-8")
    env = ["--env-file", str(tmp_path / "none.env")]
    assert main([*env, "announce", "--text-file", str(text), "--targets", "-1", "--pin"]) == 0
    announcement_id = int(capsys.readouterr().out.strip())
    rows = asyncio.run(_rows(database, announcement_id))
    assert rows == [{"target": "-1", "status": "pending"}]
    assert main([*env, "announce", "--status", str(announcement_id)]) == 0
    out = capsys.readouterr().out
    assert f"announcement {announcement_id}: queued" in out and "pending 1" in out
    later = [*env, "announce", "--text-file", str(text), "--at", "2099-01-01 00:00 UTC"]
    assert main(later) == 2  # more than a year ahead
    assert "beacon announce:" in capsys.readouterr().err


def test_report_lists_failures_in_the_moderators_language() -> None:
    texts = Texts.load("Nova")
    report = DeliveryReport(
        announcement_id=7,
        status="done",
        total=4,
        sent=2,
        pending=0,
        failed=2,
        deleted=0,
        in_doubt=1,
        failures=(("telegram", "-1", "forbidden"), ("telegram", "-2", "<weird>")),
    )
    en = render_report(texts, report, "en")
    assert en.splitlines()[0] == (
        "Announcement #7: delivered to 2 of 4 chats, 2 failed, 0 still in progress."
    )
    assert "• -1: the bot was removed or blocked" in en
    assert "• -2: Telegram refused the message" in en and "twice" in en
    assert "机器人已被移出或屏蔽" in render_report(texts, report, "zh")
