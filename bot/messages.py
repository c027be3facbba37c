"""Neutral message types between adapters and services: no Telegram or tweepy types here."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Button", "Inbound", "Reply", "Sender"]


@dataclass(frozen=True)
class Sender:
    user_id: int
    first_name: str = ""
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    @property
    def display_name(self) -> str:
        return self.first_name or (f"@{self.username}" if self.username else str(self.user_id))


@dataclass(frozen=True)
class Inbound:
    """One incoming message (new, edited, forwarded or captioned), as services see it."""

    chat_id: int
    chat_type: str  # private | group | supergroup | channel
    message_id: int
    text: str  # the text, or the caption of a photo or document
    language: str  # "en" | "zh"
    sender: Sender | None = None  # None for channel posts
    sender_chat_id: int | None = None  # anonymous admins and channels post as a chat
    thread_id: int | None = None
    is_edit: bool = False
    is_forward: bool = False
    addressed_to_bot: bool = False  # a mention of the bot, a reply to it, or a command
    has_media: bool = False
    # What the sender attached outside the text: link targets, a poll, a contact card.
    attached_text: str = ""

    @property
    def scannable_text(self) -> str:
        """Everything the sender wrote, for the privacy guard."""
        return f"{self.text}\n{self.attached_text}" if self.attached_text else self.text

    @property
    def is_private(self) -> bool:
        return self.chat_type == "private"

    @property
    def is_public(self) -> bool:
        return not self.is_private

    @property
    def user_id(self) -> int | None:
        return self.sender.user_id if self.sender else None


@dataclass(frozen=True)
class Button:
    text: str
    url: str | None = None
    callback_data: str | None = None


@dataclass(frozen=True)
class Reply:
    """What a service wants said. `html` marks text that already escapes user content."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
    reply_to_message_id: int | None = None
    html: bool = False
    silent: bool = False
    delete_after_seconds: int | None = None
