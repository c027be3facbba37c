"""The JSON-lines loop behind `beacon scan --jsonl` and `beacon ask --jsonl`.

One input line `{"id": ..., "text": ...}` gives one output line, in order, flushed at once. A
line that is not a JSON object with a string "text" (or whose text could not be handled) gets
the command's empty result with an "error" beside it, e.g. `{"id": ..., "answer": null,
"suggestions": [], "score": 0.0, "error": "..."}`, so a reader that only looks for the contract's
keys keeps working; the stream goes on. Blank lines are skipped. The exit code is 1 if any line
was bad, else 0.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import IO, Any

__all__ = ["run_jsonl"]

log = logging.getLogger("beacon.jsonl")


def run_jsonl(
    stdin: IO[str],
    stdout: IO[str],
    handle: Callable[[Any, str], dict[str, Any]],
    empty: Mapping[str, Any] | None = None,
) -> int:
    """Call `handle(id, text)` for each good line and write what it returns; a bad line gets
    `{"id": ..., **empty, "error": ...}`."""
    status = 0
    for number, line in enumerate(stdin, 1):
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
            output = {"id": record_id, **(empty or {}), "error": str(error)}
        except Exception as error:  # a bug on one text must not end the stream for the others
            # The type only: an exception's message may quote the text, and texts hold secrets.
            log.error("line %d could not be handled: %s", number, type(error).__name__)
            status = 1
            output = {"id": record_id, **(empty or {}), "error": "internal error on this line"}
        stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
        stdout.flush()
    return status
