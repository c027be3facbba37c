"""Fault injection: make the next N calls of a method fail the way Telegram or the network can."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sandbox.errors import ApiError, bad_request, forbidden, too_many_requests
from sandbox.models import FAULT_KINDS

_NOT_FOUND_REASON = {
    "deletemessage": "message to delete not found",
    "deletemessages": "message to delete not found",
    "editmessagetext": "message to edit not found",
    "editmessagereplymarkup": "message to edit not found",
    "editmessagecaption": "message to edit not found",
    "pinchatmessage": "message to pin not found",
    "copymessage": "message to copy not found",
    "forwardmessage": "message to forward not found",
}


@dataclass
class Fault:
    """A pending fault: `method` is a Bot API method name or "*" for any method."""

    method: str
    kind: str
    chat_id: int | str | None
    remaining: int
    retry_after: int
    delay: float

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        if self.method != "*" and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or str(self.chat_id) == str(chat_id)


class FaultBook:
    """Faults waiting to fire, consumed in the order they were injected."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self.fired = 0

    def add(
        self,
        method: str,
        kind: str,
        *,
        chat_id: int | str | None = None,
        count: int = 1,
        retry_after: int = 5,
        delay: float = 1.0,
    ) -> Fault:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if count < 1:
            raise ValueError("count must be at least 1")
        fault = Fault(method, kind, chat_id, count, max(1, int(retry_after)), float(delay))
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        self._faults.clear()

    @property
    def pending(self) -> int:
        return sum(f.remaining for f in self._faults)

    def take(self, method: str, chat_id: int | str | None) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                self.fired += 1
                return fault
        return None


async def apply_fault(fault: Fault, method: str) -> None:
    """Raise the fault's error, or sleep for a "slow" one and let the call go on."""
    if fault.kind == "slow":
        await asyncio.sleep(fault.delay)
        return
    if fault.kind == "429":
        raise too_many_requests(fault.retry_after)
    if fault.kind == "403":
        raise forbidden("bot was blocked by the user")
    if fault.kind == "400_not_found":
        raise bad_request(_NOT_FOUND_REASON.get(method.lower(), "chat not found"))
    if fault.kind == "500":
        raise ApiError(500, "Internal Server Error")
    raise ApiError(502, "Bad Gateway")
