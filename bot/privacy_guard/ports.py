"""What the privacy guard needs from the outside world, as small Protocols.

The scanner is `privacy.PrivacyScanner`; the chat actions are a Telegram adapter in
`handlers/telegram/privacy_actions.py`. Tests supply fakes for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.messages import Reply, Sender

__all__ = [
    "ChatActions",
    "ChatFacts",
    "DeleteOutcome",
    "FoundSpan",
    "ScanOutcome",
    "TextScanner",
]


class FoundSpan(Protocol):
    """One finding: its entity type, where it is in the text, and its severity."""

    @property
    def type(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def severity(self) -> str: ...  # "critical" | "sensitive" (privacy.Severity is a StrEnum)


class ScanOutcome(Protocol):
    @property
    def findings(self) -> Sequence[FoundSpan]: ...


class TextScanner(Protocol):
    def scan(self, text: str) -> ScanOutcome: ...


class DeleteOutcome(StrEnum):
    DELETED = "deleted"
    NOT_ALLOWED = "not_allowed"  # the bot lacks the right (or the message is too old)
    GONE = "gone"  # someone deleted it first
    # Telegram or the network failed (timeout, 5xx, flood control after the retries): the
    # message may still be up; worth trying again later.
    FAILED = "failed"


@dataclass(frozen=True)
class ChatFacts:
    """Who speaks for a group: its administrators and the channel linked to it (if any)."""

    admin_ids: frozenset[int]
    linked_chat_id: int | None = None


class ChatActions(Protocol):
    """The few chat operations the guard performs."""

    @property
    def bot_username(self) -> str: ...

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        """Delete a message; never raises for a Telegram or network error (`FAILED`)."""
        ...

    async def delete_messages(self, chat_id: int, message_ids: Sequence[int]) -> DeleteOutcome:
        """Delete up to 100 messages of one chat in one call (missing ones are skipped)."""
        ...

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int | None:
        """Send a message; its id, or None when it could not be sent (never raises)."""
        ...

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        """Replace the text and buttons of a message the bot sent; False when it failed."""
        ...

    async def chat_facts(self, chat_id: int) -> ChatFacts | None:
        """The chat's admins and linked channel; None when Telegram would not say."""
        ...

    async def chat_admins(self, chat_id: int) -> list[Sender]:
        """The chat's human administrators (no bots); empty when unknown."""
        ...

    async def is_admin(self, chat_id: int, user_id: int) -> bool: ...
