"""Bot API error answers, raised inside method handlers and rendered like Telegram does."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An `{"ok": false, ...}` answer with Telegram's HTTP status and description."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        parameters = {
            "retry_after": self.retry_after,
            "migrate_to_chat_id": self.migrate_to_chat_id,
        }
        if any(v is not None for v in parameters.values()):
            body["parameters"] = {k: v for k, v in parameters.items() if v is not None}
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


def chat_upgraded(new_chat_id: int) -> ApiError:
    """What Telegram answers for a group that became a supergroup (PTB: ChatMigrated)."""
    return ApiError(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=new_chat_id,
    )


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


CHAT_NOT_FOUND = "chat not found"
MESSAGE_TO_DELETE_NOT_FOUND = "message to delete not found"
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
