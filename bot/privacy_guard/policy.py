"""Each chat's privacy policy: which types the guard acts on, delete or warn, admin rules.

Chat admins change it with `/privacy ...`; `apply_policy_command` turns the words after the
command into a new policy (or `InvalidInput` with the usage text), `PrivacyPolicies` keeps it.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, replace
from typing import Literal

from bot.clock import Clock, utc_now_iso
from bot.errors import InvalidInput
from bot.storage import Database
from privacy.entities import ALL_ENTITIES

__all__ = [
    "TYPE_ALIASES",
    "AdminRule",
    "ChatPolicy",
    "Mode",
    "PrivacyPolicies",
    "apply_policy_command",
    "parse_types",
]

log = logging.getLogger(__name__)

Mode = Literal["delete", "warn"]
AdminRule = Literal["exempt", "scan"]

MAX_NOTICE_TTL = 86_400

# Short names admins can type; every entity name (any case) works as well.
TYPE_ALIASES: dict[str, str] = {
    "password": "PASSWORD",
    "seed": "SEED_PHRASE",
    "mnemonic": "SEED_PHRASE",
    "key": "PRIVATE_KEY",
    "privkey": "PRIVATE_KEY",
    "api": "API_SECRET",
    "code": "VERIFICATION_CODE",
    "2fa": "VERIFICATION_CODE",
    "uid": "ACCOUNT_ID",
    "tx": "TX_HASH",
    "txid": "TX_HASH",
    "hash": "TX_HASH",
    "address": "CRYPTO_ADDRESS",
    "wallet": "CRYPTO_ADDRESS",
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "id": "ID_NUMBER",
    "passport": "ID_NUMBER",
    "card": "BANK_CARD",
}


@dataclass(frozen=True)
class ChatPolicy:
    """What the guard does in one chat. The defaults protect everyone from every type."""

    types: frozenset[str] = frozenset(ALL_ENTITIES)
    mode: Mode = "delete"
    # exempt: admins, anonymous admins and channel posts may post SENSITIVE data (an official
    # post must not be deleted by its own bot); CRITICAL secrets are caught from everyone.
    admins: AdminRule = "exempt"
    notice_ttl_seconds: int | None = None  # None: the install-wide default

    def ttl(self, default: int) -> int:
        return default if self.notice_ttl_seconds is None else self.notice_ttl_seconds


def parse_types(words: list[str]) -> frozenset[str]:
    """`["uid,", "password"]` -> {"ACCOUNT_ID", "PASSWORD"}; `["all"]` -> every type."""
    names = [w for w in re.split(r"[,\s]+", " ".join(words).strip()) if w]
    if not names:
        raise InvalidInput("no types given", text_key="privacy.policy_usage")
    if [n.lower() for n in names] == ["all"]:
        return frozenset(ALL_ENTITIES)
    chosen: set[str] = set()
    for name in names:
        entity = TYPE_ALIASES.get(name.lower(), name.upper())
        if entity not in ALL_ENTITIES:
            raise InvalidInput(f"unknown type {name!r}", text_key="privacy.policy_unknown_type")
        chosen.add(entity)
    return frozenset(chosen)


def apply_policy_command(policy: ChatPolicy, args: list[str]) -> ChatPolicy:
    """Apply `/privacy <setting> <value>` to `policy`; InvalidInput explains the usage."""
    if not args:
        return policy
    setting, values = args[0].lower(), args[1:]
    value = values[0].lower() if len(values) == 1 else None
    if setting == "types" and values:
        return replace(policy, types=parse_types(values))
    if setting == "mode" and value in ("delete", "warn"):
        return replace(policy, mode="delete" if value == "delete" else "warn")
    if setting == "admins" and value in ("exempt", "scan"):
        return replace(policy, admins="exempt" if value == "exempt" else "scan")
    if setting == "ttl" and value is not None and value.isdigit():
        seconds = int(value)
        if seconds <= MAX_NOTICE_TTL:
            return replace(policy, notice_ttl_seconds=seconds)
    raise InvalidInput(f"bad /privacy arguments: {setting}", text_key="privacy.policy_usage")


class PrivacyPolicies:
    """The policy of every chat that changed it; the others use `ChatPolicy()`.

    The guard reads policies from memory (`cached`): a message is never held up by the
    database. The table is small; it is loaded whole at start and again in the background
    every `REFRESH_SECONDS` (another process of a fleet may have changed a policy).
    """

    REFRESH_SECONDS = 60.0

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._cache: dict[int, ChatPolicy] = {}
        self._loaded_at = float("-inf")
        self._refreshing: asyncio.Task[None] | None = None

    async def load_all(self) -> None:
        rows = await self._db.fetch_all(
            "SELECT chat_id, types, mode, admins, notice_ttl_seconds FROM privacy_policies", ()
        )
        self._cache = {int(str(row["chat_id"])): _policy(row) for row in rows}
        self._loaded_at = time.monotonic()

    def cached(self, chat_id: int) -> ChatPolicy:
        """The chat's policy from memory (the strict default when unknown); refreshes the
        cache in the background when it is old."""
        stale = time.monotonic() - self._loaded_at > self.REFRESH_SECONDS
        if stale and (self._refreshing is None or self._refreshing.done()):
            self._refreshing = asyncio.create_task(self._refresh(), name="privacy-policies")
        return self._cache.get(chat_id, ChatPolicy())

    async def _refresh(self) -> None:
        try:
            await self.load_all()
        except Exception as error:  # keep what we have; the next message tries again later
            self._loaded_at = time.monotonic()
            log.warning("could not reload privacy policies", extra={"error": type(error).__name__})

    async def forget_user(self, user_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE privacy_policies SET updated_by = NULL WHERE updated_by = ?", (user_id,)
            )

    async def get(self, chat_id: int) -> ChatPolicy:
        row = await self._db.fetch_one(
            "SELECT types, mode, admins, notice_ttl_seconds FROM privacy_policies"
            " WHERE chat_id = ?",
            (chat_id,),
        )
        return ChatPolicy() if row is None else _policy(row)

    async def save(self, chat_id: int, policy: ChatPolicy, updated_by: int | None) -> None:
        types = ",".join(t for t in ALL_ENTITIES if t in policy.types)
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO privacy_policies (chat_id, types, mode, admins, notice_ttl_seconds,"
                " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET types = excluded.types,"
                " mode = excluded.mode, admins = excluded.admins,"
                " notice_ttl_seconds = excluded.notice_ttl_seconds,"
                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                (
                    chat_id,
                    types,
                    policy.mode,
                    policy.admins,
                    policy.notice_ttl_seconds,
                    updated_by,
                    utc_now_iso(self._clock),
                ),
            )
        self._cache[chat_id] = policy


def _policy(row: dict[str, object]) -> ChatPolicy:
    types = frozenset(t for t in str(row["types"]).split(",") if t in ALL_ENTITIES)
    ttl = row["notice_ttl_seconds"]
    return ChatPolicy(
        types=types,
        mode="warn" if row["mode"] == "warn" else "delete",
        admins="scan" if row["admins"] == "scan" else "exempt",
        notice_ttl_seconds=int(str(ttl)) if ttl is not None else None,
    )
