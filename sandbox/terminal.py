"""A chat in the terminal: type as a group member, a moderator or an agent; see what the bot does.

The terminal only talks to the emulator's control API, exactly like the tests do.
"""

from __future__ import annotations

import asyncio
import shlex
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TextIO

from sandbox.control import ControlClient, ControlError, SandboxTimeout
from sandbox.models import ChatMessage

__all__ = ["ChatWatcher", "DemoWorld", "Terminal", "describe_change"]

HELP = """\
Type a message and press Enter to post it where you are (the prompt shows who and where).
Commands:
  /as member | moderator | agent     switch who you are
  /in group | dm | staff             switch where you post (staff = the support agents' chat)
  /press N                           press button N under the bot's last message here
  /reply N <text>                    reply to message N (the number shown in [#N])
  /edit <text>                       edit your last message here
  /photo <caption>                   post a photo with a caption
  /forward <text>                    post a forwarded message
  /rights delete on|off              give or take the bot's right to delete in the group
  /history                           show this chat again
  /sandbox                           this text
  /quit                              leave the sandbox
Anything else starting with / (like /start, /ticket, /ask ...) is sent to the bot as is."""


@dataclass(frozen=True)
class DemoWorld:
    """The people and chats `beacon sandbox` creates."""

    group_id: int
    staff_chat_id: int
    people: dict[str, int]  # role -> user id
    names: dict[int, str]  # user id -> display name
    bot_username: str


def describe_change(old: ChatMessage | None, new: ChatMessage, names: dict[int, str]) -> list[str]:
    """Lines that tell a person what happened to one message since they last looked."""
    who = "Beacon" if new.from_bot else names.get(new.from_id or 0, f"user {new.from_id}")
    lines: list[str] = []
    if old is None:
        if new.deleted:
            return [f"  [#{new.message_id}] {who}: (a message that was deleted at once)"]
        body = new.content or ("(file)" if new.file else "")
        marker = f" ↩ #{new.reply_to_message_id}" if new.reply_to_message_id else ""
        if new.file:
            body = f"📎 {new.file.file_name or new.file.kind} {body}".rstrip()
        lines.append(f"  [#{new.message_id}] {who}{marker}: {_indent(body)}")
        lines.extend(_buttons(new))
        return lines
    if new.deleted and not old.deleted:
        lines.append(f"  ✂ message #{new.message_id} from {who} was deleted")
    elif new.content != old.content:
        lines.append(f"  ✎ #{new.message_id} edited: {_indent(new.content or '')}")
        lines.extend(_buttons(new))
    elif new.reply_markup != old.reply_markup:
        lines.append(f"  ✎ #{new.message_id} buttons changed")
        lines.extend(_buttons(new))
    if new.pinned and not old.pinned:
        lines.append(f"  📌 #{new.message_id} pinned")
    return lines


def _indent(text: str) -> str:
    return text.replace("\n", "\n      ")


