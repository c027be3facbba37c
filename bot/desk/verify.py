"""Is this account official staff? Identity is the numeric user id; usernames are looked up
from what staff last used when they talked to the bot (usernames can be changed and taken).

With the anti-impersonation registry (`UsernameChecker`), the answer comes from the same
matcher that guards the groups: a look-alike is told which account it imitates, and a
username staff gave up is never called official, whoever holds it now."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.clock import Clock, utc_now_iso
from bot.storage import Database

__all__ = ["OfficialAccounts", "UsernameChecker", "Verdict", "VerifyResult", "parse_username"]

_USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")


class Verdict(StrEnum):
    OFFICIAL = "official"
    NOT_OFFICIAL = "not_official"
    UNKNOWN = "unknown"  # a forward that hides its sender: we cannot tell


@dataclass(frozen=True)
class VerifyResult:
    verdict: Verdict
    name: str  # what was checked, for the answer ("@alice", "this message")
    imitates: str | None = None  # the official account a NOT_OFFICIAL one imitates
    former: bool = False  # the username belonged to staff once


class UsernameCheckResult(Protocol):
    @property
    def official(self) -> bool: ...

    @property
    def imitates(self) -> str | None: ...

    @property
    def former(self) -> bool: ...


class UsernameChecker(Protocol):
    async def check_username(self, username: str) -> UsernameCheckResult: ...


def parse_username(text: str) -> str | None:
    """ "@Name" or "Name" (Telegram's 5-32 characters) to its lower-case form."""
    match = _USERNAME.match(text.strip())
    return match[1].lower() if match else None


class OfficialAccounts:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        staff_user_ids: tuple[int, ...],
        lookalikes: UsernameChecker | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._staff = frozenset(staff_user_ids)
        self._lookalikes = lookalikes

    def is_staff(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self._staff

    async def record_staff_username(self, user_id: int, username: str | None) -> None:
        """Remember a staff member's current username; a name someone else held moves over."""
        if not self.is_staff(user_id):
            return
        async with self._db.write() as tx:
            if not username:
                await tx.execute("DELETE FROM desk_staff_names WHERE user_id = ?", (user_id,))
                return
            name = username.lower()
            await tx.execute(
                "DELETE FROM desk_staff_names WHERE username = ? AND user_id != ?",
                (name, user_id),
            )
            await tx.execute(
                "INSERT INTO desk_staff_names (user_id, username, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET username = excluded.username,"
                " updated_at = excluded.updated_at",
                (user_id, name, utc_now_iso(self._clock)),
            )

    async def verify_username(self, username: str) -> VerifyResult:
        name = parse_username(username)
        if name is None:
            return VerifyResult(Verdict.NOT_OFFICIAL, username.strip())
        if self._lookalikes is not None:
            checked = await self._lookalikes.check_username(name)
            if checked.official:
                return VerifyResult(Verdict.OFFICIAL, f"@{name}")
            imitates = f"@{checked.imitates}" if checked.imitates else None
            return VerifyResult(Verdict.NOT_OFFICIAL, f"@{name}", imitates, checked.former)
        row = await self._db.fetch_one(
            "SELECT user_id FROM desk_staff_names WHERE username = ?", (name,)
        )
        official = row is not None and self.is_staff(int(row["user_id"]))
        return VerifyResult(Verdict.OFFICIAL if official else Verdict.NOT_OFFICIAL, f"@{name}")

    def verify_forward(self, sender_user_id: int | None, shown_name: str) -> VerifyResult:
        """A forwarded message: official only when Telegram shows a staff member's user id."""
        if sender_user_id is None:
            return VerifyResult(Verdict.UNKNOWN, shown_name)
        verdict = Verdict.OFFICIAL if self.is_staff(sender_user_id) else Verdict.NOT_OFFICIAL
        return VerifyResult(verdict, shown_name)

    async def forget_user(self, user_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM desk_staff_names WHERE user_id = ?", (user_id,))
