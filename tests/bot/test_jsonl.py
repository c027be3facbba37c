"""The JSON-lines loop: one line out per line in, in order, whatever the input."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from bot.jsonl import run_jsonl

EMPTY = {"answer": None, "suggestions": [], "score": 0.0}


def _echo(record_id: Any, text: str) -> dict[str, Any]:
    if text == "boom":
        raise RuntimeError("the secret hunter2 is in this message")
    return {"id": record_id, "answer": text.upper(), "suggestions": [], "score": 1.0}


def _run(*lines: str) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    status = run_jsonl(io.StringIO("".join(f"{line}\n" for line in lines)), out, _echo, EMPTY)
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_good_lines_stream_in_order() -> None:
    status, out = _run(json.dumps({"id": 1, "text": "a"}), "", json.dumps({"id": 2, "text": "b"}))
    assert status == 0
    assert [(o["id"], o["answer"]) for o in out] == [(1, "A"), (2, "B")]


@pytest.mark.parametrize(
    ("line", "record_id", "error"),
    [
        ("not json", None, "Expecting value"),
        ("[1, 2]", None, "each line must be a JSON object"),
        (json.dumps({"id": 7}), 7, "'text' must be a string"),
        (json.dumps({"id": "x", "text": 3}), "x", "'text' must be a string"),
        (json.dumps({"id": 9, "text": "boom"}), 9, "internal error on this line"),
    ],
)
def test_a_bad_line_gets_the_empty_result_with_an_error(
    line: str, record_id: Any, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    status, out = _run(line, json.dumps({"id": "next", "text": "ok"}))
    assert status == 1
    assert out[0] == {"id": record_id, **EMPTY, "error": out[0]["error"]}
    assert error in out[0]["error"]
    assert out[1]["answer"] == "OK"  # the stream goes on
    assert "hunter2" not in caplog.text
