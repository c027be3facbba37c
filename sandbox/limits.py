"""Telegram's broadcast limits, enforced with sliding windows when limits mode is on."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from sandbox.errors import too_many_requests
from sandbox.models import LimitSettings

#: Methods that put a new message into a chat; only these count against the limits.
SEND_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "copymessage",
        "forwardmessage",
        "sendmediagroup",
        "sendvideo",
        "sendaudio",
        "sendvoice",
        "sendanimation",
        "sendsticker",
        "sendpoll",
        "sendlocation",
        "sendcontact",
    }
)


class _Window:
    """Timestamps of accepted sends within the last `span` seconds."""

    def __init__(self, limit: int, span: float) -> None:
        self.limit = limit
        self.span = span
        self.stamps: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        while self.stamps and now - self.stamps[0] >= self.span:
            self.stamps.popleft()
        if len(self.stamps) < self.limit:
            return 0.0
        return self.stamps[0] + self.span - now


class SendLimiter:
    """Answers 429 with `retry_after` once a global, per-chat or per-group window is full."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.settings = LimitSettings()
        self.accepted = 0
        self.rejected = 0
        self._reset_windows()

    def _reset_windows(self) -> None:
        self._global = _Window(self.settings.global_per_second, 1.0)
        self._per_chat: dict[int, _Window] = {}
        self._per_group: dict[int, _Window] = {}

    def configure(self, settings: LimitSettings) -> None:
        self.settings = settings
        self.accepted = 0
        self.rejected = 0
        self._reset_windows()

    def check(self, method: str, chat_id: int, chat_type: str) -> None:
        """Count one send, or raise a 429 `ApiError` without counting it."""
        if not self.settings.enabled or method.lower() not in SEND_METHODS:
            return
        now = self._clock()
        windows = [self._global]
        windows.append(
            self._per_chat.setdefault(chat_id, _Window(self.settings.per_chat_per_second, 1.0))
        )
        if chat_type != "private":
            windows.append(
                self._per_group.setdefault(
                    chat_id, _Window(self.settings.per_group_per_minute, 60.0)
                )
            )
        wait = max(window.wait_needed(now) for window in windows)
        if wait > 0:
            self.rejected += 1
            raise too_many_requests(max(1, math.ceil(wait)))
        for window in windows:
            window.stamps.append(now)
        self.accepted += 1
