"""Pytest fixtures for the X tests: the fake X API, tweepy routed to it, storage, a clock.

Import the fixtures into a conftest.py. The matcher and the privacy scanner take seconds to
build, so one of each is shared by the whole run.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.answers import Matcher, load_default_matcher
from bot.storage import Database
from bot.texts import Texts
from handlers.x import TweepyXClient, XCredentials
from privacy import PrivacyScanner, build_scanner
from tests.fakes.fake_x import FakeXApi

BRAND = "Acme"
BOT_USERNAME = "AcmeHelpBot"
CREDENTIALS = XCredentials(
    consumer_key="fake-consumer-key",
    consumer_secret="fake-consumer-secret",
    access_token="1000-fake-access-token",
    access_token_secret="fake-access-secret",
)


class SteppingClock:
    """A clock that stands still until the test moves it."""

    def __init__(self, start: datetime = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def _every_log_record_is_built(caplog: pytest.LogCaptureFixture) -> None:
    """Log at DEBUG so a bad `extra` (a reserved LogRecord name) fails the test."""
    caplog.set_level(logging.DEBUG)


@functools.cache
def shared_matcher() -> Matcher:
    return load_default_matcher(BRAND)


@functools.cache
def shared_scanner() -> PrivacyScanner:
    return build_scanner()


@pytest.fixture
def matcher() -> Matcher:
    return shared_matcher()


@pytest.fixture
def scanner() -> PrivacyScanner:
    return shared_scanner()


@pytest.fixture
def texts() -> Texts:
    return Texts.load(BRAND)


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


@pytest.fixture
def db_path(database_target: Path | str) -> Path | str:
    return database_target


@pytest.fixture
async def db(db_path: Path | str) -> AsyncIterator[Database]:
    database = await Database.open(db_path)
    yield database
    await database.close()


@pytest.fixture
async def fake_x() -> AsyncIterator[FakeXApi]:
    async with FakeXApi(consumer_key=CREDENTIALS.consumer_key) as api:
        yield api


@pytest.fixture
async def x_client(fake_x: FakeXApi) -> AsyncIterator[TweepyXClient]:
    """tweepy's real async client, routed to the fake on 127.0.0.1."""
    async with TweepyXClient(CREDENTIALS, api_base_url=fake_x.base_url) as client:
        yield client
