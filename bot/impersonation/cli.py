"""`beacon guard check --jsonl`: the matchers on JSON lines, for outside checks.

`--staff FILE` (JSON lines `{"user_id", "name", "username"}`) gives the officials; the brand
comes from settings or `--brand`. Names: input `{"id", "name", "username"}` (an optional
"user_id" marks the member's own account), output `{"id", "suspect", "resembles", "reason"}`.
`--messages`: input `{"id", "text"}`, output `{"id", "scam", "reason"}`. One line out per
line in, in order; a bad line gets the empty result and an "error", and the exit code 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from bot.impersonation.matcher import NameMatcher, Official, OfficialKind
from bot.impersonation.rules import GuardRules
from bot.jsonl import run_jsonl

__all__ = ["load_staff_file", "run_check_messages", "run_check_names"]

_NAME_EMPTY = {"suspect": False, "resembles": None, "reason": None}
_MESSAGE_EMPTY = {"scam": False, "reason": None}


class StaffFileError(ValueError):
    """The --staff file is unusable; the message names the line."""


def load_staff_file(path: Path) -> list[Official]:
    officials: list[Official] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            user_id = record.get("user_id")
            officials.append(
                Official(
                    OfficialKind.STAFF,
                    name=str(record.get("name") or ""),
                    username=(
                        str(record["username"]).lstrip("@") if record.get("username") else None
                    ),
                    user_id=int(user_id) if user_id is not None else None,
                )
            )
        except (ValueError, TypeError) as error:
            raise StaffFileError(f"{path}:{number}: {error}") from None
    return officials


def _optional_text(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string or null")
    return value


def run_check_names(stdin: IO[str], stdout: IO[str], matcher: NameMatcher) -> int:
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
            user_id = record.get("user_id")
            found = matcher.check(
                _optional_text(record, "name"),
                (_optional_text(record, "username") or "").lstrip("@") or None,
                int(user_id) if user_id is not None else None,
            )
            output: dict[str, Any] = {
                "id": record_id,
                "suspect": found.suspect,
                "resembles": found.resembles.shown if found.resembles else None,
                "reason": found.reason.value if found.reason else None,
            }
        except (ValueError, TypeError) as error:
            status = 1
            output = {"id": record_id, **_NAME_EMPTY, "error": str(error)}
        stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
        stdout.flush()
    return status


def run_check_messages(
    stdin: IO[str],
    stdout: IO[str],
    rules: GuardRules,
    officials: Iterable[Official],
    domains: Iterable[str],
) -> int:
    detector = rules.scams(rules.names(officials), domains)

    def handle(record_id: Any, text: str) -> dict[str, Any]:
        verdict = detector.check(text)
        return {
            "id": record_id,
            "scam": verdict.scam,
            "reason": verdict.kind.value if verdict.kind else None,
        }

    return run_jsonl(stdin, stdout, handle, _MESSAGE_EMPTY)
