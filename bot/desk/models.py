"""The desk's plain data: ticket kinds, categories, tickets, conversation entries, attachments."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "CATEGORIES",
    "COMPLAINT_PARTS",
    "Attachment",
    "DeskMessage",
    "Entry",
    "Kind",
    "Person",
    "Status",
    "Ticket",
    "parse_ticket_number",
    "ticket_number",
]


class Kind(StrEnum):
    TICKET = "ticket"
    COMPLAINT = "complaint"


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


# The guide's support areas (account, trading, deposits & withdrawals, products, events).
CATEGORIES: tuple[str, ...] = ("account", "trading", "funds", "products", "events", "other")
# The "part of the product" a complaint is about (the guide: spot, futures, deposits, ...).
COMPLAINT_PARTS: tuple[str, ...] = ("spot", "futures", "funds", "fiat", "earn", "account", "other")

_PREFIX = {Kind.TICKET: "T", Kind.COMPLAINT: "C"}
_NUMBER = re.compile(r"^\s*#?(?:[TtCc]-?)?0*(\d{1,9})\s*$")


def ticket_number(ticket_id: int, kind: Kind = Kind.TICKET) -> str:
    """`T-000123` for tickets, `C-000123` for complaints (one sequence for both)."""
    return f"{_PREFIX[kind]}-{ticket_id:06d}"


def parse_ticket_number(text: str) -> int | None:
    """The ticket id in "T-000123", "t123", "#123" or "123"; None if it is not one."""
    match = _NUMBER.match(text)
    return int(match[1]) if match else None


@dataclass(frozen=True)
class Attachment:
    """A file or medium in a message: what kind, and its name when it has one."""

    media: str  # photo | document | video | voice | other
    file_name: str | None = None


@dataclass(frozen=True)
class Person:
    """Who wrote: the numeric id is the identity, the rest is for display."""

    user_id: int
    first_name: str = ""
    username: str | None = None
    language: str = "en"

    @property
    def display_name(self) -> str:
        return self.first_name or (f"@{self.username}" if self.username else str(self.user_id))


@dataclass(frozen=True)
class DeskMessage:
    """A message in the user's private chat or in the staff chat, as the desk sees it."""

    person: Person
    chat_id: int
    message_id: int
    text: str = ""  # the text, or the caption of a file
    attachment: Attachment | None = None
    thread_id: int | None = None  # forum topic
    reply_to_message_id: int | None = None
    forwarded: bool = False
    forward_user_id: int | None = None  # the original sender, when Telegram shows it
    forward_name: str | None = None


@dataclass(frozen=True)
class Ticket:
    ticket_id: int
    user_id: int
    kind: Kind
    category: str
    status: Status
    language: str
    answers: dict[str, Any]
    assignee_id: int | None
    staff_chat_id: int | None
    staff_thread_id: int | None
    staff_header_message_id: int | None
    outcome: str | None
    off_hours_notice_at: str | None
    created_at: str
    updated_at: str
    closed_at: str | None

    @property
    def number(self) -> str:
        return ticket_number(self.ticket_id, self.kind)

    @property
    def is_open(self) -> bool:
        return self.status is Status.OPEN

    @property
    def category_key(self) -> str:
        """The text key of its category (tickets) or product part (complaints)."""
        prefix = "part" if self.kind is Kind.COMPLAINT else "category"
        return f"{prefix}_{self.category}"

    @property
    def category_field(self) -> str:
        """ "category" or "part": which intake field holds it."""
        return "part" if self.kind is Kind.COMPLAINT else "category"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Ticket:
        return cls(
            ticket_id=int(row["ticket_id"]),
            user_id=int(row["user_id"]),
            kind=Kind(row["kind"]),
            category=str(row["category"]),
            status=Status(row["status"]),
            language=str(row["language"]),
            answers=json.loads(row["answers"] or "{}"),
            assignee_id=row["assignee_id"],
            staff_chat_id=row["staff_chat_id"],
            staff_thread_id=row["staff_thread_id"],
            staff_header_message_id=row["staff_header_message_id"],
            outcome=row["outcome"],
            off_hours_notice_at=row["off_hours_notice_at"],
            created_at=str(row["created_at"]),
            updated_at=str(row["updated_at"]),
            closed_at=row["closed_at"],
        )


@dataclass(frozen=True)
class Entry:
    """One line of a ticket's conversation (user, agent, internal note or an event)."""

    entry_id: int
    ticket_id: int
    direction: str  # user | agent | note | event
    author_id: int | None
    text: str
    media: str | None
    file_name: str | None
    created_at: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Entry:
        return cls(
            entry_id=int(row["entry_id"]),
            ticket_id=int(row["ticket_id"]),
            direction=str(row["direction"]),
            author_id=row["author_id"],
            text=str(row["text"] or ""),
            media=row["media"],
            file_name=row["file_name"],
            created_at=str(row["created_at"]),
        )
