from __future__ import annotations

from tests.fakes.x_fixtures import (
    _every_log_record_is_built,
    clock,
    db,
    db_path,
    fake_x,
    matcher,
    scanner,
    texts,
    x_client,
)

__all__ = [
    "_every_log_record_is_built",
    "clock",
    "db",
    "db_path",
    "fake_x",
    "matcher",
    "scanner",
    "texts",
    "x_client",
]
