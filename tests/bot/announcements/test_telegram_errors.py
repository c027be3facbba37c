"""The Telegram adapter maps PTB's errors to the outbox's neutral ones."""

from __future__ import annotations

import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.announcements import PermanentFailure, RetryLater, TargetMoved, TransientFailure
from handlers.telegram.telegram_sender import neutral_error


@pytest.mark.parametrize(
    ("error", "kind", "detail"),
    [
        (RetryAfter(7), RetryLater, 7.0),
        (
            Forbidden("Forbidden: bot was kicked from the supergroup chat"),
            PermanentFailure,
            "forbidden",
        ),
        (BadRequest("Bad Request: chat not found"), PermanentFailure, "chat_not_found"),
        (BadRequest("Bad Request: not enough rights to send"), PermanentFailure, "no_rights"),
        (BadRequest("Bad Request: can't parse entities"), PermanentFailure, "bad_request"),
        (ChatMigrated(-1009), TargetMoved, "-1009"),
        (TimedOut(), TransientFailure, True),
        (NetworkError("Bad Gateway"), TransientFailure, False),
    ],
)
def test_mapping(error: TelegramError, kind: type[Exception], detail: object) -> None:
    neutral = neutral_error(error)
    assert isinstance(neutral, kind)
    if isinstance(neutral, RetryLater):
        assert neutral.seconds == detail
    elif isinstance(neutral, PermanentFailure):
        assert neutral.reason == detail
    elif isinstance(neutral, TransientFailure):
        assert neutral.maybe_delivered is detail
    elif isinstance(neutral, TargetMoved):
        assert neutral.new_target == detail


@pytest.mark.parametrize(
    ("message", "gone_is_success", "done"),
    [
        ("Bad Request: message is not modified: specified new message content", False, True),
        ("Bad Request: message to delete not found", True, True),
        ("Bad Request: message to edit not found", False, False),
    ],
)
def test_races_on_edits_and_deletes(message: str, gone_is_success: bool, done: bool) -> None:
    assert (neutral_error(BadRequest(message), gone_is_success=gone_is_success) is None) is done
