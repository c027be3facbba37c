"""`SafeParsingBot`: one update Telegram sends that PTB cannot parse costs only itself.

PTB parses a whole `getUpdates` batch at once. When one update in it fails to parse, PTB logs
the whole batch (members' messages, secrets included) at CRITICAL and drops the batch without
confirming it, so the next poll fetches it again and fails again: every message in it, and
every one after it, goes unscanned. Here each update of a batch is checked on its own first.
One that does not parse is cut down to the few fields the privacy guard needs (chat, sender,
message id, text) and passed on as that; if even that fails, it is dropped with its update id
logged, and the rest of the batch goes on as usual.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

__all__ = ["SafeParsingBot", "parseable_updates"]

log = logging.getLogger(__name__)

_MESSAGE_KINDS = ("message", "edited_message", "channel_post", "edited_channel_post")


class SafeParsingBot(ExtBot[Any]):
    async def _post(self, endpoint: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, *args, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return parseable_updates(result, self)
        return result


def parseable_updates(raw_updates: list[Any], bot: Any) -> list[Any]:
    """The batch with each update that PTB cannot parse cut down (or dropped)."""
    kept: list[Any] = []
    for raw in raw_updates:
        try:
            Update.de_json(raw, bot)
        except Exception as error:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            salvaged = _salvage(raw, bot)
            # The update id only: the data may hold a member's message.
            log.error(
                "an update could not be parsed",
                extra={
                    "update_id": update_id,
                    "error": type(error).__name__,
                    "kept_as": "essentials" if salvaged is not None else "dropped",
                },
            )
            if salvaged is not None:
                kept.append(salvaged)
            continue
        kept.append(raw)
    return kept


def _salvage(raw: Any, bot: Any) -> dict[str, Any] | None:
    """The message's essentials, so the privacy guard still scans and can remove it."""
    if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
        return None
    for kind in _MESSAGE_KINDS:
        message = raw.get(kind)
        if not isinstance(message, dict):
            continue
        try:
            chat = message["chat"]
            essentials: dict[str, Any] = {
                "message_id": int(message["message_id"]),
                "date": message["date"] if isinstance(message.get("date"), int) else 0,
                "chat": {"id": int(chat["id"]), "type": str(chat["type"])},
            }
            sender = message.get("from")
            if isinstance(sender, dict):
                essentials["from"] = {
                    "id": int(sender["id"]),
                    "is_bot": bool(sender.get("is_bot", False)),
                    "first_name": str(sender.get("first_name", "")),
                }
            for field in ("text", "caption"):
                if isinstance(message.get(field), str):
                    essentials[field] = message[field]
            slim = {"update_id": raw["update_id"], kind: essentials}
            Update.de_json(slim, bot)
        except Exception:
            return None
        return slim
    return None
