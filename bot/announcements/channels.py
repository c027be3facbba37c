"""What the delivery worker needs from a channel (Telegram, X): a `Sender` and neutral errors.

Adapters (`handlers/telegram/telegram_sender.py`, later one for X) map their platform's errors
to the four below, so the worker decides retries without knowing any platform.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

from bot.announcements.models import OutgoingMessage

__all__ = [
    "DeliveryError",
    "PermanentFailure",
    "RetryLater",
    "Sender",
    "SenderRegistry",
    "TargetMoved",
    "TransientFailure",
]


class DeliveryError(Exception):
    """A send (or edit, delete, pin) did not happen."""


class RetryLater(DeliveryError):
    """The channel asked us to slow down (Telegram's 429 with retry_after)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g}s")
        self.seconds = max(0.0, float(seconds))


class TransientFailure(DeliveryError):
    """A network error, a timeout or a server error: try again with backoff.

    `maybe_delivered` is set when the request may have reached the channel before the error
    (a read timeout): the retry is then flagged in doubt, like a send cut short by a crash.
    """

    def __init__(self, message: str = "", *, maybe_delivered: bool = False) -> None:
        super().__init__(message or "transient failure")
        self.maybe_delivered = maybe_delivered


class TargetMoved(DeliveryError):
    """The target lives on under a new id (a Telegram group upgraded to a supergroup): the
    worker moves the row and the registered target to `new_target` and tries again there."""

    def __init__(self, new_target: str) -> None:
        super().__init__(f"moved to {new_target}")
        self.new_target = new_target


class PermanentFailure(DeliveryError):
    """Trying again cannot help: the bot was removed, the chat is gone, the content is refused.

    `reason` is a short stable code for reports ("forbidden", "chat_not_found", ...).
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class Sender(Protocol):
    """One channel's way to publish, change and take back a message. Ids are text."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, target: str, message: OutgoingMessage) -> str: ...

    async def edit(self, target: str, message_id: str, message: OutgoingMessage) -> None: ...

    async def delete(self, target: str, message_id: str) -> None: ...

    async def pin(self, target: str, message_id: str, *, silent: bool) -> None: ...

    async def unpin(self, target: str, message_id: str) -> None: ...


class SenderRegistry(Mapping[str, Sender]):
    """Senders by channel name ("telegram", "x"); another channel registers itself here."""

    def __init__(self, senders: Mapping[str, Sender] | None = None) -> None:
        self._senders: dict[str, Sender] = dict(senders or {})

    def register(self, channel: str, sender: Sender) -> None:
        self._senders[channel] = sender

    def __getitem__(self, channel: str) -> Sender:
        return self._senders[channel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._senders)

    def __len__(self) -> int:
        return len(self._senders)
