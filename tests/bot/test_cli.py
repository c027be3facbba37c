"""`beacon` command-line behaviour that operators and outside checks rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def beacon(*args: str, cwd: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", **env},
    )


def test_unwritable_database_path_is_one_line(tmp_path: Path) -> None:
    result = beacon(
        "run", cwd=tmp_path, TELEGRAM_BOT_TOKEN="123:abc", DATABASE_PATH="/proc/beacon/x.db"
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "beacon: DATABASE_PATH: cannot create the folder /proc/beacon (No such file or directory)"
    )


@pytest.mark.parametrize("secret", ["has space!", "x" * 257, "ümlaut"])
def test_webhook_secret_must_follow_telegrams_rule(tmp_path: Path, secret: str) -> None:
    result = beacon(
        "run",
        cwd=tmp_path,
        BOT_MODE="webhook",
        WEBHOOK_URL="https://b.example/h",
        WEBHOOK_SECRET=secret,
    )
    assert result.returncode == 2
    assert "WEBHOOK_SECRET: expected 1-256 characters" in result.stderr
    assert secret not in result.stderr


def test_scan_jsonl_streams_in_order_and_survives_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "text": "my password is Tr0ub4dor&3x"}),
        "this is not json",
        json.dumps({"id": "b", "text": "write to support@nova.example, or ask here"}),
        json.dumps({"id": 3, "text": "BTC is at 67,250.5 today"}),
    ]
    result = beacon(
        "scan",
        "--jsonl",
        cwd=tmp_path,
        stdin="\n".join(lines) + "\n",
        OFFICIAL_EMAIL_DOMAINS="nova.example",
    )
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, None, "b", 3]
    assert out[0]["private"] is True and out[0]["findings"][0]["type"] == "PASSWORD"
    assert "error" in out[1]
    assert out[2]["private"] is False  # the exchange's own address is public
    assert out[3] == {"id": 3, "private": False, "findings": []}
    assert "Tr0ub4dor" not in result.stderr


def test_ask_jsonl_contract(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "text": "how do I reset 2FA, lost my phone"}),
        json.dumps({"id": 2, "text": "gm gm wen moon"}),
    ]
    result = beacon("ask", "--jsonl", cwd=tmp_path, stdin="\n".join(lines) + "\n")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == 1 and first["answer"] == "reset-2fa"
    assert first["suggestions"][0] == "reset-2fa" and isinstance(first["score"], float)
    assert second == {"id": 2, "answer": None, "suggestions": [], "score": second["score"]}


def test_kb_check_passes_on_the_shipped_content(tmp_path: Path) -> None:
    result = beacon("kb", "check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "44 contract slugs: OK" in result.stdout


def test_kb_gaps_without_a_database_says_so(tmp_path: Path) -> None:
    result = beacon("kb", "gaps", cwd=tmp_path, DATABASE_PATH=str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert "no database" in result.stderr
