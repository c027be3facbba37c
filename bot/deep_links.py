"""Deep links into a private chat with the bot: `https://t.me/<bot>?start=<payload>`.

Telegram allows at most 64 characters of A-Z, a-z, 0-9, _ and - in a payload. Each feature
owns a prefix and registers its own `/start <prefix>...` handler:
`priv_` (privacy notice), `art_` (help article), `ticket`, `complaint`, `verify`.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["MAX_PAYLOAD", "deep_link", "is_valid_payload", "start_payload_pattern"]

MAX_PAYLOAD = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def is_valid_payload(payload: str) -> bool:
    return bool(_PAYLOAD.match(payload))


def deep_link(bot_username: str, payload: str) -> str:
    if not is_valid_payload(payload):
        raise ValueError(f"deep-link payload must be 1-64 chars of A-Za-z0-9_-: {payload!r}")
    return f"https://t.me/{quote(bot_username)}?start={payload}"


def start_payload_pattern(prefix: str) -> str:
    """A regex for `filters.Regex` that matches `/start <prefix>...` and nothing else."""
    return rf"^/start(@\w+)?\s+{re.escape(prefix)}[A-Za-z0-9_-]*$"
