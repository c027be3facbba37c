"""The `beacon` command (also `python -m bot`). Each subcommand imports only what it needs."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.settings import TELEGRAM_API_URL, Settings, SettingsError, load_settings, secret_values
from bot.storage.database import DatabaseUnavailable

__all__ = ["main"]

NO_TOKEN = (
    "beacon: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather and put it in .env). "
    "To try Beacon without a token, run: beacon sandbox"
)


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.env_file)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot against Telegram (long polling or webhook)."""
    settings = _settings(args)
    if settings.token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.app import PollingConflict, run
    from bot.log import configure_logging, quiet_bootstrap_failures
    from bot.settings import unknown_keys

    secrets = secret_values(settings)
    configure_logging(settings.log_level, settings.log_format, secrets=secrets)
    for warning in unknown_keys(args.env_file, os.environ):
        logging.getLogger("beacon").warning(warning)
    _check_database(settings)  # before Telegram: a bad file is found without any network
    # PTB logs a failed start (token, network) with a traceback; we say it in one line below.
    quiet_bootstrap_failures()
    try:
        run(settings)
    except PollingConflict:
        print(
            "beacon: another process is already polling Telegram with this TELEGRAM_BOT_TOKEN"
            " (Telegram answered 409 Conflict); stop it first, or run several replicas with"
            " BOT_MODE=webhook",
            file=sys.stderr,
        )
        return 2
    except InvalidToken:
        # PTB's message repeats the token: never print it.
        base_url = settings.telegram_api_base_url
        where = ""
        if base_url != TELEGRAM_API_URL:
            where = f" (or TELEGRAM_API_BASE_URL {base_url} is not a Bot API server)"
        print(
            f"beacon: Telegram rejected TELEGRAM_BOT_TOKEN{where}; copy it again from @BotFather",
            file=sys.stderr,
        )
        return 2
    except NetworkError as exc:
        print(
            f"beacon: cannot reach the Telegram Bot API at {settings.telegram_api_base_url}"
            f" ({_one_line(exc, secrets)}); check the network or TELEGRAM_API_BASE_URL",
            file=sys.stderr,
        )
        return 2
    except TelegramError as exc:
        print(
            f"beacon: the Telegram Bot API at {settings.telegram_api_base_url} refused to start"
            f" the bot ({_one_line(exc, secrets)})",
            file=sys.stderr,
        )
        return 2
    return 0


def _one_line(exc: BaseException, secrets: tuple[str, ...]) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def _check_database(settings: Settings) -> None:
    """Open the database once; raise `DatabaseUnavailable` if it cannot be used. Migrations
    still run when the bot starts (a problem there gives the same one line)."""
    import asyncio

    from bot.storage.database import Database

    async def probe() -> None:
        db = await Database.open(settings.database, migrate=False)
        await db.close()

    asyncio.run(probe())


def cmd_sandbox(args: argparse.Namespace) -> int:
    """Run the real bot against the local emulator and chat with it in this terminal."""
    from sandbox.demo import run_sandbox

    return run_sandbox(env_file=args.env_file, script=args.script, database=args.database)


def cmd_emulator(args: argparse.Namespace) -> int:
    """Run only the local Telegram Bot API emulator."""
    from sandbox.emulator import serve_forever

    return serve_forever(args.host, args.port)


def cmd_scan(args: argparse.Namespace) -> int:
    """Find private data in text (one message, or JSON lines on stdin) or in an image."""
    from privacy import build_scanner
    from privacy.cli import run_scan, run_scan_jsonl

    domains = _settings(args).official_email_domains
    if args.image:
        from privacy.image.cli import run_scan_image

        return run_scan_image(
            Path(args.image), sys.stdout, build_scanner(official_email_domains=domains)
        )
    if args.jsonl:
        return run_scan_jsonl(sys.stdin, sys.stdout, build_scanner(official_email_domains=domains))
    if not args.text:
        print("beacon scan: give the text to scan, or --jsonl to read JSON lines", file=sys.stderr)
        return 2
    return run_scan(" ".join(args.text), sys.stdout, build_scanner(official_email_domains=domains))


def cmd_ask(args: argparse.Namespace) -> int:
    """What the bot would answer: one question, or JSON lines on stdin."""
    from bot.answers import load_default_matcher, run_ask, run_ask_jsonl

    brand = _settings(args).brand_name

    def matcher() -> Any:
        return load_default_matcher(brand)

    if args.jsonl:
        return run_ask_jsonl(sys.stdin, sys.stdout, matcher)
    if not args.text:
        print("beacon ask: give a question, or --jsonl to read JSON lines", file=sys.stderr)
        return 2
    return run_ask(" ".join(args.text), sys.stdout, matcher)


def cmd_kb_check(args: argparse.Namespace) -> int:
    """Validate the help-center content."""
    from bot.answers import run_kb_check

    return run_kb_check(sys.stdout)


