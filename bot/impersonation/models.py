"""Neutral types between the Telegram adapter and the guard: no Telegram types here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "NEVER_ACTIONED",
    "CaseStatus",
    "Decision",
    "GuardMessage",
    "Member",
    "MemberChange",
    "SenderChat",
]

# Telegram's own accounts: the anonymous group admin (GroupAnonymousBot), the sender of
# channel posts in groups (Channel_Bot) and the service account behind linked-channel
# forwards. Never restricted, banned or reported.
GROUP_ANONYMOUS_BOT = 1087968824
CHANNEL_BOT = 136817688
TELEGRAM_SERVICE = 777000
NEVER_ACTIONED = frozenset({GROUP_ANONYMOUS_BOT, CHANNEL_BOT, TELEGRAM_SERVICE})

PRESENT = frozenset({"creator", "administrator", "member", "restricted"})
ADMIN = frozenset({"creator", "administrator"})


@dataclass(frozen=True)
class Member:
    user_id: int
    first_name: str = ""
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False
    language_code: str | None = None

    @property
    def name(self) -> str:
        """The display name Telegram shows: first and last name."""
        return " ".join(p for p in (self.first_name, self.last_name or "") if p)

    @property
    def shown(self) -> str:
        return self.name + (f" (@{self.username})" if self.username else "")


@dataclass(frozen=True)
class SenderChat:
    """A channel (or the group itself, for an anonymous admin) posting in a group."""

    chat_id: int
    title: str = ""
    username: str | None = None


@dataclass(frozen=True)
class MemberChange:
    """A `chat_member` update: someone joined, left, was promoted, restricted..."""

    chat_id: int
    chat_type: str
    chat_title: str
    member: Member
    old_status: str
    new_status: str


@dataclass(frozen=True)
class GuardMessage:
    chat_id: int
    chat_type: str
    chat_title: str
    message_id: int
    text: str
    sender: Member | None
    sender_chat: SenderChat | None = None
    is_automatic_forward: bool = False  # a linked channel's post, forwarded by Telegram
    thread_id: int | None = None
    language: str = "en"

    @property
    def is_group(self) -> bool:
        return self.chat_type in ("group", "supergroup")


class Decision(StrEnum):
    BAN = "ban"
    FINE = "fine"


class CaseStatus(StrEnum):
    OPEN = "open"
    BANNED = "banned"
    CLEARED = "cleared"
