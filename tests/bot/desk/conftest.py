"""Desk test fixtures: a real SQLite file, a clock to move, a gateway that records, a detector."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.desk import DeliveryFailed, SecretSpan, SupportDesk, Unreachable, build_desk
from bot.messages import Reply
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts

STAFF_CHAT = -100_500
AGENT = 9_001
OTHER_AGENT = 9_002


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class Sent:
    method: str
    chat_id: int
    text: str = ""
    thread_id: int | None = None
    reply_to: int | None = None
    from_chat_id: int | None = None
    message_id: int | None = None
    data: bytes = b""
    reply: Reply | None = None


@dataclass
class RecordingGateway:
    """Stands in for Telegram: hands out message ids and records every call."""

    forum: bool = True
    calls: list[Sent] = field(default_factory=list)
    unreachable: set[int] = field(default_factory=set)
    failing: set[str] = field(default_factory=set)  # methods Telegram refuses
    next_id: int = 1_000

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _check(self, chat_id: int, method: str) -> None:
        if chat_id in self.unreachable:
            raise Unreachable("blocked")
        if method in self.failing:
            raise DeliveryFailed(f"{method} refused")

    async def is_forum(self, chat_id: int) -> bool:
        return self.forum

    async def create_topic(self, chat_id: int, name: str) -> int:
        self._check(chat_id, "create_topic")
        self.calls.append(Sent("create_topic", chat_id, text=name))
        return self._id()

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int:
        self._check(chat_id, "send")
        message_id = self._id()
        self.calls.append(
            Sent(
                "send",
                chat_id,
                reply.text,
                thread_id,
                reply.reply_to_message_id,
                message_id=message_id,
                reply=reply,
            )
        )
        return message_id

    async def copy(
        self,
        chat_id: int,
        from_chat_id: int,
        message_id: int,
        *,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> int:
        self._check(chat_id, "copy")
        new_id = self._id()
        self.calls.append(
            Sent(
                "copy",
                chat_id,
                thread_id=thread_id,
                reply_to=reply_to_message_id,
                from_chat_id=from_chat_id,
                message_id=message_id,
            )
        )
        return new_id

    async def delete(self, chat_id: int, message_id: int) -> None:
        self.calls.append(Sent("delete", chat_id, message_id=message_id))

    async def send_document(self, chat_id: int, file_name: str, data: bytes, caption: str) -> None:
        self.calls.append(Sent("document", chat_id, text=file_name, data=data))

    def of(self, method: str) -> list[Sent]:
        return [c for c in self.calls if c.method == method]


class PatternDetector:
    """Finds "password <word>" and 12-word runs: enough to test what the desk does with them."""

    _PASSWORD = re.compile(r"(?<=password )\S+|(?<=密码 )\S+", re.IGNORECASE)

    _CARD = re.compile(r"\b(?:\d{4} ){3}\d{4}\b")

    def critical_spans(self, text: str) -> list[SecretSpan]:
        return [SecretSpan("PASSWORD", m.start(), m.end()) for m in self._PASSWORD.finditer(text)]

    def card_number_spans(self, text: str) -> list[SecretSpan]:
        return [SecretSpan("BANK_CARD", m.start(), m.end()) for m in self._CARD.finditer(text)]


@pytest.fixture
async def db(database_target: Path | str) -> AsyncIterator[Database]:
    database = await Database.open(database_target)
    yield database
    await database.close()


@pytest.fixture
def clock() -> FakeClock:
    # A Wednesday, 10:00 UTC.
    return FakeClock(datetime(2026, 3, 4, 10, 0, tzinfo=UTC))


@pytest.fixture
def gateway() -> RecordingGateway:
    return RecordingGateway()


@pytest.fixture
def texts() -> Texts:
    return Texts.load("Nova Exchange")


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "staff_chat_id": STAFF_CHAT,
        "staff_user_ids": (AGENT, OTHER_AGENT),
        "support_hours": "24/7",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def desk(db: Database, texts: Texts, clock: FakeClock, gateway: RecordingGateway) -> SupportDesk:
    return build_desk(make_settings(), db, texts, clock, gateway, PatternDetector())
