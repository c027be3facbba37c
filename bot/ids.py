"""Numbers typed by people (command arguments, callback data), checked before they are used.

Anything that reaches SQL or the Bot API as an id must fit a signed 64-bit integer (SQLite's
INTEGER, PostgreSQL's BIGINT, Telegram's ids). `str.isdigit` alone lets through "²" (which
`int` rejects) and 30-digit numbers (which the database rejects with OverflowError).
"""

from __future__ import annotations

import re

__all__ = ["MAX_ID", "parse_id"]

MAX_ID = 2**63 - 1
_ID = re.compile(r"-?[0-9]{1,19}")


def parse_id(text: str, *, allow_negative: bool = False) -> int | None:
    """`text` as an id (ASCII digits, 64-bit), or None when it is not one."""
    if not _ID.fullmatch(text) or (text.startswith("-") and not allow_negative):
        return None
    value = int(text)
    return value if -MAX_ID <= value <= MAX_ID else None
