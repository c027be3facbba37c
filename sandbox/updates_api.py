"""Bot API methods about the bot itself, receiving updates and answering queries."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from typing import Any

from sandbox.errors import QUERY_TOO_OLD, ApiError, bad_request
from sandbox.models import JSON
from sandbox.params import ApiParams, Handler
from sandbox.payloads import user_json
from sandbox.state import WebhookConfig, World

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


async def get_me(world: World, params: ApiParams) -> JSON:
    return {
        **user_json(world.bot),
        "can_join_groups": True,
        "can_read_all_group_messages": not world.privacy_mode,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _allowed_updates(world: World, params: ApiParams) -> list[str] | None:
    """Telegram keeps the last allowed_updates a bot sent and reuses it when omitted."""
    value = params.json_value("allowed_updates")
    if isinstance(value, list):
        world.allowed_updates = [str(kind) for kind in value]
    return world.allowed_updates


async def get_updates(world: World, params: ApiParams) -> list[JSON]:
    if world.webhook is not None:
        raise ApiError(409, _WEBHOOK_CONFLICT)
    world.poll_generation += 1
    generation = world.poll_generation
    # As Telegram does, a new getUpdates ends a long poll still waiting, with a 409, at once.
    world.touch()
    offset = params.int_or_none("offset")
    if offset:
        world.confirm(offset)
    limit = min(max(params.int_or_none("limit") or 100, 1), 100)
    timeout = max(params.int_or_none("timeout") or 0, 0)
    allowed = _allowed_updates(world, params)
    deadline = time.monotonic() + timeout
    while True:
        if world.poll_generation != generation:
            raise ApiError(409, _POLL_CONFLICT)
        ready = world.deliverable(allowed, limit)
        remaining = deadline - time.monotonic()
        if ready or remaining <= 0 or world.closing:
            return [update.payload for update in ready]
        await world.wait_change(world.version, remaining)


async def set_webhook(world: World, params: ApiParams) -> bool:
    url = params.str_or_none("url") or ""
    secret = params.str_or_none("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if params.flag("drop_pending_updates"):
        world.updates.clear()
    allowed = _allowed_updates(world, params)
    max_connections = params.int_or_none("max_connections") or 40
    world.webhook = WebhookConfig(url, secret, allowed, max_connections) if url else None
    world.touch()
    return True


async def delete_webhook(world: World, params: ApiParams) -> bool:
    if params.flag("drop_pending_updates"):
        world.updates.clear()
    world.webhook = None
    world.touch()
    return True


async def get_webhook_info(world: World, params: ApiParams) -> JSON:
    hook = world.webhook
    info: JSON = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        if hook.allowed_updates is not None:
            info["allowed_updates"] = hook.allowed_updates
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


async def acknowledge(world: World, params: ApiParams) -> bool:
    return True


def commands_key(scope: object, language_code: str | None) -> str:
    """Where setMyCommands keeps a list: per scope and language, like Telegram."""
    scope = scope or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True) + "|" + (language_code or "")


def _commands_key(params: ApiParams) -> str:
    return commands_key(params.json_value("scope"), params.str_or_none("language_code"))


async def set_my_commands(world: World, params: ApiParams) -> bool:
    commands = params.json_value("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    cleaned: list[JSON] = []
    for item in commands:
        if not isinstance(item, dict) or not _COMMAND.match(str(item.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = str(item.get("description", ""))
        if not 1 <= len(description) <= 256:
            raise bad_request("command description must be non-empty")
        cleaned.append({"command": item["command"], "description": description})
    world.commands[_commands_key(params)] = cleaned
    world.touch()
    return True


async def get_my_commands(world: World, params: ApiParams) -> list[JSON]:
    return world.commands.get(_commands_key(params), [])


async def delete_my_commands(world: World, params: ApiParams) -> bool:
    world.commands.pop(_commands_key(params), None)
    world.touch()
    return True


async def answer_callback_query(world: World, params: ApiParams) -> bool:
    query_id = params.require_str("callback_query_id")
    state = world.callbacks.get(query_id)
    if state is None or state.answered:
        raise bad_request(QUERY_TOO_OLD)
    text = params.str_or_none("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    world.callbacks[query_id] = dataclasses.replace(
        state,
        answered=True,
        text=text,
        show_alert=params.flag("show_alert"),
        url=params.str_or_none("url"),
    )
    world.touch()
    return True


async def answer_inline_query(world: World, params: ApiParams) -> bool:
    query_id = params.require_str("inline_query_id")
    state = world.inline_queries.get(query_id)
    if state is None or state.answered:
        raise bad_request(QUERY_TOO_OLD)
    results: Any = params.json_value("results")
    if not isinstance(results, list) or len(results) > 50:
        too_many = isinstance(results, list)
        raise bad_request("RESULTS_TOO_MUCH" if too_many else "can't parse results JSON object")
    ids = [str(r.get("id")) for r in results if isinstance(r, dict)]
    if len(ids) != len(results) or len(set(ids)) != len(ids):
        raise bad_request("RESULT_ID_DUPLICATE")
    world.inline_queries[query_id] = dataclasses.replace(
        state,
        answered=True,
        results=tuple(results),
        next_offset=params.str_or_none("next_offset"),
    )
    world.touch()
    return True


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "logOut": acknowledge,
    "close": acknowledge,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "answerCallbackQuery": answer_callback_query,
    "answerInlineQuery": answer_inline_query,
}
