"""`beacon sandbox --script`: the real bot in-process, driven like a person would."""

from __future__ import annotations

import io
from pathlib import Path

from bot.sandbox.demo import run_sandbox


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
