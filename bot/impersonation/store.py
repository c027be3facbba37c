"""`GuardStore`: per-chat policy, the cases staff review, names they cleared, the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.clock import Clock
from bot.impersonation.models import CaseStatus
from bot.storage import Database

__all__ = ["BOT_ACTOR", "ChatPolicy", "ExactMode", "GuardCase", "GuardMode", "GuardStore"]

BOT_ACTOR = -1  # the bot acting on its own (restrict on join, delete a scam message)


class GuardMode(StrEnum):
    RESTRICT = "restrict"  # the suspect cannot post until staff decide
    WARN = "warn"  # only the staff chat is told
    OFF = "off"


class ExactMode(StrEnum):
    BAN = "ban"  # an exact skeleton copy of a staff member is banned at once
    REVIEW = "review"  # ...or treated like every other suspect


@dataclass(frozen=True)
class ChatPolicy:
    mode: GuardMode = GuardMode.RESTRICT
    exact: ExactMode = ExactMode.REVIEW
    messages: bool = True  # scam messages are deleted


@dataclass(frozen=True)
class GuardCase:
    case_id: int
    chat_id: int
    user_id: int | None
    sender_chat_id: int | None
    kind: str  # name | message
    name_key: str
    resembles: str | None
    reason: str
    action: str
    status: CaseStatus
    alert_chat_id: int | None
    alert_message_id: int | None


class GuardStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _now(self) -> int:
        return int(self._clock.now().timestamp())

    # -- policy ----------------------------------------------------------------------------

    async def policy(self, chat_id: int) -> ChatPolicy:
        row = await self._db.fetch_one(
            "SELECT mode, exact, messages FROM guard_policies WHERE chat_id = ?", (chat_id,)
        )
        if row is None:
            return ChatPolicy()
        return ChatPolicy(GuardMode(row["mode"]), ExactMode(row["exact"]), row["messages"] == "on")

    async def set_policy(self, chat_id: int, policy: ChatPolicy, by: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO guard_policies (chat_id, mode, exact, messages, updated_by,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
                " mode = excluded.mode, exact = excluded.exact, messages = excluded.messages,"
                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (
                    chat_id,
                    policy.mode.value,
                    policy.exact.value,
                    "on" if policy.messages else "off",
                    by,
                    self._now(),
                ),
            )
        await self.audit(by, "policy", chat_id=chat_id, detail=_policy_text(policy))

    # -- cases -----------------------------------------------------------------------------

    async def open_case(
        self,
        *,
        chat_id: int,
        user_id: int | None,
        sender_chat_id: int | None,
        kind: str,
        name_key: str,
        resembles: str | None,
        reason: str,
        action: str,
    ) -> int:
        status = CaseStatus.BANNED if action == "banned" else CaseStatus.OPEN
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO guard_cases (chat_id, user_id, sender_chat_id, kind, name_key,"
                " resembles, reason, action, status, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    chat_id,
                    user_id,
                    sender_chat_id,
                    kind,
                    name_key,
                    resembles,
                    reason,
                    action,
                    status.value,
                    self._now(),
                ),
            )
            row = await tx.fetch_one("SELECT MAX(case_id) AS case_id FROM guard_cases", ())
        assert row is not None
        case_id = int(row["case_id"])
        await self.audit(
            BOT_ACTOR,
            action,
            chat_id=chat_id,
            user_id=user_id,
            case_id=case_id,
            detail=f"{kind}:{reason}:{resembles or ''}",
        )
        return case_id

    async def set_alert(self, case_id: int, chat_id: int, message_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE guard_cases SET alert_chat_id = ?, alert_message_id = ? WHERE case_id = ?",
                (chat_id, message_id, case_id),
            )

    async def case(self, case_id: int) -> GuardCase | None:
        row = await self._db.fetch_one("SELECT * FROM guard_cases WHERE case_id = ?", (case_id,))
        if row is None:
            return None
        return GuardCase(
            case_id=int(row["case_id"]),
            chat_id=int(row["chat_id"]),
            user_id=row["user_id"],
            sender_chat_id=row["sender_chat_id"],
            kind=str(row["kind"]),
            name_key=str(row["name_key"]),
            resembles=row["resembles"],
            reason=str(row["reason"]),
            action=str(row["action"]),
            status=CaseStatus(row["status"]),
            alert_chat_id=row["alert_chat_id"],
            alert_message_id=row["alert_message_id"],
        )

    async def has_open_case(self, chat_id: int, user_id: int, kind: str) -> bool:
        found = await self._db.fetch_value(
            "SELECT 1 FROM guard_cases WHERE chat_id = ? AND user_id = ? AND kind = ?"
            " AND status = 'open'",
            (chat_id, user_id, kind),
        )
        return found is not None

    async def decide(self, case_id: int, status: CaseStatus, by: int) -> bool:
        """Close an open case (or a ban staff take back); False if someone decided first."""
        async with self._db.write() as tx:
            changed = await tx.execute_rowcount(
                "UPDATE guard_cases SET status = ?, decided_by = ?, decided_at = ?"
                " WHERE case_id = ? AND status != ?",
                (status.value, by, self._now(), case_id, status.value),
            )
        return changed > 0

    # -- "it's fine" -----------------------------------------------------------------------

    async def clear_name(self, user_id: int, name_key: str, by: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO guard_cleared_names (user_id, name_key, cleared_by, cleared_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (user_id, name_key) DO NOTHING",
                (user_id, name_key, by, self._now()),
            )

    async def is_cleared(self, user_id: int, name_key: str) -> bool:
        found = await self._db.fetch_value(
            "SELECT 1 FROM guard_cleared_names WHERE user_id = ? AND name_key = ?",
            (user_id, name_key),
        )
        return found is not None

    # -- audit -----------------------------------------------------------------------------

    async def audit(
        self,
        actor_id: int,
        action: str,
        *,
        chat_id: int | None = None,
        user_id: int | None = None,
        case_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO guard_audit (at, chat_id, actor_id, action, user_id, case_id,"
                " detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self._now(), chat_id, actor_id, action, user_id, case_id, detail),
            )

    async def audit_log(self, limit: int = 100) -> list[dict[str, object]]:
        return await self._db.fetch_all(
            "SELECT at, chat_id, actor_id, action, user_id, case_id, detail FROM guard_audit"
            " ORDER BY audit_id DESC LIMIT ?",
            (limit,),
        )

    async def forget_user(self, user_id: int) -> None:
        """/forget: the cleared names go; cases and the audit keep what happened, not who."""
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM guard_cleared_names WHERE user_id = ?", (user_id,))
            await tx.execute(
                "UPDATE guard_cases SET user_id = NULL, name_key = '' WHERE user_id = ?",
                (user_id,),
            )
            await tx.execute("UPDATE guard_audit SET user_id = NULL WHERE user_id = ?", (user_id,))
            await tx.execute("UPDATE guard_audit SET actor_id = 0 WHERE actor_id = ?", (user_id,))


def _policy_text(policy: ChatPolicy) -> str:
    return f"mode={policy.mode.value} exact={policy.exact.value} messages={policy.messages}"
