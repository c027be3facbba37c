"""`ControlClient`: the typed async client tests, the terminal sandbox and benchmarks use to
drive the emulator's world (people, chats, faults, limits) and to read what the bot did."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx

from sandbox.models import (
    JSON,
    BotCall,
    CallbackQueryState,
    ChatMemberState,
    ChatMessage,
    InlineQueryState,
    LimitSettings,
    LimitStats,
    SandboxChat,
    SandboxUser,
)

_WAIT_CHUNK = 10.0

MessagePredicate = Callable[[ChatMessage], bool]
CallPredicate = Callable[[BotCall], bool]


class ControlError(RuntimeError):
    """The emulator refused a control request (unknown chat, bad arguments, ...)."""


class SandboxTimeout(AssertionError):
    """A `wait_for_*` gave up; an AssertionError so a failing test reads naturally."""


class ControlClient:
    """Async client for an emulator's /control API.

    >>> async with ControlClient(emulator.control_url) as control:
    ...     alice = await control.create_user("Alice", username="alice")
    ...     await control.send_message(alice.id, "/start")
    ...     reply = await control.wait_for_message(alice.id, lambda m: m.from_bot)
    """

    def __init__(self, control_url: str, *, timeout: float = 30.0) -> None:
        self._url = control_url.rstrip("/")
        self._http = httpx.AsyncClient(timeout=timeout)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> ControlClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(self, action: str, **body: Any) -> Any:
        payload = {key: value for key, value in body.items() if value is not None}
        response = await self._http.post(f"{self._url}/{action}", json=payload)
        try:
            data = response.json()
        except ValueError:
            raise ControlError(f"{action}: HTTP {response.status_code}: {response.text}") from None
        if response.status_code != 200:
            raise ControlError(f"{action}: {data.get('error', response.text)}")
        return data["result"]

    # -- world -----------------------------------------------------------------------------

    async def reset(self) -> None:
        """Forget every user, chat, message, update, call, fault and limit."""
        await self._call("reset")

    async def create_user(
        self,
        first_name: str,
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "en",
        is_bot: bool = False,
        user_id: int | None = None,
        has_started_bot: bool = True,
    ) -> SandboxUser:
        """A person; their private chat with the bot has the same id.

        With `has_started_bot=False` the bot cannot write to them first (403) until they
        send the bot a private message, as on Telegram.
        """
        data = await self._call(
            "create_user",
            first_name=first_name,
            username=username,
            last_name=last_name,
            language_code=language_code,
            is_bot=is_bot,
            user_id=user_id,
            has_started_bot=has_started_bot,
        )
        return SandboxUser.from_json(data)

    async def rename_user(
        self,
        user_id: int,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        clear_username: bool = False,
    ) -> SandboxUser:
        """The person changes their names (no update: Telegram sends none for a rename)."""
        data = await self._call(
            "rename_user",
            user_id=user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            clear_username=clear_username,
        )
        return SandboxUser.from_json(data)

    async def sender_chat_banned(self, chat_id: int, sender_chat_id: int) -> bool:
        """Whether banChatSenderChat stopped this channel posting in the chat."""
        return bool(
            await self._call("sender_chat_banned", chat_id=chat_id, sender_chat_id=sender_chat_id)
        )

    async def create_chat(
        self,
        chat_type: str,
        *,
        title: str | None = None,
        username: str | None = None,
        is_forum: bool = False,
        chat_id: int | None = None,
        owner_id: int | None = None,
        bot_status: str = "member",
        bot_rights: Mapping[str, bool] | None = None,
    ) -> SandboxChat:
        """A group, supergroup or channel with the bot in it (enqueues `my_chat_member`)."""
        data = await self._call(
            "create_chat",
            type=chat_type,
            title=title,
            username=username,
            is_forum=is_forum,
            chat_id=chat_id,
            owner_id=owner_id,
            bot_status=bot_status,
            bot_rights=dict(bot_rights) if bot_rights is not None else None,
        )
        return SandboxChat.from_json(data)

    async def migrate_chat(self, chat_id: int, *, by_user: int | None = None) -> SandboxChat:
        """Upgrade a group to a supergroup (new id); calls to the old id then answer 400 with
        `migrate_to_chat_id`, as Telegram does."""
        return SandboxChat.from_json(
            await self._call("migrate_chat", chat_id=chat_id, by_user=by_user)
        )

    async def set_member(
        self,
        chat_id: int,
        user_id: int,
        status: str,
        *,
        rights: Mapping[str, bool] | None = None,
        until_date: int = 0,
        permissions: Mapping[str, bool] | None = None,
        actor_id: int | None = None,
    ) -> None:
        """Set a membership; for the bot's id this enqueues `my_chat_member`, else `chat_member`."""
        await self._call(
            "set_member",
            chat_id=chat_id,
            user_id=user_id,
            status=status,
            rights=dict(rights) if rights is not None else None,
            until_date=until_date,
            permissions=dict(permissions) if permissions is not None else None,
            actor_id=actor_id,
        )

    async def member(self, chat_id: int, user_id: int) -> ChatMemberState:
        return ChatMemberState.from_json(
            await self._call("member", chat_id=chat_id, user_id=user_id)
        )

    async def block_bot(self, user_id: int) -> None:
        """The user blocks the bot: sends to their private chat fail with 403."""
        await self._call("block_bot", user_id=user_id, blocked=True)

    async def unblock_bot(self, user_id: int) -> None:
        await self._call("block_bot", user_id=user_id, blocked=False)

    async def set_privacy_mode(self, enabled: bool) -> None:
        """Privacy mode: non-admin bots see only commands, mentions and replies in groups."""
        await self._call("set_privacy_mode", enabled=enabled)

    # -- people act ------------------------------------------------------------------------

    async def send_message(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        from_user: int | None = None,
        caption: str | None = None,
        photo: bytes | None = None,
        document: bytes | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
        reply_to: int | None = None,
        entities: list[JSON] | None = None,
        forward_origin: JSON | None = None,
        forward_from: int | None = None,
        forward_from_chat: int | None = None,
        sender_chat_id: int | None = None,
        message_thread_id: int | None = None,
        update_fields: JSON | None = None,
    ) -> ChatMessage:
        """A message from `from_user` (the chat's user in private chats) delivered to the bot.

        Entities for /commands and @mentions are computed unless `entities` is given;
        `sender_chat_id` equal to `chat_id` posts as an anonymous admin; `update_fields` are
        merged into the delivered update only (to send what the bot cannot parse).
        """
        data = await self._call(
            "send_message",
            chat_id=chat_id,
            text=text,
            from_user=from_user,
            caption=caption,
            photo=_b64(photo),
            document=_b64(document),
            file_name=file_name,
            mime_type=mime_type,
            reply_to=reply_to,
            entities=entities,
            forward_origin=forward_origin,
            forward_from=forward_from,
            forward_from_chat=forward_from_chat,
            sender_chat_id=sender_chat_id,
            message_thread_id=message_thread_id,
            update_fields=update_fields,
        )
        return ChatMessage.from_json(data)

    async def edit_message(self, chat_id: int, message_id: int, text: str) -> ChatMessage:
        """The author edits the message (enqueues `edited_message`)."""
        data = await self._call("edit_message", chat_id=chat_id, message_id=message_id, text=text)
        return ChatMessage.from_json(data)

    async def press_button(
        self, chat_id: int, message_id: int, user_id: int, data: str, *, forged: bool = False
    ) -> str:
        """Press the inline button with `data`; returns the callback query id.

        `forged`: send `data` although the message has no such button, as a modified client
        can (callback data is not signed).
        """
        result = await self._call(
            "press_button",
            chat_id=chat_id,
            message_id=message_id,
            user_id=user_id,
            data=data,
            forged=forged,
        )
        return str(result["callback_query_id"])

    async def callback_query(self, callback_query_id: str) -> CallbackQueryState:
        return CallbackQueryState.from_json(
            await self._call("callback_query", id=callback_query_id)
        )

    async def inline_query(
        self, user_id: int, query: str, *, offset: str = "", chat_type: str | None = None
    ) -> str:
        result = await self._call(
            "inline_query", user_id=user_id, query=query, offset=offset, chat_type=chat_type
        )
        return str(result["inline_query_id"])

    async def inline_answer(self, inline_query_id: str) -> InlineQueryState:
        return InlineQueryState.from_json(await self._call("inline_answer", id=inline_query_id))

    # -- what the bot did ------------------------------------------------------------------

    async def messages(self, chat_id: int) -> list[ChatMessage]:
        """Every message in the chat, oldest first, including deleted ones (`deleted=True`)."""
        data = await self._call("messages", chat_id=chat_id)
        return [ChatMessage.from_json(m) for m in data["messages"]]

    async def bot_messages(self, chat_id: int) -> list[ChatMessage]:
        return [m for m in await self.messages(chat_id) if m.from_bot]

    async def bot_calls(self, method: str | None = None, *, since: int = 0) -> list[BotCall]:
        """The Bot API calls the bot made (optionally one method, after call number `since`)."""
        data = await self._call("bot_calls", method=method, since=since)
        return [BotCall.from_json(c) for c in data["calls"]]

    async def unknown_methods(self) -> list[str]:
        """Methods the bot called that the emulator does not implement."""
        return sorted({c.method for c in await self.bot_calls() if not c.known})

    async def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot."""
        return int((await self._call("pending_updates"))["count"])

    async def file_content(self, file_id: str) -> bytes:
        response = await self._http.get(f"{self._url}/files/{file_id}")
        if response.status_code != 200:
            raise ControlError(f"file {file_id}: {response.text}")
        return response.content

    async def bot_commands(
        self, scope: JSON | None = None, language_code: str | None = None
    ) -> list[JSON]:
        """The command list the bot set with setMyCommands for this scope and language."""
        return list(await self._call("commands", scope=scope, language_code=language_code))

    # -- faults and limits -----------------------------------------------------------------

    async def inject_fault(
        self,
        method: str,
        kind: str,
        *,
        chat_id: int | str | None = None,
        count: int = 1,
        retry_after: int = 5,
        delay: float = 1.0,
    ) -> None:
        """Make the next `count` calls of `method` ("*": any) fail.

        kinds: "429", "403", "400_not_found", "slow" (wait `delay`, then answer), "500", "502".
        """
        await self._call(
            "inject_fault",
            method=method,
            kind=kind,
            chat_id=chat_id,
            count=count,
            retry_after=retry_after,
            delay=delay,
        )

    async def clear_faults(self) -> None:
        await self._call("clear_faults")

    async def set_limits(
        self,
        enabled: bool = True,
        *,
        global_per_second: int = 30,
        per_group_per_minute: int = 20,
        per_chat_per_second: int = 1,
    ) -> None:
        """Enforce Telegram's broadcast limits on send methods (429 + retry_after)."""
        settings = LimitSettings(
            enabled, global_per_second, per_group_per_minute, per_chat_per_second
        )
        await self._call("set_limits", **settings.to_json())

    async def limit_stats(self) -> LimitStats:
        return LimitStats.from_json(await self._call("limit_stats"))

    # -- waiting without sleeping ----------------------------------------------------------

    async def _wait(self, since: int, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        # Short server-side waits keep each request well inside the HTTP client's timeout.
        await self._call("wait", since=since, timeout=min(remaining, _WAIT_CHUNK))

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,
        *,
        from_bot: bool = True,
    ) -> ChatMessage:
        """The first message in the chat (from the bot by default) that matches `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            data = await self._call("messages", chat_id=chat_id)
            for raw in data["messages"]:
                message = ChatMessage.from_json(raw)
                if from_bot and not message.from_bot:
                    continue
                if predicate is None or predicate(message):
                    return message
            if time.monotonic() >= deadline:
                raise SandboxTimeout(f"no matching message in chat {chat_id} after {timeout}s")
            await self._wait(int(data["version"]), deadline)

    async def wait_for_call(
        self,
        method: str,
        timeout: float = 5.0,
        *,
        predicate: CallPredicate | None = None,
        since: int = 0,
    ) -> BotCall:
        """The first call of `method` after call number `since` that matches `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            data = await self._call("bot_calls", method=method, since=since)
            for raw in data["calls"]:
                call = BotCall.from_json(raw)
                if predicate is None or predicate(call):
                    return call
            if time.monotonic() >= deadline:
                raise SandboxTimeout(f"the bot did not call {method} within {timeout}s")
            await self._wait(int(data["version"]), deadline)

    async def wait_until_consumed(self, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed every pending update."""
        deadline = time.monotonic() + timeout
        while True:
            data = await self._call("pending_updates")
            if data["count"] == 0:
                return
            if time.monotonic() >= deadline:
                raise SandboxTimeout(f"{data['count']} updates still pending after {timeout}s")
            await self._wait(int(data["version"]), deadline)

    async def last_call_seq(self) -> int:
        """The number of the latest call, to pass as `since` to later waits."""
        calls = await self.bot_calls()
        return calls[-1].seq if calls else 0


def _b64(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode("ascii") if data is not None else None
