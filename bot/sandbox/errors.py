"""Bot API error answers, raised inside method handlers and rendered like Telegram does."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An `{"ok": false, ...}` answer with Telegram's HTTP status and description."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


CHAT_NOT_FOUND = "chat not found"
MESSAGE_TO_DELETE_NOT_FOUND = "message to delete not found"
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
