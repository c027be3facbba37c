"""The domain's exceptions. Handlers turn these into friendly text; anything else is a bug
that reaches the single error handler, which logs it and keeps the bot running."""

from __future__ import annotations

__all__ = [
    "BeaconError",
    "InvalidInput",
    "NotAllowed",
    "NotFound",
    "WrongState",
]


class BeaconError(Exception):
    """Base class. `text_key` names the user-facing text in content/texts that explains it."""

    text_key = "core.error_generic"

    def __init__(self, message: str = "", *, text_key: str | None = None, **fields: object) -> None:
        super().__init__(message or self.__class__.__name__)
        if text_key is not None:
            self.text_key = text_key
        self.fields = fields


class InvalidInput(BeaconError):
    """The user sent something we cannot use here (a photo where a UID is expected, ...)."""

    text_key = "core.error_invalid_input"


class NotAllowed(BeaconError):
    """The user lacks the role for this action (not a moderator, not staff, ...)."""

    text_key = "core.error_not_allowed"


class NotFound(BeaconError):
    """The thing asked for does not exist (an unknown ticket number, ...)."""

    text_key = "core.error_not_found"


class WrongState(BeaconError):
    """The action does not fit the current state (replying to a closed ticket, ...)."""

    text_key = "core.error_wrong_state"
