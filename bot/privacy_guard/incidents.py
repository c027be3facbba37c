"""Incidents: which message held which kinds of private data, and what the guard did.

Never the values. An incident keeps the entity types, their offsets and an HMAC of each value,
so an edit that keeps the same secret is recognised without the secret being stored.

The HMAC key is random per process and never written anywhere: many values are short (a
6-digit code, an 8-digit UID, a phone number), and with the key beside the fingerprints anyone
holding the database could try every candidate in seconds. Without the key, the fingerprints
are useless to them. The price: after a restart the old fingerprints no longer match, so an
edit of a message flagged before the restart is checked (and noticed) again.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from bot.clock import Clock, utc_now_iso
from bot.messages import Inbound
from bot.privacy_guard.ports import FoundSpan
from bot.storage import Database
from privacy.redact import fingerprint

__all__ = ["SALT_NAME", "Incident", "PrivacyIncidents", "forget_persisted_salt"]

# Where versions before the per-process key kept their fingerprint salt.
SALT_NAME = "privacy_fingerprint_salt"


@dataclass(frozen=True)
class Incident:
    token: str
    chat_id: int
    chat_type: str
    message_id: int
    user_id: int | None
    kinds: tuple[str, ...]
    severity: str
    action: str
    fingerprints: frozenset[str]


async def forget_persisted_salt(db: Database) -> None:
    """Remove a salt an older version stored, and the fingerprints it made (they could be
    reversed with it, and no longer match anything).

    On SQLite freed space is overwritten (`secure_delete`) and the write-ahead log, which
    still holds older copies of those pages, is checkpointed and truncated; on PostgreSQL the
    two tables are rewritten without their dead rows (`Database.purge_deleted`).
    """
    async with db.write() as tx:
        row = await tx.fetch_one("SELECT 1 FROM install_values WHERE name = ?", (SALT_NAME,))
        if row is None:
            return
        scrub = db.dialect == "sqlite"  # PostgreSQL has no secure_delete; purge_deleted below
        previous = await tx.fetch_one("PRAGMA secure_delete") if scrub else None
        if scrub:
            await tx.execute("PRAGMA secure_delete = ON")
        try:
            await tx.execute("DELETE FROM install_values WHERE name = ?", (SALT_NAME,))
            await tx.execute("UPDATE privacy_incidents SET fingerprints = '[]'")
        finally:
            if scrub:
                restore = int(next(iter(previous.values()))) if previous else 0
                await tx.execute(f"PRAGMA secure_delete = {restore}")
    await db.purge_deleted(["install_values", "privacy_incidents"])


class PrivacyIncidents:
    def __init__(self, db: Database, clock: Clock, key: bytes | None = None) -> None:
        self._db = db
        self._clock = clock
        # Only in memory (see the module docstring); tests may pass their own.
        self._key = key or secrets.token_bytes(32)

    async def forget_user(self, user_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM privacy_incidents WHERE user_id = ?", (user_id,))

    def fingerprints(self, text: str, findings: Sequence[FoundSpan]) -> frozenset[str]:
        return frozenset(fingerprint(text[f.start : f.end], self._key) for f in findings)

    async def record(
        self,
        inbound: Inbound,
        *,
        token: str,
        kinds: Sequence[str],
        severity: str,
        findings: Sequence[FoundSpan],
        action: str,
    ) -> Incident:
        prints = self.fingerprints(inbound.text, findings)
        spans = [[f.type, f.start, f.end] for f in findings]
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO privacy_incidents (token, chat_id, chat_type, message_id, user_id,"
                " kinds, severity, spans, fingerprints, action, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    token,
                    inbound.chat_id,
                    inbound.chat_type,
                    inbound.message_id,
                    inbound.user_id,
                    ",".join(kinds),
                    severity,
                    json.dumps(spans),
                    json.dumps(sorted(prints)),
                    action,
                    utc_now_iso(self._clock),
                ),
            )
        return Incident(
            token=token,
            chat_id=inbound.chat_id,
            chat_type=inbound.chat_type,
            message_id=inbound.message_id,
            user_id=inbound.user_id,
            kinds=tuple(kinds),
            severity=severity,
            action=action,
            fingerprints=prints,
        )

    async def by_token(self, token: str) -> Incident | None:
        row = await self._db.fetch_one("SELECT * FROM privacy_incidents WHERE token = ?", (token,))
        return _incident(row) if row else None

    async def seen_in_message(self, chat_id: int, message_id: int) -> frozenset[str]:
        """Fingerprints already acted on in this message (an edit that keeps the secret)."""
        rows = await self._db.fetch_all(
            "SELECT fingerprints FROM privacy_incidents WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        seen: set[str] = set()
        for row in rows:
            seen.update(json.loads(str(row["fingerprints"])))
        return frozenset(seen)


def _incident(row: dict[str, object]) -> Incident:
    user_id = row["user_id"]
    return Incident(
        token=str(row["token"]),
        chat_id=int(str(row["chat_id"])),
        chat_type=str(row["chat_type"]),
        message_id=int(str(row["message_id"])),
        user_id=int(str(user_id)) if user_id is not None else None,
        kinds=tuple(k for k in str(row["kinds"]).split(",") if k),
        severity=str(row["severity"]),
        action=str(row["action"]),
        fingerprints=frozenset(json.loads(str(row["fingerprints"]))),
    )
