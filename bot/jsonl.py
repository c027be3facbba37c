"""The JSON-lines loop behind `beacon scan --jsonl` and `beacon ask --jsonl`.

One input line `{"id": ..., "text": ...}` gives one output line, in order, flushed at once. A
line that is not a JSON object with a string "text" gets `{"id": ..., "error": "..."}` and the
stream goes on; blank lines are skipped. The exit code is 1 if any line was bad, else 0.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any

__all__ = ["run_jsonl"]


def run_jsonl(stdin: IO[str], stdout: IO[str], handle: Callable[[Any, str], dict[str, Any]]) -> int:
    """Call `handle(id, text)` for each good line and write what it returns."""
    status = 0
    for line in stdin:
        if not line.strip():
            continue
        record_id: Any = None
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("each line must be a JSON object")
            record_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                raise ValueError("'text' must be a string")
            output = handle(record_id, text)
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            status = 1
            output = {"id": record_id, "error": str(error)}
        stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
        stdout.flush()
    return status