def cmd_kb_gaps(args: argparse.Namespace) -> int:
    """The questions users asked that the bot could not answer well, most frequent first."""
    import asyncio

    from bot.answers.service import question_gaps
    from bot.storage import Database

    settings = _settings(args)
    if settings.database_url is None and not settings.database_path.exists():
        print(f"beacon kb gaps: no database at {settings.database_path} yet", file=sys.stderr)
        return 2

    async def load() -> list[tuple[str, int, str]]:
        db = await Database.open(settings.database)
        try:
            return await question_gaps(db, args.limit)
        finally:
            await db.close()

    gaps = asyncio.run(load())
    if not gaps:
        print("No unanswered questions recorded yet.")
    for question, count, reason in gaps:
        print(f"{count:5d}  {reason:<9}  {question}")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Apply the migrations the database does not have yet."""
    from bot.storage.cli import run_db_upgrade

    return run_db_upgrade(_settings(args).database, sys.stdout)


def cmd_db_status(args: argparse.Namespace) -> int:
    """Say which migrations the database has and which are pending."""
    from bot.storage.cli import run_db_status

    return run_db_status(_settings(args).database, sys.stdout)


def cmd_guard_check(args: argparse.Namespace) -> int:
    """Anti-impersonation matchers on JSON lines: member names (--staff) or messages."""
    from pathlib import Path

    from bot.impersonation.cli import (
        StaffFileError,
        load_staff_file,
        run_check_messages,
        run_check_names,
    )
    from bot.impersonation.matcher import Official, OfficialKind
    from bot.impersonation.rules import GuardRules, official_domains_of, settings_officials

    if not args.jsonl:
        print("beacon guard check: only --jsonl is supported (JSON lines)", file=sys.stderr)
        return 2
    if not args.messages and not args.staff:
        print("beacon guard check: give --staff FILE (names) or --messages", file=sys.stderr)
        return 2
    settings = _settings(args)
    officials: list[Official] = [
        o for o in settings_officials(settings) if o.kind is not OfficialKind.BRAND
    ]
    officials.append(Official(OfficialKind.BRAND, name=args.brand or settings.brand_name))
    if args.staff:
        try:
            officials += load_staff_file(Path(args.staff))
        except (OSError, StaffFileError) as error:
            print(f"beacon guard check: --staff: {error}", file=sys.stderr)
            return 2
    rules = GuardRules.load()
    if args.messages:
        domains = (*official_domains_of(settings), *(args.domain or ()))
        return run_check_messages(sys.stdin, sys.stdout, rules, officials, domains)
    return run_check_names(sys.stdin, sys.stdout, rules.names(officials))


def cmd_announce(args: argparse.Namespace) -> int:
    """Enqueue an announcement for the running bot, or print one's delivery report."""
    from bot.announcements.cli import run_announce

    return run_announce(_settings(args), args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="beacon", description=__doc__)
    parser.add_argument(
        "--env-file", default=".env", help="settings file to read (default: .env, if present)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("run", cmd_run, "run the bot against Telegram (needs TELEGRAM_BOT_TOKEN)")

    sandbox = add("sandbox", cmd_sandbox, "try the bot in this terminal: no token, no network")
    sandbox.add_argument("--script", help="read sandbox input lines from this file, then exit")
    sandbox.add_argument("--database", help="database file (default: a temporary one)")

    scan = add("scan", cmd_scan, "find private data in text (the privacy guard's detector)")
    scan.add_argument("text", nargs="*", help="the text to scan")
    scan.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id", "text"} JSON lines on stdin, write one result per line',
    )
    scan.add_argument(
        "--image", metavar="FILE", help="read an image (OCR and QR codes) and scan its text"
    )

    ask = add("ask", cmd_ask, "show what the bot would answer to a question")
    ask.add_argument("text", nargs="*", help="the question")
    ask.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id", "text"} JSON lines on stdin, write one decision per line',
    )

    kb = add("kb", lambda _args: 2, "help-center content: check it, list unanswered questions")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    kb_check = kb_commands.add_parser("check", help="validate the articles and their links")
    kb_check.set_defaults(handler=cmd_kb_check)
    kb_gaps = kb_commands.add_parser("gaps", help="most frequent unanswered questions")
    kb_gaps.add_argument("--limit", type=int, default=20)
    kb_gaps.set_defaults(handler=cmd_kb_gaps)

    db = add("db", lambda _args: 2, "the database: apply migrations, show which are applied")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="DB_COMMAND")
    db_upgrade = db_commands.add_parser("upgrade", help="apply pending migrations")
    db_upgrade.set_defaults(handler=cmd_db_upgrade)
    db_status = db_commands.add_parser("status", help="applied and pending migrations")
    db_status.set_defaults(handler=cmd_db_status)

    guard = add("guard", lambda _args: 2, "anti-impersonation: check names and messages")
    guard_commands = guard.add_subparsers(dest="guard_command", required=True, metavar="GUARD")
    guard_check = guard_commands.add_parser(
        "check", help="which member names imitate staff, which messages are scams"
    )
    guard_check.set_defaults(handler=cmd_guard_check)
    guard_check.add_argument("--jsonl", action="store_true", help="JSON lines on stdin and stdout")
    guard_check.add_argument(
        "--staff",
        metavar="FILE",
        help='official accounts: JSON lines {"user_id", "name", "username"}',
    )
    guard_check.add_argument(
        "--messages", action="store_true", help='check {"id", "text"} messages for scams'
    )
    guard_check.add_argument("--brand", metavar="NAME", help="the brand (default: BRAND_NAME)")
    guard_check.add_argument(
        "--domain",
        action="append",
        metavar="DOMAIN",
        help="an official web domain, besides OFFICIAL_DOMAINS (repeatable)",
    )

    from bot.announcements.cli import add_announce_arguments

    add_announce_arguments(add("announce", cmd_announce, "publish an official announcement"))

    emulator = add("emulator", cmd_emulator, "run only the local Telegram Bot API emulator")
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=8081)
    return parser


def _database_key(args: argparse.Namespace) -> str:
    try:
        return _settings(args).database_key
    except SettingsError:
        return "DATABASE_URL"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except SettingsError as exc:
        print(f"beacon: {exc}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:
        print(f"beacon: {_database_key(args)}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
