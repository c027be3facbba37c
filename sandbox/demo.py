"""`beacon sandbox`: the real bot, the local emulator and a terminal chat, in one process.

No token and no network: the emulator listens on 127.0.0.1 and the bot's `base_url` points
at it. The bot is the same `Application` that `beacon run` builds.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from bot.app import ALLOWED_UPDATES, build_application
from bot.lifecycle import started
from bot.log import configure_logging
from bot.settings import Settings, load_settings
from sandbox.control import ControlClient
from sandbox.emulator import BotApiEmulator
from sandbox.state import BOT_USER
from sandbox.terminal import DemoWorld, Terminal

__all__ = ["build_world", "run_sandbox", "sandbox_settings"]

MEMBER, MODERATOR, AGENT = 1001, 1002, 1003


async def build_world(control: ControlClient) -> DemoWorld:
    """A community group where the bot is an admin, a staff forum, and three people."""
    people = {
        "member": await control.create_user("Alex", username="alex", user_id=MEMBER),
        "moderator": await control.create_user(
            "Mia (moderator)", username="mia_mod", user_id=MODERATOR
        ),
        "agent": await control.create_user(
            "Sam (support agent)", username="sam_support", user_id=AGENT, language_code="zh-hans"
        ),
    }
    group = await control.create_chat(
        "supergroup",
        title="Nova Community",
        owner_id=MODERATOR,
        bot_status="administrator",
        bot_rights={"can_delete_messages": True, "can_pin_messages": True},
    )
    staff = await control.create_chat(
        "supergroup",
        title="Nova Support Desk",
        is_forum=True,
        owner_id=AGENT,
        bot_status="administrator",
        bot_rights={
            "can_delete_messages": True,
            "can_manage_topics": True,
            "can_pin_messages": True,
        },
    )
    for user in people.values():
        await control.set_member(group.id, user.id, "member")
    await control.set_member(
        group.id, MODERATOR, "administrator", rights={"can_delete_messages": True}
    )
    await control.set_member(staff.id, AGENT, "administrator", rights={"can_manage_topics": True})
    return DemoWorld(
        group_id=group.id,
        staff_chat_id=staff.id,
        people={role: user.id for role, user in people.items()},
        names={user.id: user.first_name for user in people.values()},
        bot_username=BOT_USER.username or "beacon_sandbox_bot",
    )


def sandbox_settings(
    emulator: BotApiEmulator, world: DemoWorld, database: Path, env_file: str | None
) -> Settings:
    """The operator's .env (brand, help center, ...) with the sandbox's own wiring on top."""
    return load_settings(
        env_file,
        telegram_bot_token=emulator.token,
        telegram_api_base_url=emulator.bot_api_base_url,
        telegram_file_base_url=emulator.file_base_url,
        bot_mode="polling",
        database_path=database,
        owner_user_ids=(MODERATOR,),
        moderator_user_ids=(MODERATOR,),
        staff_user_ids=(AGENT,),
        staff_chat_id=world.staff_chat_id,
        privacy_notice_ttl_seconds=60,
        x_api_key=None,
        x_api_secret=None,
        x_access_token=None,
        x_access_token_secret=None,
    )


async def _stdin_line(prompt: str) -> str | None:
    def read() -> str | None:
        try:
            return input(prompt)
        except EOFError:
            return None

    return await asyncio.to_thread(read)


def _script_reader(path: Path, out: TextIO) -> Callable[[str], Awaitable[str | None]]:
    lines = iter(path.read_text("utf-8").splitlines())

    async def read(prompt: str) -> str | None:
        for line in lines:
            if line.strip() and not line.lstrip().startswith("#"):
                print(f"{prompt}{line}", file=out, flush=True)
                return line
        return None

    return read


async def _run(env_file: str | None, script: Path | None, database: Path, out: TextIO) -> None:
    # Read the script before anything starts, so a wrong path is one clear line.
    reader = _script_reader(script, out) if script else _stdin_line
    async with BotApiEmulator() as emulator, ControlClient(emulator.control_url) as control:
        world = await build_world(control)
        settings = sandbox_settings(emulator, world, database, env_file)
        application: Any = build_application(settings)
        polling = partial(
            application.updater.start_polling,
            poll_interval=0.0,
            timeout=5,
            allowed_updates=ALLOWED_UPDATES,
        )
        async with started(application, polling):
            print(
                f"Beacon sandbox: {settings.brand_name} support bot @{world.bot_username}, "
                f"talking to a local Telegram emulator at {emulator.base_url}"
                f'\nThe bot is an admin of the group "Nova Community"; its database is {database}',
                file=out,
                flush=True,
            )
            await Terminal(control, world, out, reader).run()


def run_sandbox(
    env_file: str | None = ".env",
    script: str | None = None,
    database: str | None = None,
    out: TextIO = sys.stdout,
) -> int:
    if script and not Path(script).is_file():
        print(f"beacon sandbox: no script file at {script}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="beacon-sandbox-") as workdir:
        log_path = Path(workdir) / "bot.log"
        with log_path.open("a", encoding="utf-8") as log:
            configure_logging("INFO", "text", stream=log)
            db_path = Path(database) if database else Path(workdir) / "sandbox.db"
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how people leave
                asyncio.run(_run(env_file, Path(script) if script else None, db_path, out))
        print("Sandbox closed.", file=out)
    return 0
