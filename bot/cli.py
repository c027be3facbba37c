"""The `beacon` command (also `python -m bot`). Each subcommand imports only what it needs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bot.settings import Settings, SettingsError, load_settings, secret_values

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
    from bot.app import run
    from bot.log import configure_logging

    configure_logging(settings.log_level, settings.log_format, secrets=secret_values(settings))
    run(settings)
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    """Run the real bot against the local emulator and chat with it in this terminal."""
    from bot.sandbox.demo import run_sandbox

    return run_sandbox(env_file=args.env_file, script=args.script, database=args.database)


def cmd_emulator(args: argparse.Namespace) -> int:
    """Run only the local Telegram Bot API emulator."""
    from bot.sandbox.emulator import serve_forever

    return serve_forever(args.host, args.port)


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

    emulator = add("emulator", cmd_emulator, "run only the local Telegram Bot API emulator")
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=8081)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except SettingsError as exc:
        print(f"beacon: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
