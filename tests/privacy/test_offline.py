"""Nothing in privacy/ touches the network: not at import, build, or scan time."""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import Any

import pytest


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("privacy/ tried to use the network")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


def test_build_and_scan_with_sockets_blocked(no_network: None) -> None:
    from privacy import build_scanner

    scanner = build_scanner()
    result = scanner.scan("write to me at alice.chen@protonmail.com or bob@mail.example.co.uk")
    assert [f.type for f in result.findings] == ["EMAIL_ADDRESS", "EMAIL_ADDRESS"]
    assert scanner.scan("password: hunter2!").private


def test_fresh_interpreter_imports_builds_and_scans_offline() -> None:
    """A new process (no warm caches) with sockets disabled before privacy is imported."""
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise SystemExit('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from privacy import build_scanner\n"
        "r = build_scanner().scan('mail me: carol@proton.me, 私钥 ' + 'ab' * 32)\n"
        "print(sorted(f.type for f in r.findings))\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['EMAIL_ADDRESS', 'PRIVATE_KEY']"
