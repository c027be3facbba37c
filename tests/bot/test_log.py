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


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        pytest.param("Bootstrap Initialize Application", False, id="initialize"),
        pytest.param("Bootstrap delete Webhook", False, id="delete-webhook"),
        pytest.param("Bootstrap Set Webhook", False, id="set-webhook"),
        pytest.param("Polling Updates", True, id="runtime-polling-keeps-its-traceback"),
    ],
)
def test_start_up_failures_leave_their_traceback_to_the_cli(
    stream: io.StringIO, description: str, shown: bool
) -> None:
    from bot.log import quiet_bootstrap_failures

    logger = logging.getLogger("telegram.ext")
    quiet_bootstrap_failures()
    quiet_bootstrap_failures()  # once is enough; twice changes nothing
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logger.exception(
                "%s Failed run number 0 of 0. Aborting.", f"Network Retry Loop ({description}):"
            )
        assert ("Traceback" in stream.getvalue()) is shown
        assert len(logger.filters) == 1
    finally:
        logger.filters.clear()
