"""Ticket numbers people can read out and type back."""

from __future__ import annotations

import pytest

from bot.desk import Kind, parse_ticket_number, ticket_number


@pytest.mark.parametrize(
    ("ticket_id", "kind", "number"),
    [
        (1, Kind.TICKET, "T-000001"),
        (123, Kind.COMPLAINT, "C-000123"),
        (1_234_567, Kind.TICKET, "T-1234567"),
    ],
)
def test_ticket_number(ticket_id: int, kind: Kind, number: str) -> None:
    assert ticket_number(ticket_id, kind) == number
    assert parse_ticket_number(number) == ticket_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("T-000123", 123),
        ("t123", 123),
        ("#123", 123),
        (" 123 ", 123),
        ("C-7", 7),
        ("X-12", None),
        ("T-", None),
        ("", None),
        ("12a", None),
    ],
)
def test_parse_ticket_number(text: str, expected: int | None) -> None:
    assert parse_ticket_number(text) == expected
