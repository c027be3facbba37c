"""The control API: JSON routes under /control/ that tests use (through `ControlClient`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox import user_actions
from sandbox.errors import ApiError
from sandbox.models import JSON, ChatMemberState, LimitSettings
from sandbox.state import World
from sandbox.updates_api import commands_key

Action = Callable[[World, JSON], Awaitable[Any]]
_MAX_WAIT = 60.0


async def _reset(world: World, body: JSON) -> None:
    world.reset()


async def _create_user(world: World, body: JSON) -> JSON:
    names = ("first_name", "username", "last_name", "language_code", "is_bot")
    fields: dict[str, Any] = {k: body[k] for k in names if k in body}
    if body.get("user_id") is not None:
        fields["id"] = int(body["user_id"])
    user = world.add_user(**fields)
    if not body.get("has_started_bot", True):
        world.not_started.add(user.id)
    return user.to_json()


async def _rename_user(world: World, body: JSON) -> JSON:
    user = user_actions.rename_user(
        world,
        int(body["user_id"]),
        first_name=body.get("first_name"),
        last_name=body.get("last_name"),
        username=body.get("username"),
        clear_username=bool(body.get("clear_username")),
    )
    return user.to_json()


async def _sender_chat_banned(world: World, body: JSON) -> bool:
    record = world.chat(int(body["chat_id"]))
    return int(body["sender_chat_id"]) in record.banned_sender_chats


async def _create_chat(world: World, body: JSON) -> JSON:
    chat = user_actions.create_chat(
        world,
        body["type"],
        title=body.get("title"),
        username=body.get("username"),
        is_forum=bool(body.get("is_forum", False)),
        chat_id=body.get("chat_id"),
        owner_id=body.get("owner_id"),
        bot_status=body.get("bot_status", "member"),
        bot_rights=body.get("bot_rights"),
    )
    return chat.to_json()


async def _migrate_chat(world: World, body: JSON) -> JSON:
    by_user = body.get("by_user")
    chat = user_actions.migrate_chat(
        world, int(body["chat_id"]), by_user=int(by_user) if by_user is not None else None
    )
    return chat.to_json()


async def _set_member(world: World, body: JSON) -> None:
    user_actions.set_member(
        world,
        int(body["chat_id"]),
        int(body["user_id"]),
        body["status"],
        rights=body.get("rights"),
        until_date=int(body.get("until_date") or 0),
        permissions=body.get("permissions"),
        actor=body.get("actor_id"),
    )


async def _member(world: World, body: JSON) -> JSON:
    record = world.chat(int(body["chat_id"]))
    user_id = int(body["user_id"])
    member = world.member(record, user_id)
    return ChatMemberState(
        record.info.id,
        user_id,
        member.status,
        member.rights,
        member.until_date,
        member.permissions,
    ).to_json()


async def _send_message(world: World, body: JSON) -> JSON:
    message = user_actions.send_message(
        world,
        int(body["chat_id"]),
        from_user=body.get("from_user"),
        text=body.get("text"),
        caption=body.get("caption"),
        photo_b64=body.get("photo"),
        document_b64=body.get("document"),
        file_name=body.get("file_name"),
        mime_type=body.get("mime_type"),
        reply_to=body.get("reply_to"),
        entities=body.get("entities"),
        forward_origin_json=body.get("forward_origin"),
        forward_from=body.get("forward_from"),
        forward_from_chat=body.get("forward_from_chat"),
        sender_chat_id=body.get("sender_chat_id"),
        message_thread_id=body.get("message_thread_id"),
        update_fields=body.get("update_fields"),
    )
    return message.to_json()


async def _edit_message(world: World, body: JSON) -> JSON:
    message = user_actions.edit_message(
        world, int(body["chat_id"]), int(body["message_id"]), str(body["text"])
    )
    return message.to_json()


async def _press_button(world: World, body: JSON) -> JSON:
    query_id = user_actions.press_button(
        world,
        int(body["chat_id"]),
        int(body["message_id"]),
        int(body["user_id"]),
        str(body["data"]),
        forged=bool(body.get("forged", False)),
    )
    return {"callback_query_id": query_id}


async def _callback_query(world: World, body: JSON) -> JSON:
    state = world.callbacks.get(str(body["id"]))
    if state is None:
        raise ValueError(f"no callback query {body['id']}")
    return state.to_json()


async def _inline_query(world: World, body: JSON) -> JSON:
    query_id = user_actions.inline_query(
        world,
        int(body["user_id"]),
        str(body["query"]),
        offset=str(body.get("offset", "")),
        chat_type=body.get("chat_type"),
    )
    return {"inline_query_id": query_id}


async def _inline_answer(world: World, body: JSON) -> JSON:
    state = world.inline_queries.get(str(body["id"]))
    if state is None:
        raise ValueError(f"no inline query {body['id']}")
    return state.to_json()


async def _block_bot(world: World, body: JSON) -> None:
    world.user(int(body["user_id"]))
    if body.get("blocked", True):
        world.blocked.add(int(body["user_id"]))
    else:
        world.blocked.discard(int(body["user_id"]))
    world.touch()


async def _messages(world: World, body: JSON) -> JSON:
    record = world.chat(int(body["chat_id"]))
    ordered = sorted(record.messages.values(), key=lambda m: m.payload["message_id"])
    return {
        "version": world.version,
        "messages": [world.chat_message(record, m).to_json() for m in ordered],
    }


async def _bot_calls(world: World, body: JSON) -> JSON:
    method = (body.get("method") or "").lower()
    since = int(body.get("since") or 0)
    calls = [
        c.to_json()
        for c in world.calls
        if c.seq > since and (not method or c.method.lower() == method)
    ]
    return {"version": world.version, "calls": calls}


async def _pending_updates(world: World, body: JSON) -> JSON:
    return {"version": world.version, "count": len(world.updates)}


async def _wait(world: World, body: JSON) -> JSON:
    timeout = min(float(body.get("timeout", 5.0)), _MAX_WAIT)
    return {"version": await world.wait_change(int(body["since"]), timeout)}


async def _inject_fault(world: World, body: JSON) -> None:
    world.faults.add(
        str(body["method"]),
        str(body["kind"]),
        chat_id=body.get("chat_id"),
        count=int(body.get("count", 1)),
        retry_after=int(body.get("retry_after", 5)),
        delay=float(body.get("delay", 1.0)),
    )


async def _clear_faults(world: World, body: JSON) -> None:
    world.faults.clear()


async def _set_limits(world: World, body: JSON) -> None:
    world.limiter.configure(LimitSettings.from_json(body))


async def _limit_stats(world: World, body: JSON) -> JSON:
    limiter = world.limiter
    return {
        "settings": limiter.settings.to_json(),
        "accepted": limiter.accepted,
        "rejected": limiter.rejected,
    }


async def _set_privacy_mode(world: World, body: JSON) -> None:
    world.privacy_mode = bool(body["enabled"])
    world.touch()


async def _commands(world: World, body: JSON) -> list[JSON]:
    key = commands_key(body.get("scope"), body.get("language_code"))
    return world.commands.get(key, [])


ACTIONS: dict[str, Action] = {
    "reset": _reset,
    "create_user": _create_user,
    "create_chat": _create_chat,
    "rename_user": _rename_user,
    "sender_chat_banned": _sender_chat_banned,
    "migrate_chat": _migrate_chat,
    "set_member": _set_member,
    "member": _member,
    "send_message": _send_message,
    "edit_message": _edit_message,
    "press_button": _press_button,
    "callback_query": _callback_query,
    "inline_query": _inline_query,
    "inline_answer": _inline_answer,
    "block_bot": _block_bot,
    "messages": _messages,
    "bot_calls": _bot_calls,
    "pending_updates": _pending_updates,
    "wait": _wait,
    "inject_fault": _inject_fault,
    "clear_faults": _clear_faults,
    "set_limits": _set_limits,
    "limit_stats": _limit_stats,
    "set_privacy_mode": _set_privacy_mode,
    "commands": _commands,
}


class ControlApi:
    """Serves POST /control/<action> (JSON in, JSON out) and GET /control/files/<file_id>."""

    def __init__(self, world: World) -> None:
        self._world = world

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/control/files/{file_id}", self.handle_file),
            web.post("/control/{action}", self.handle_action),
        ]

    async def handle_action(self, request: web.Request) -> web.Response:
        action = ACTIONS.get(request.match_info["action"])
        if action is None:
            return web.json_response({"error": "unknown control action"}, status=404)
        body = await request.json() if request.can_read_body else {}
        try:
            result = await action(self._world, body)
        except ApiError as error:
            return web.json_response({"error": error.description}, status=400)
        except (ValueError, KeyError, TypeError) as error:
            return web.json_response({"error": f"{error.__class__.__name__}: {error}"}, status=400)
        return web.json_response({"result": result})

    async def handle_file(self, request: web.Request) -> web.Response:
        file = self._world.files.get(request.match_info["file_id"])
        if file is None:
            return web.json_response({"error": "no such file"}, status=404)
        return web.Response(body=file.data, content_type="application/octet-stream")
