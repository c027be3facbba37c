"""`DATABASE_URL`: a file path, `sqlite:///path`, or `postgresql://user:pass@host/db`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

__all__ = ["DatabaseTarget", "parse_database_target", "without_password"]


@dataclass(frozen=True)
class DatabaseTarget:
    dialect: Literal["sqlite", "postgresql"]
    path: Path | None = None  # SQLite: the file (or ":memory:")
    url: str | None = None  # PostgreSQL: the libpq connection URL, as given


def parse_database_target(target: Path | str) -> DatabaseTarget:
    """Which backend a target means; raise ValueError with the expected forms otherwise."""
    if isinstance(target, Path):
        return DatabaseTarget("sqlite", path=target)
    text = target.strip()
    if not text:
        raise ValueError("is empty; expected a file path, sqlite:///path or postgresql://...")
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres"):
        parts = urlsplit(text)
        if not parts.hostname and "host=" not in parts.query:
            raise ValueError("names no server; expected postgresql://user:password@host:5432/db")
        return DatabaseTarget("postgresql", url=text)
    if scheme == "sqlite":
        # sqlite:///relative/path is relative; sqlite:////abs/path is absolute (as SQLAlchemy).
        path = text[len("sqlite:///") :] if text.lower().startswith("sqlite:///") else ""
        if not path:
            raise ValueError("names no file; expected sqlite:///data/beacon.db")
        return DatabaseTarget("sqlite", path=Path(path))
    if scheme:
        raise ValueError(
            f"uses the unknown scheme {scheme}://; expected a file path, sqlite:///path"
            " or postgresql://..."
        )
    return DatabaseTarget("sqlite", path=Path(text))


def without_password(url: str) -> str:
    """The URL with its password replaced by ***, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))
