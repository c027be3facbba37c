"""`beacon db status` and `beacon db upgrade`, on both backends, as an operator runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.storage import load_migrations


def beacon(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", **env},
    )


def test_status_then_upgrade_then_status(blank_database_target: Path | str, tmp_path: Path) -> None:
    url = str(blank_database_target)
    count = len(load_migrations())
    before = beacon("db", "status", cwd=tmp_path, DATABASE_URL=url)
    assert before.returncode == 1, before.stderr
    assert before.stdout.count("  pending  ") == count
    assert f"{count} pending: run `beacon db upgrade`" in before.stdout

    upgrade = beacon("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"applied {count} migration(s): 0001" in upgrade.stdout

    again = beacon("db", "upgrade", cwd=tmp_path, DATABASE_URL=url)
    assert f"up to date ({count} migrations applied)" in again.stdout

    after = beacon("db", "status", cwd=tmp_path, DATABASE_URL=url)
    assert after.returncode == 0, after.stderr
    assert after.stdout.count("  applied  ") == count
    assert "0001_core" in after.stdout
    assert after.stdout.rstrip().endswith("up to date")


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    result = beacon(
        "db", "status", cwd=tmp_path, DATABASE_URL="postgresql://beacon:hunter2@127.0.0.1:1/x"
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "beacon: DATABASE_URL: cannot use PostgreSQL at postgresql://beacon:***@127.0.0.1:1/x"
    )
    assert "hunter2" not in result.stderr


def test_an_unknown_scheme_names_the_key(tmp_path: Path) -> None:
    result = beacon("db", "status", cwd=tmp_path, DATABASE_URL="mysql://a:secret@h/db")
    assert result.returncode == 2
    assert "DATABASE_URL: expected a file path, sqlite:///data/beacon.db or postgresql://" in (
        result.stderr
    )
    assert "secret" not in result.stderr
