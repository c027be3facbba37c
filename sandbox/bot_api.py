"""The Bot API front door: token check, method routing, faults, limits and the call log."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from sandbox import chats_api, messages_api, updates_api
from sandbox.errors import ApiError, chat_upgraded
from sandbox.faults import apply_fault
from sandbox.params import ApiParams, Handler, read_params
from sandbox.state import World

_LOG = logging.getLogger(__name__)

METHODS: dict[str, Handler] = {
    **updates_api.METHODS,
    **messages_api.METHODS,
    **chats_api.METHODS,
}


class BotApi:
    """Serves /bot<token>/<method> and /file/bot<token>/<path> for one `World`."""

    def __init__(self, world: World) -> None:
        self._world = world
        # Telegram method names are case-insensitive.
        self._methods = {name.lower(): (name, handler) for name, handler in METHODS.items()}

    def routes(self) -> list[web.RouteDef]:
        return [
            web.route("*", "/bot{token}/{method}", self.handle_method),
            web.get("/file/bot{token}/{path:.+}", self.handle_file),
        ]

    async def handle_method(self, request: web.Request) -> web.Response:
        world = self._world
        if request.match_info["token"] != world.token:
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        asked = request.match_info["method"]
        known = self._methods.get(asked.lower())
        name = known[0] if known else asked
        params = ApiParams()
        try:
            params = await read_params(request)
            if known is None:
                raise ApiError(404, "Not Found: method not found")
            result = await self._call(name, known[1], params)
        except ApiError as error:
            world.record_call(
                name, params.for_log(), error.code, error.description, known=bool(known)
            )
            return web.json_response(error.to_json(), status=error.code)
        except Exception as exc:
            # An emulator bug: answer like a Telegram outage so the test sees it, and log why.
            _LOG.exception("sandbox Bot API method %s failed", name)
            failure = ApiError(500, f"Internal Server Error: emulator failed: {exc!r}")
            world.record_call(name, params.for_log(), 500, failure.description, known=bool(known))
            return web.json_response(failure.to_json(), status=500)
        world.record_call(name, params.for_log(), 200, None, known=True)
        return web.json_response({"ok": True, "result": result})

    async def _call(self, name: str, handler: Handler, params: ApiParams) -> Any:
        world = self._world
        chat_id = params.get("chat_id")
        fault = world.faults.take(name, chat_id)
        if fault is not None:
            await apply_fault(fault, name)
        if chat_id is not None:
            record = world.chat(params.chat_ref())
            if record.migrated_to is not None:
                raise chat_upgraded(record.migrated_to)
            if world.limiter.settings.enabled:
                world.limiter.check(name, record.info.id, record.info.type)
        return await handler(world, params)

    async def handle_file(self, request: web.Request) -> web.Response:
        world = self._world
        if request.match_info["token"] != world.token:
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        file = world.file_by_path(request.match_info["path"])
        if file is None:
            return web.json_response(ApiError(404, "Not Found").to_json(), status=404)
        return web.Response(
            body=file.data, content_type=file.meta.mime_type or "application/octet-stream"
        )
