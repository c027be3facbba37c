"""`beacon announce`: enqueue an announcement from a script, or print an announcement's report.

It writes to the same SQLite outbox the running bot's worker reads, and prints the id; the bot
delivers it (within half a second, or at `--at`). The command line is the server's operator:
trusted, recorded in the audit log as actor 0.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.announcements.compose import Draft, parse_when
from bot.announcements.models import DeliveryReport
from bot.announcements.targets import parse_targets_spec
from bot.chats import ChatDirectory
from bot.clock import SystemClock
from bot.errors import BeaconError
from bot.settings import Settings
from bot.storage import Database

__all__ = ["add_announce_arguments", "format_report", "run_announce"]


def add_announce_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--text-file", type=Path, help="the announcement (Telegram HTML)")
    parser.add_argument(
        "--zh-file", type=Path, help="the Chinese version for zh chats (--text-file is then en)"
    )
    parser.add_argument(
        "--targets",
        default="all",
        help='all, a set name, or chat ids; add "+x" to post on X too, or "x" for X only',
    )
    parser.add_argument("--at", help='when, e.g. "2026-12-01 09:00 Asia/Shanghai" (default: now)')
    parser.add_argument("--pin", action="store_true", help="pin it in every chat")
    parser.add_argument("--silent", action="store_true", help="send without a notification")
    parser.add_argument("--status", type=int, metavar="ID", help="print an announcement's report")


def run_announce(settings: Settings, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    try:
        return asyncio.run(_run(settings, args, out))
    except BeaconError as error:
        print(f"beacon announce: {error}", file=sys.stderr)
        return 2


async def _run(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from bot.announcements import build_announcement_service
    from bot.x.announcements import x_announcement_target

    if args.status is None and args.text_file is None:
        print("beacon announce: give --text-file FILE, or --status ID", file=sys.stderr)
        return 2
    db = await Database.open(settings.database)
    try:
        clock = SystemClock()
        service = build_announcement_service(
            db,
            clock,
            ChatDirectory(db, clock),
            owner_ids=settings.owner_user_ids,
            moderator_ids=settings.moderator_user_ids,
            with_worker=False,
            staff_chat_ids=(settings.staff_chat_id,) if settings.staff_chat_id is not None else (),
        )
        # The running bot delivers; this process only needs to know X is a target.
        x_target = x_announcement_target(settings)
        if x_target is not None:
            service.targets.add_channel_target(x_target)
        if args.status is not None:
            report = await service.book.report(args.status)
            if report is None:
                print(f"beacon announce: no announcement #{args.status}", file=sys.stderr)
                return 1
            out.write(format_report(report))
            return 0
        draft = _draft(args, clock.now(), "UTC")
        announcement_id = await service.publish(None, draft, operator=True)
        print(announcement_id, file=out)
        return 0
    finally:
        await db.close()


def _draft(args: argparse.Namespace, now: datetime, zone: str) -> Draft:
    versions = {"en" if args.zh_file else "": args.text_file.read_text("utf-8").strip()}
    if args.zh_file:
        versions["zh"] = args.zh_file.read_text("utf-8").strip()
    else:
        from bot.language import detect_language

        versions = {detect_language(versions[""]): versions[""]}
    send_at, timezone = (None, None) if args.at is None else parse_when(args.at, now, zone)
    return Draft(
        step="preview",
        versions=versions,
        targets_spec=parse_targets_spec(args.targets),
        pin=args.pin,
        silent=args.silent,
        send_at=send_at,
        timezone=timezone,
    )


def format_report(report: DeliveryReport) -> str:
    """Plain text for the terminal; failures one per line, tab-separated."""
    lines = [
        f"announcement {report.announcement_id}: {report.status}",
        f"targets {report.total}  sent {report.sent}  failed {report.failed}"
        f"  pending {report.pending}  deleted {report.deleted}  in_doubt {report.in_doubt}",
    ]
    lines += [f"failed\t{channel}\t{target}\t{why}" for channel, target, why in report.failures]
    lines.append(f"as of {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
    return "\n".join(lines) + "\n"
