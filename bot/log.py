"""Structured logs: one JSON object per line (or plain text for humans).

Never log an Update wholesale (it holds personal data) and keep HTTP client loggers quiet:
their request URLs contain the bot token.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

__all__ = ["UpdateDataFilter", "configure_logging", "quiet_bootstrap_failures"]

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
# Loggers that stay at WARNING whatever LOG_LEVEL says. python-telegram-bot logs every update
# and every API result (message text included) at DEBUG, and HTTP clients log URLs that hold
# the bot token.
_QUIET = (
    "telegram",
    "httpx",
    "httpcore",
    "aiosqlite",
    "asyncio",
    "apscheduler",
    "aiohttp.access",
    "jieba",
    "bm25s",  # sets itself to DEBUG on import
    "presidio-analyzer",
    "tweepy",
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s%(extras)s")

    def format(self, record: logging.LogRecord) -> str:
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD and k != "extras"}
        record.extras = (
            (" " + json.dumps(extras, ensure_ascii=False, default=str)) if extras else ""
        )
        return super().format(record)


class RedactingFormatter(logging.Formatter):
    """Wrap a formatter and blank out known secrets (the bot token sits in PTB's debug URLs)."""

    def __init__(self, inner: logging.Formatter, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self._inner = inner
        self._secrets = tuple(s for s in secrets if len(s) >= 6)

    def format(self, record: logging.LogRecord) -> str:
        text = self._inner.format(record)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


# PTB's records that carry whole updates (members' messages) as their arguments.
_UPDATE_DUMPS = ("Error while parsing updates!",)


class UpdateDataFilter(logging.Filter):
    """Cut PTB's "Error while parsing updates! Received data was ..." down to update ids.

    The record's arguments are the raw batch and its traceback may quote a value; what is
    kept is the update ids and the exception's type.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str) or not record.msg.startswith(_UPDATE_DUMPS):
            return True
        data = record.args[0] if isinstance(record.args, tuple) and record.args else None
        ids = (
            [u.get("update_id") for u in data if isinstance(u, dict)]
            if isinstance(data, list)
            else []
        )
        error = record.exc_info[1] if record.exc_info else None
        record.msg = "Error while parsing updates; update ids: %s (%s)"
        record.args = (ids, type(error).__name__ if error else "unknown error")
        record.exc_info = None
        record.exc_text = None
        return True


def configure_logging(
    level: str = "INFO", fmt: str = "json", stream: Any = None, secrets: tuple[str, ...] = ()
) -> None:
    """Send every log record to one handler; `secrets` never appear in the output."""
    handler = logging.StreamHandler(stream or sys.stderr)
    inner = JsonFormatter() if fmt == "json" else TextFormatter()
    handler.setFormatter(RedactingFormatter(inner, secrets))
    handler.addFilter(UpdateDataFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


# PTB's prefix for its start-up steps (initialize, delete/set webhook); later loops differ.
_BOOTSTRAP = "Network Retry Loop (Bootstrap"


class _DropBootstrapFailures(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_BOOTSTRAP)


def quiet_bootstrap_failures() -> None:
    """Drop PTB's traceback for a failed start (token rejected, API unreachable): `beacon run`
    reports those in one line itself. Errors after start-up keep their tracebacks."""
    logger = logging.getLogger("telegram.ext")
    if not any(isinstance(f, _DropBootstrapFailures) for f in logger.filters):
        logger.addFilter(_DropBootstrapFailures())
