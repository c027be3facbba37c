from __future__ import annotations

import io
import json

from bot.answers import Matcher, run_ask, run_ask_jsonl


class CountingStream(io.StringIO):
    """Records how many lines had been written at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.lines_at_flush: list[int] = []

    def flush(self) -> None:
        self.lines_at_flush.append(self.getvalue().count("\n"))
        super().flush()


def test_ask_prints_the_decision(matcher: Matcher) -> None:
    out = io.StringIO()
    assert run_ask("where can I see my UID?", out, lambda: matcher) == 0
    text = out.getvalue()
    assert "decision: answer" in text
    assert "[find-uid]" in text
    assert "suggestion 1:" in text and "thresholds:" in text


def test_ask_declines_chatter(matcher: Matcher) -> None:
    out = io.StringIO()
    run_ask("gm frens", out, lambda: matcher)
    assert "decision: decline" in out.getvalue()
    assert "suggestion" not in out.getvalue()


def test_jsonl_contract(matcher: Matcher) -> None:
    lines = [
        {"id": 1, "text": "my withdrawal has been pending for six hours"},
        {"id": "b", "text": "gm"},
        {"id": [3], "text": "2fa"},
        {"id": 4, "text": "忘记登录密码了，怎么重置"},
    ]
    stdin = io.StringIO("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    stdout = CountingStream()
    assert run_ask_jsonl(stdin, stdout, lambda: matcher) == 0
    out = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [o["id"] for o in out] == [1, "b", [3], 4]
    assert all(set(o) == {"id", "answer", "suggestions", "score"} for o in out)
    assert out[0]["answer"] == "withdrawal-pending"
    assert out[0]["suggestions"][0] == "withdrawal-pending"
    assert out[1] == {"id": "b", "answer": None, "suggestions": [], "score": out[1]["score"]}
    assert out[2]["answer"] is None and len(out[2]["suggestions"]) >= 2
    assert out[3]["answer"] == "reset-password"
    assert all(isinstance(o["score"], float) and len(o["suggestions"]) <= 3 for o in out)
    assert stdout.lines_at_flush == [1, 2, 3, 4]


def test_jsonl_bad_lines_get_errors_and_the_stream_goes_on(matcher: Matcher) -> None:
    stdin = io.StringIO(
        "not json\n"
        '["a", "list"]\n'
        '{"id": 7}\n'
        '{"id": 8, "text": 42}\n'
        "\n"
        '{"id": 9, "text": "where can I see my UID?"}\n'
    )
    stdout = io.StringIO()
    assert run_ask_jsonl(stdin, stdout, lambda: matcher) == 1  # like beacon scan --jsonl
    out = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [o["id"] for o in out] == [None, None, 7, 8, 9]
    assert all("error" in o for o in out[:4])
    # A bad line still carries the contract's keys, empty.
    assert all(o["answer"] is None and o["suggestions"] == [] for o in out[:4])
    assert "'text' must be a string" in out[2]["error"]
    assert out[4]["answer"] == "find-uid"


def test_matcher_is_built_once(matcher: Matcher) -> None:
    calls = []

    def factory() -> Matcher:
        calls.append(1)
        return matcher

    stdin = io.StringIO('{"id": 1, "text": "gm"}\n{"id": 2, "text": "gn"}\n')
    run_ask_jsonl(stdin, io.StringIO(), factory)
    assert calls == [1]
