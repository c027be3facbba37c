"""Logs: one JSON object per line, secrets blanked, chatty libraries kept quiet."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.log import configure_logging


@pytest.fixture
def stream() -> io.StringIO:
    out = io.StringIO()
    configure_logging("DEBUG", "json", stream=out, secrets=("123456:SECRET-TOKEN", "SECRET-TOKEN"))
    return out


def test_json_lines_with_extras(stream: io.StringIO) -> None:
    logging.getLogger("beacon").info("ticket opened", extra={"ticket": "T-000001"})
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["msg"] == "ticket opened" and entry["ticket"] == "T-000001"
    assert entry["level"] == "info"


def test_secrets_are_blanked(stream: io.StringIO) -> None:
    logging.getLogger("beacon").debug("calling https://api/bot123456:SECRET-TOKEN/getMe")
    assert "SECRET-TOKEN" not in stream.getvalue()
    assert "bot***" in stream.getvalue()


@pytest.mark.parametrize("name", ["telegram.ext.Application", "telegram.Bot", "httpx"])
def test_libraries_that_log_personal_data_stay_quiet_at_debug(
    stream: io.StringIO, name: str
) -> None:
    logging.getLogger(name).debug("Processing update Update(message=... password hunter2)")
    assert "hunter2" not in stream.getvalue()
    logging.getLogger(name).warning("visible warning")
    assert "visible warning" in stream.getvalue()
