"""`beacon guard check --jsonl`: the command-line contract outside checks rely on."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main


def _run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    lines: list[object],
) -> tuple[int, list[dict[str, object]]]:
    text = "".join(
        (json.dumps(line) if not isinstance(line, str) else line) + "\n" for line in lines
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = main(["--env-file", "/nonexistent.env", *argv])
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def staff_file(tmp_path: Path) -> Path:
    path = tmp_path / "staff.jsonl"
    path.write_text(
        '{"user_id": 1, "name": "Paul", "username": "PaulHitBTC"}\n'
        '{"user_id": 2, "name": "Anna Li", "username": "annali_hitbtc"}\n',
        encoding="utf-8",
    )
    return path


def test_names_one_line_out_per_line_in(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], staff_file: Path
) -> None:
    code, out = _run(
        monkeypatch,
        capsys,
        ["guard", "check", "--jsonl", "--staff", str(staff_file), "--brand", "HitBTC"],
        [
            {"id": "a", "name": "Paul", "username": "PauIHitBTC"},
            {"id": "b", "name": "Paula", "username": "paula99"},
            {"id": "c", "name": "HitBTC Support", "username": None},
            {"id": "d", "username": "PaulHitBTCC"},
        ],
    )
    assert code == 0
    assert out == [
        {"id": "a", "suspect": True, "resembles": "PaulHitBTC", "reason": "confusable"},
        {"id": "b", "suspect": False, "resembles": None, "reason": None},
        {"id": "c", "suspect": True, "resembles": "HitBTC", "reason": "staff-word"},
        {"id": "d", "suspect": True, "resembles": "PaulHitBTC", "reason": "edit-distance"},
    ]


def test_a_bad_line_gets_the_empty_result_and_the_stream_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], staff_file: Path
) -> None:
    code, out = _run(
        monkeypatch,
        capsys,
        ["guard", "check", "--jsonl", "--staff", str(staff_file)],
        ["not json", {"id": 2, "name": 5}, {"id": 3, "name": "Раul"}],
    )
    assert code == 1
    assert out[0]["suspect"] is False and "error" in out[0]
    assert out[1]["id"] == 2 and "error" in out[1]
    assert out[2] == {"id": 3, "suspect": True, "resembles": "PaulHitBTC", "reason": "confusable"}


def test_messages(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(
        monkeypatch,
        capsys,
        ["guard", "check", "--jsonl", "--messages", "--brand", "HitBTC", "--domain", "hitbtc.com"],
        [
            {"id": 1, "text": "DM me for help"},
            {"id": 2, "text": "log in at hitbtc-verify.com"},
            {"id": 3, "text": "how long does a deposit take?"},
        ],
    )
    assert code == 0
    assert out == [
        {"id": 1, "scam": True, "reason": "dm-offer"},
        {"id": 2, "scam": True, "reason": "lookalike-domain"},
        {"id": 3, "scam": False, "reason": None},
    ]


def test_a_missing_staff_file_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["guard", "check", "--jsonl", "--staff", str(tmp_path / "none.jsonl")])
    assert code == 2
    assert "--staff" in capsys.readouterr().err
