"""`beacon sandbox --script`: the real bot in-process, driven like a person would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sandbox.demo import run_sandbox


def test_scripted_sandbox_session(tmp_path: Path) -> None:
    script = tmp_path / "session.txt"
    script.write_text(
        "# comments and blank lines are skipped\n\n"
        "/help\n/in dm\n/help\n/as agent\n/in dm\n/help\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run_sandbox(env_file=None, script=str(script), out=out) == 0
    text = out.getvalue()
    assert "Alex @ group> /help" in text
    assert "Beacon ↩ #1: Ask me a question with /ask" in text  # threaded reply in the group
    assert "/ticket — open a support ticket" in text  # the DM help
    assert "提交工单" in text  # the agent's Telegram language is Chinese
    assert text.rstrip().endswith("Sandbox closed.")


def test_unknown_role_is_explained(tmp_path: Path) -> None:
    script = tmp_path / "session.txt"
    script.write_text("/as ceo\n", encoding="utf-8")
    out = io.StringIO()
    run_sandbox(env_file=None, script=str(script), out=out)
    assert "no such role 'ceo'; choose member, moderator, agent" in out.getvalue()


def test_bad_terminal_input_gets_an_answer_not_a_crash(tmp_path: Path) -> None:
    script = tmp_path / "session.txt"
    script.write_text(
        "/press abc\n/press 1\n/reply 999 hi\n/reply 1\n/forward\n/in nowhere\n/help\n/press 9\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run_sandbox(env_file=None, script=str(script), out=out) == 0
    text = out.getvalue()
    assert "use /press N, where N is the button's number" in text
    assert "no message with buttons here" in text
    assert "use /reply N <text>" in text
    assert "use /forward <text>" in text
    assert "choose group, dm or staff" in text
    assert "that message has buttons 1 to" in text
    assert text.rstrip().endswith("Sandbox closed.")


def test_missing_script_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_sandbox(env_file=None, script=str(tmp_path / "missing.txt")) == 2
    assert "no script file at" in capsys.readouterr().err
