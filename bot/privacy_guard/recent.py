"""`RecentMessages`: a member's last few messages in one chat, so a secret split across
messages (a seed phrase 6 + 6 words, a key or a card number in two halves) is seen whole.

Kept in memory only, for `WINDOW_SECONDS`, never stored or logged. Only messages that held
nothing the guard acted on are kept (the others are gone already), and only short ones: a
secret typed in pieces comes in short pieces.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["JOINERS", "Joined", "RecentMessages"]

WINDOW_SECONDS = 60.0
MAX_PARTS = 4  # the new message and up to three before it
MAX_PART_CHARS = 300
MAX_MEMBERS = 20_000  # (chat, member) pairs remembered at most; the oldest go first
# Pieces of a secret are joined as words (seed words, card groups) and glued (key halves).
JOINERS = (" ", "")


@dataclass(frozen=True)
class _Part:
    message_id: int
    text: str
    at: float


@dataclass(frozen=True)
class Joined:
    """Several messages joined into one text; `spans[i]` is where message `ids[i]` sits."""

    text: str
    ids: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]

    def ids_within(self, start: int, end: int) -> tuple[int, ...]:
        """The messages a finding at [start, end) draws on."""
        return tuple(
            message_id
            for message_id, (s, e) in zip(self.ids, self.spans, strict=True)
            if s < end and start < e
        )

    @property
    def last_span(self) -> tuple[int, int]:
        return self.spans[-1]


class RecentMessages:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._parts: OrderedDict[tuple[int, int], list[_Part]] = OrderedDict()

    def joined(self, chat_id: int, user_id: int, message_id: int, text: str) -> list[Joined]:
        """The new message joined to the member's recent ones, once per joiner; [] if none."""
        if len(text) > MAX_PART_CHARS:
            return []
        earlier = self._fresh(chat_id, user_id)[-(MAX_PARTS - 1) :]
        if not earlier:
            return []
        parts = [*earlier, _Part(message_id, text, self._clock())]
        result = []
        for joiner in JOINERS:
            spans, pieces, offset = [], [], 0
            for part in parts:
                pieces.append(part.text)
                spans.append((offset, offset + len(part.text)))
                offset += len(part.text) + len(joiner)
            result.append(
                Joined(joiner.join(pieces), tuple(p.message_id for p in parts), tuple(spans))
            )
        return result

    def add(self, chat_id: int, user_id: int, message_id: int, text: str) -> None:
        """Remember a message that held nothing on its own."""
        if len(text) > MAX_PART_CHARS:
            self._parts.pop((chat_id, user_id), None)  # a long message breaks the sequence
            return
        key = (chat_id, user_id)
        parts = [p for p in self._fresh(chat_id, user_id) if p.message_id != message_id]
        parts.append(_Part(message_id, text, self._clock()))
        self._parts[key] = parts[-MAX_PARTS:]
        self._parts.move_to_end(key)
        while len(self._parts) > MAX_MEMBERS:
            self._parts.popitem(last=False)

    def drop(self, chat_id: int, user_id: int, message_ids: tuple[int, ...]) -> None:
        """Forget messages that were removed (their pieces must not be found twice)."""
        key = (chat_id, user_id)
        kept = [p for p in self._parts.get(key, []) if p.message_id not in message_ids]
        if kept:
            self._parts[key] = kept
        else:
            self._parts.pop(key, None)

    def forget_user(self, user_id: int) -> None:
        for key in [k for k in self._parts if k[1] == user_id]:
            del self._parts[key]

    def _fresh(self, chat_id: int, user_id: int) -> list[_Part]:
        cutoff = self._clock() - WINDOW_SECONDS
        return [p for p in self._parts.get((chat_id, user_id), []) if p.at >= cutoff]
