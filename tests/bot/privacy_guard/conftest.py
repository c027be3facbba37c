"""Fakes for the privacy guard's ports, and a real SQLite database in tmp_path."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.messages import Inbound, Reply, Sender
from bot.privacy_guard import ChatFacts, DeleteOutcome, PrivacyService
from bot.storage import Database
from bot.texts import Texts

BOT = "nova_help_bot"
CHAT = -100123
ALICE = Sender(11, "Alice <b>", "alice", "en")
ADMIN = Sender(22, "Ada", "ada", "en")

CRITICAL_TYPES = {"PASSWORD", "SEED_PHRASE", "PRIVATE_KEY", "API_SECRET", "VERIFICATION_CODE"}


@dataclass(frozen=True)
class Found:
    """A finding as the scanner reports it."""

    type: str
    start: int
    end: int
    severity: str


# What the fake scanner finds: the words after these labels (one word, or the rest for seeds).
_PATTERNS = {
    "PASSWORD": r"password (\S+)",
    "SEED_PHRASE": r"seed ((?:[a-z]+ ?){12})",
    "VERIFICATION_CODE": r"code (\d{6})",
    "ACCOUNT_ID": r"UID (\d{8})",
    "TX_HASH": r"tx (0x[0-9a-f]{64})",
    "EMAIL_ADDRESS": r"(\S+@\S+\.\w+)",
}


@dataclass
class FakeScan:
    findings: list[Found]


class FakeScanner:
    """Finds the labelled values of `_PATTERNS`, with the real severities."""

    def __init__(self) -> None:
        self.scanned: list[str] = []

    def scan(self, text: str) -> FakeScan:
        self.scanned.append(text)
        found = []
        for kind, pattern in _PATTERNS.items():
            for match in re.finditer(pattern, text):
                severity = "critical" if kind in CRITICAL_TYPES else "sensitive"
                found.append(Found(kind, match.start(1), match.end(1), severity))
        return FakeScan(found)


@dataclass
class FakeActions:
    """Records what the guard did to the chat."""

    bot_username: str = BOT
    can_delete: bool = True
    admins: set[int] = field(default_factory=lambda: {ADMIN.user_id})
    deleted: list[tuple[int, int]] = field(default_factory=list)
    sent: list[tuple[int, Reply]] = field(default_factory=list)
    edited: list[tuple[int, int, Reply]] = field(default_factory=list)
    linked_chat_id: int | None = None
    admin_checks: int = 0
    _next_id: int = 1000

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        if chat_id < 0 and not self.can_delete:
            return DeleteOutcome.NOT_ALLOWED
        self.deleted.append((chat_id, message_id))
        return DeleteOutcome.DELETED

    async def delete_messages(self, chat_id: int, message_ids: Sequence[int]) -> DeleteOutcome:
        if chat_id < 0 and not self.can_delete:
            return DeleteOutcome.NOT_ALLOWED
        self.deleted.extend((chat_id, m) for m in message_ids)
        return DeleteOutcome.DELETED

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int | None:
        self.sent.append((chat_id, reply))
        self._next_id += 1
        return self._next_id

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        self.edited.append((chat_id, message_id, reply))
        return True

    async def chat_admins(self, chat_id: int) -> list[Sender]:
        return [ADMIN]

    async def chat_facts(self, chat_id: int) -> ChatFacts | None:
        self.admin_checks += 1
        return ChatFacts(frozenset(self.admins), self.linked_chat_id)

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        self.admin_checks += 1
        return user_id in self.admins


class FakeClock:
    def __init__(self) -> None:
        self.current = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def inbound(
    text: str,
    *,
    chat_type: str = "supergroup",
    sender: Sender | None = ALICE,
    sender_chat_id: int | None = None,
    message_id: int = 7,
    language: str = "en",
    is_edit: bool = False,
) -> Inbound:
    chat_id = (sender.user_id if sender else 0) if chat_type == "private" else CHAT
    return Inbound(
        chat_id=chat_id,
        chat_type=chat_type,
        message_id=message_id,
        text=text,
        language=language,
        sender=sender,
        sender_chat_id=sender_chat_id,
        is_edit=is_edit,
    )


@pytest.fixture(scope="session")
def texts() -> Texts:
    return Texts.load("Nova Exchange")


@pytest.fixture
async def db(database_target: Path | str) -> AsyncIterator[Database]:
    database = await Database.open(database_target)
    yield database
    await database.close()


async def review(service: PrivacyService, message: Inbound) -> bool:
    """Review a message and wait until its follow-up (record, notice) is done."""
    acted = await service.review_message(message)
    await service.settle()
    return acted
