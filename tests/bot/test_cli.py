"""`beacon` command-line behaviour that operators and outside checks rely on."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sandbox import BotApiEmulator


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
    assert out[1]["private"] is False and out[1]["findings"] == [] and "error" in out[1]
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


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "bad.db"
    path.write_text("garbage\n", encoding="utf-8")
    return path


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "folder.db"
    path.mkdir()
    return path


BAD_DATABASES = [
    pytest.param(_garbage, "is not a SQLite database; expected", id="not-sqlite"),
    pytest.param(_directory, "is a directory; expected the path of a database file", id="dir"),
]
DATABASE_COMMANDS = [
    pytest.param(("run",), id="run"),
    pytest.param(("kb", "gaps"), id="kb-gaps"),
    pytest.param(("announce", "--status", "1"), id="announce"),
]


@pytest.mark.parametrize("command", DATABASE_COMMANDS)
@pytest.mark.parametrize(("make", "expected"), BAD_DATABASES)
def test_unusable_database_is_one_line_and_exits(
    tmp_path: Path, make: Callable[[Path], Path], expected: str, command: tuple[str, ...]
) -> None:
    path = make(tmp_path)
    # The unreachable API is never contacted: the database is checked first.
    result = beacon(
        *command,
        cwd=tmp_path,
        TELEGRAM_BOT_TOKEN="123:abc",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
        DATABASE_PATH=str(path),
    )
    assert result.returncode == 2
    assert _one_line(result).startswith(f"beacon: DATABASE_PATH: {path} {expected}")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param(
            {"TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"},
            "beacon: cannot reach the Telegram Bot API at http://127.0.0.1:9/bot (",
            id="unreachable",
        ),
        pytest.param(
            {"TELEGRAM_API_BASE_URL": "notaurl"},
            "beacon: Invalid settings: TELEGRAM_API_BASE_URL: expected an http(s) URL",
            id="not-a-url",
        ),
    ],
)
def test_telegram_start_failures_are_one_line(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    result = beacon("run", cwd=tmp_path, TELEGRAM_BOT_TOKEN="123:abc", DATABASE_PATH="b.db", **env)
    assert result.returncode == 2
    assert _one_line(result).startswith(expected)


async def test_rejected_token_is_one_line(tmp_path: Path) -> None:
    async with BotApiEmulator() as emulator:
        base_url = emulator.bot_api_base_url
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env={
                "PATH": "/usr/bin:/bin",
                "TELEGRAM_BOT_TOKEN": "111:not-the-emulators-token",
                "TELEGRAM_API_BASE_URL": base_url,
                "DATABASE_PATH": "b.db",
            },
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(process.communicate(), timeout=120)
    stderr = err.decode()
    assert process.returncode == 2
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines() == [
        f"beacon: Telegram rejected TELEGRAM_BOT_TOKEN (or TELEGRAM_API_BASE_URL"
        f" {base_url} is not a Bot API server); copy it again from @BotFather"
    ]
    assert "not-the-emulators-token" not in stderr


@pytest.mark.parametrize(
    ("env_text", "env", "source"),
    [
        pytest.param("BOT_MOD=webhook\n", {}, ".env", id="env-file"),
        pytest.param("", {"BOT_MOD": "webhook"}, "the environment", id="environment"),
    ],
)
def test_mistyped_key_is_one_warning(
    tmp_path: Path, env_text: str, env: dict[str, str], source: str
) -> None:
    (tmp_path / ".env").write_text(env_text, encoding="utf-8")
    result = beacon(
        "run",
        cwd=tmp_path,
        TELEGRAM_BOT_TOKEN="123:abc",
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
        DATABASE_PATH="b.db",
        **env,
    )
    assert result.returncode == 2  # the warning does not stop start-up; the dead API does
    warning, failure = result.stderr.strip().splitlines()
    assert json.loads(warning)["level"] == "warning"
    assert json.loads(warning)["msg"] == (
        f"BOT_MOD in {source} is not a Beacon setting and is ignored; did you mean BOT_MODE?"
    )
    assert failure.startswith("beacon: cannot reach the Telegram Bot API")
