"""Bot API request parameters: form, multipart and JSON bodies decoded the way Telegram does.

python-telegram-bot sends every value as a string (numbers as "42", booleans as "true",
nested objects as JSON text) and uploads as multipart files; other clients send JSON.
`ApiParams` coerces on read so method handlers see one typed view of both.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from sandbox.errors import bad_request

if TYPE_CHECKING:
    from sandbox.state import World

#: Fields whose value is a JSON-serialized object or array in form bodies.
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
        "commands",
        "scope",
        "results",
        "button",
        "message_ids",
        "permissions",
        "media",
    }
)
INT_FIELDS = frozenset(
    {
        "message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "message_thread_id",
        "reply_to_message_id",
        "until_date",
        "cache_time",
        "max_connections",
        "icon_color",
        "sender_chat_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "is_personal",
        "revoke_messages",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "return_bots",
        "only_if_banned",
        "use_independent_chat_permissions",
        "show_caption_above_media",
        "disable_content_type_detection",
        "has_spoiler",
    }
)
CHAT_ID_FIELDS = frozenset({"chat_id", "from_chat_id"})


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    field_name: str
    file_name: str | None
    content_type: str | None
    data: bytes


@dataclass
class ApiParams:
    """The decoded parameters of one Bot API call."""

    values: dict[str, Any] = field(default_factory=dict)
    uploads: dict[str, Upload] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.values or name in self.uploads

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def str_or_none(self, name: str) -> str | None:
        value = self.values.get(name)
        return None if value is None else str(value)

    def require_str(self, name: str) -> str:
        value = self.str_or_none(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty" if value == "" else f"{name} is required")
        return value

    def int_or_none(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def require_int(self, name: str) -> int:
        value = self.int_or_none(name)
        if value is None:
            raise bad_request(f"{name} is required")
        return value

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name, False))

    def chat_ref(self, name: str = "chat_id") -> int | str:
        """A chat id, or an "@username" for public chats."""
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, int):
            return value
        return value if str(value).startswith("@") else _to_int(str(value), name)

    def json_value(self, name: str) -> Any:
        return self.values.get(name)

    def for_log(self) -> dict[str, Any]:
        """What the call log keeps: the values plus a summary of each upload (no bytes)."""
        logged = dict(self.values)
        for name, upload in self.uploads.items():
            logged[name] = {
                "upload": True,
                "file_name": upload.file_name,
                "content_type": upload.content_type,
                "size": len(upload.data),
            }
        return logged


def _to_int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)  # some clients send durations such as timeout as "10.0"
    except ValueError:
        raise bad_request(f"invalid {name} specified") from None
    if not number.is_integer():
        raise bad_request(f"invalid {name} specified")
    return int(number)


def coerce(name: str, value: Any) -> Any:
    """Turn one raw value into the type the Bot API documents for that field."""
    if not isinstance(value, str):
        return value
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None
    if name in INT_FIELDS:
        return _to_int(value, name) if value != "" else None
    if name in BOOL_FIELDS:
        return value.strip().lower() in {"true", "1"}
    if name in CHAT_ID_FIELDS and value.lstrip("-").isdigit():
        return int(value)
    return value


def coerce_all(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {name: coerce(name, value) for name, value in raw.items()}


async def read_params(request: web.Request) -> ApiParams:
    """Read query string and body (urlencoded, multipart or JSON) into `ApiParams`."""
    raw: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    content_type = request.content_type
    if request.method == "POST" and request.can_read_body:
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            raw.update(body)
        elif content_type == "multipart/form-data":
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                data = await part.read()
                if part.filename is not None:
                    uploads[part.name] = Upload(
                        part.name, part.filename, part.headers.get("Content-Type"), bytes(data)
                    )
                else:
                    raw[part.name] = data.decode(part.get_charset(default="utf-8"))
        else:
            form = await request.post()
            raw.update({k: v for k, v in form.items() if isinstance(v, str)})
    return ApiParams(values=coerce_all(raw), uploads=uploads)


#: A Bot API method implementation: the world and the call's parameters in, the result out.
Handler = Callable[["World", ApiParams], Awaitable[Any]]