def _buttons(message: ChatMessage) -> list[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    buttons = [b for row in rows for b in row]
    lines = []
    for number, button in enumerate(buttons, start=1):
        target = button.get("url") or button.get("callback_data") or ""
        lines.append(f"      ({number}) {button.get('text')}  → {target}")
    return lines


@dataclass
class ChatWatcher:
    """Remembers what the person has seen in each chat and reports only what changed."""

    control: ControlClient
    names: dict[int, str]
    seen: dict[int, dict[int, ChatMessage]] = field(default_factory=dict)

    async def changes(self, chat_id: int, *, everything: bool = False) -> list[str]:
        known = {} if everything else self.seen.setdefault(chat_id, {})
        lines: list[str] = []
        for message in await self.control.messages(chat_id):
            lines.extend(describe_change(known.get(message.message_id), message, self.names))
            self.seen.setdefault(chat_id, {})[message.message_id] = message
        return lines


class Terminal:
    """Reads lines, turns them into actions on the emulator, prints what the bot did."""

    def __init__(
        self,
        control: ControlClient,
        world: DemoWorld,
        out: TextIO,
        read_line: Callable[[str], Awaitable[str | None]],
        *,
        settle_seconds: float = 0.6,
    ) -> None:
        self.control = control
        self.world = world
        self.out = out
        self.read_line = read_line
        self.role = "member"
        self.place = "group"
        self.settle_seconds = settle_seconds
        self.watcher = ChatWatcher(control, world.names)
        self._last_sent: dict[int, int] = {}

    @property
    def user_id(self) -> int:
        return self.world.people[self.role]

    @property
    def chat_id(self) -> int:
        return {
            "group": self.world.group_id,
            "dm": self.user_id,
            "staff": self.world.staff_chat_id,
        }[self.place]

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    async def run(self) -> None:
        self.say(HELP)
        await self.show_activity()
        while True:
            line = await self.read_line(f"\n{self.world.names[self.user_id]} @ {self.place}> ")
            if line is None or line.strip() == "/quit":
                return
            if line.strip():
                await self.handle(line.strip())

    async def handle(self, line: str) -> None:
        command, _, rest = line.partition(" ")
        try:
            action = self._commands().get(command)
            if action is not None:
                await action(rest.strip())
            else:
                message = await self.control.send_message(
                    self.chat_id, line, from_user=self.user_id
                )
                self._last_sent[self.chat_id] = message.message_id
        except (ValueError, KeyError, IndexError, ControlError) as exc:
            self.say(f"  ! {exc}")
            return
        await self.show_activity()

    def _commands(self) -> dict[str, Callable[[str], Awaitable[None]]]:
        return {
            "/as": self._switch_role,
            "/in": self._switch_place,
            "/press": self._press,
            "/reply": self._reply,
            "/edit": self._edit,
            "/photo": self._photo,
            "/forward": self._forward,
            "/rights": self._rights,
            "/history": self._history,
            "/sandbox": self._help,
        }

    async def show_activity(self) -> None:
        """Wait until the bot has handled everything, then print what changed anywhere."""
        try:
            await self.control.wait_until_consumed(timeout=15)
        except SandboxTimeout:
            self.say("  … the bot is still busy")
        await asyncio.sleep(self.settle_seconds)  # replies are sent just after the update
        chats = {"group": self.world.group_id, "staff": self.world.staff_chat_id}
        chats.update({f"dm {name}": uid for name, uid in self.world.people.items()})
        for label, chat_id in chats.items():
            lines = await self.watcher.changes(chat_id)
            if lines:
                self.say(f"— {label} —")
                for line in lines:
                    self.say(line)

    async def _switch_role(self, role: str) -> None:
        if role not in self.world.people:
            raise ValueError(f"no such role {role!r}; choose {', '.join(self.world.people)}")
        self.role = role
        self.say(f"  you are now {self.world.names[self.user_id]}")

    async def _switch_place(self, place: str) -> None:
        if place not in {"group", "dm", "staff"}:
            raise ValueError("choose group, dm or staff")
        self.place = place

    async def _press(self, rest: str) -> None:
        number = _number(rest, "/press N, where N is the button's number")
        for message in reversed(await self.control.messages(self.chat_id)):
            rows = (message.reply_markup or {}).get("inline_keyboard", [])
            buttons = [b for row in rows for b in row]
            if message.from_bot and buttons and not message.deleted:
                if not 1 <= number <= len(buttons):
                    raise ValueError(f"that message has buttons 1 to {len(buttons)}")
                button = buttons[number - 1]
                if "callback_data" not in button:
                    self.say(f"  (that button opens {button.get('url')})")
                    return
                await self.control.press_button(
                    self.chat_id, message.message_id, self.user_id, button["callback_data"]
                )
                return
        raise ValueError("no message with buttons here")

    async def _reply(self, rest: str) -> None:
        number, _, text = rest.partition(" ")
        if not text.strip():
            raise ValueError("use /reply N <text>")
        await self.control.send_message(
            self.chat_id, text, from_user=self.user_id,
            reply_to=_number(number, "/reply N <text>, where N is a message number"),
        )

    async def _edit(self, text: str) -> None:
        message_id = self._last_sent.get(self.chat_id)
        if message_id is None:
            raise ValueError("you have not posted here yet")
        await self.control.edit_message(self.chat_id, message_id, text)

    async def _photo(self, caption: str) -> None:
        await self.control.send_message(
            self.chat_id, caption=caption, photo=b"\x89PNG sandbox photo", from_user=self.user_id
        )

    async def _forward(self, text: str) -> None:
        if not text.strip():
            raise ValueError("use /forward <text>")
        await self.control.send_message(
            self.chat_id, text, from_user=self.user_id, forward_from=self.world.people["member"]
        )

    async def _rights(self, rest: str) -> None:
        parts = shlex.split(rest)
        if len(parts) != 2 or parts[0] != "delete" or parts[1] not in {"on", "off"}:
            raise ValueError("use /rights delete on|off")
        await self.control.set_member(
            self.world.group_id,
            _bot_id(self.world),
            "administrator",
            rights={"can_delete_messages": parts[1] == "on", "can_pin_messages": True},
        )
        self.say(f"  the bot can {'now' if parts[1] == 'on' else 'no longer'} delete messages")

    async def _history(self, _: str) -> None:
        for line in await self.watcher.changes(self.chat_id, everything=True):
            self.say(line)

    async def _help(self, _: str) -> None:
        self.say(HELP)


def _number(text: str, usage: str) -> int:
    if not text.strip().isdigit():
        raise ValueError(f"use {usage}")
    return int(text)


def _bot_id(world: DemoWorld) -> int:
    return world.people.get("bot", 123456)
