"""Incidents keep types, offsets and keyed hashes only; notices are removed when due."""

from __future__ import annotations

import asyncio
import hmac
import itertools
import json
from datetime import timedelta
from hashlib import sha256
from pathlib import Path

import pytest
from telegram.error import TimedOut

from bot.clock import SystemClock
from bot.privacy_guard import (
    DeleteOutcome,
    NoticeSweeper,
    PrivacyIncidents,
    build_privacy_service,
    forget_persisted_salt,
)
from bot.privacy_guard.incidents import SALT_NAME
from bot.privacy_guard.sweeper import MAX_ATTEMPTS
from bot.storage import Database
from bot.storage.sqlite import SqliteDatabase
from bot.texts import Texts
from tests.bot.privacy_guard.conftest import FakeActions, FakeClock, FakeScanner, inbound, review

PASSWORD = "Tr0ub4dor&3x"
CODE = "739164"


async def _db_bytes(db: Database) -> bytes:
    """What someone holding the database could read: SQLite's files, or on PostgreSQL every
    row (its files belong to the server's user and hold other databases too)."""
    if isinstance(db, SqliteDatabase):
        files = sorted(db.path.parent.glob(db.path.name + "*"))
        return b"".join(Path(f).read_bytes() for f in files)
    rows = [await db.fetch_all(f"SELECT * FROM {table}") for table in await db.table_names()]
    return repr(rows).encode()


async def test_an_incident_never_holds_the_value(db: Database) -> None:
    incidents = PrivacyIncidents(db, FakeClock())
    message = inbound(f"my password {PASSWORD}")
    findings = FakeScanner().scan(message.text).findings
    incident = await incidents.record(
        message,
        token="abc",
        kinds=("PASSWORD",),
        severity="critical",
        findings=findings,
        action="deleted",
    )
    assert incident.kinds == ("PASSWORD",)
    rows = await db.fetch_all("SELECT * FROM privacy_incidents")
    assert PASSWORD not in repr(rows)
    assert rows[0]["spans"] == '[["PASSWORD", 12, 24]]'
    assert await incidents.by_token("abc") == incident
    assert await incidents.by_token("nope") is None
    seen = await incidents.seen_in_message(message.chat_id, message.message_id)
    assert seen == incidents.fingerprints(message.text, findings)


async def test_fingerprints_differ_between_processes(db: Database) -> None:
    findings = FakeScanner().scan(f"password {PASSWORD}").findings
    here, there = PrivacyIncidents(db, FakeClock()), PrivacyIncidents(db, FakeClock())
    text = f"password {PASSWORD}"
    assert here.fingerprints(text, findings) == here.fingerprints(text, findings)
    assert here.fingerprints(text, findings) != there.fingerprints(text, findings)


async def test_the_database_holds_no_key_to_reverse_a_fingerprint(
    db: Database, texts: Texts
) -> None:
    """A 6-digit code has a million candidates: with the key in the database, its
    fingerprint was reversed in seconds. The key now lives in the process only."""
    service = await build_privacy_service(db, texts, FakeClock(), FakeScanner(), FakeActions(), 120)
    assert await review(service, inbound(f"my code {CODE}", chat_type="private"))
    (row,) = await db.fetch_all("SELECT fingerprints FROM privacy_incidents")
    (stored,) = json.loads(str(row["fingerprints"]))
    # Nothing in the database works as the key. (The attack tries every candidate code with
    # each stored value as the key; the true code stands in for the million candidates.)
    candidates = [
        str(v) for r in await db.fetch_all("SELECT * FROM install_values") for v in r.values()
    ]
    for candidate in candidates:
        for as_key in (candidate.encode(), bytes.fromhex(candidate) if _is_hex(candidate) else b""):
            if as_key:
                assert hmac.new(as_key, CODE.encode(), sha256).hexdigest() != stored
    key = service.incidents._key  # what an attacker with the database must not have
    assert hmac.new(key, CODE.encode(), sha256).hexdigest() == stored
    raw = await _db_bytes(db)
    assert key not in raw and key.hex().encode() not in raw
    assert await db.fetch_one("SELECT 1 FROM install_values WHERE name = ?", (SALT_NAME,)) is None


def _is_hex(text: str) -> bool:
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return len(text) % 2 == 0


async def test_a_salt_stored_by_an_older_version_is_removed_with_its_fingerprints(
    db: Database,
) -> None:
    salt = "5a1f" * 16
    async with db.write() as tx:
        await tx.execute(
            "INSERT INTO install_values (name, value) VALUES (?, ?)", (SALT_NAME, salt)
        )
    old = PrivacyIncidents(db, FakeClock(), bytes.fromhex(salt))
    message = inbound(f"code {CODE}")
    findings = FakeScanner().scan(message.text).findings
    await old.record(
        message,
        token="t",
        kinds=("VERIFICATION_CODE",),
        severity="critical",
        findings=findings,
        action="deleted",
    )
    old_print = next(iter(old.fingerprints(message.text, findings)))
    await forget_persisted_salt(db)
    await forget_persisted_salt(db)  # idempotent
    assert await db.fetch_one("SELECT 1 FROM install_values WHERE name = ?", (SALT_NAME,)) is None
    assert await db.fetch_value("SELECT fingerprints FROM privacy_incidents") == "[]"
    raw = await _db_bytes(db)
    assert salt.encode() not in raw and old_print.encode() not in raw


class FlakyActions(FakeActions):
    def __init__(self) -> None:
        super().__init__()
        self.fail = True
        self.calls = 0

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        self.calls += 1
        if self.fail:
            raise TimedOut()
        return await super().delete_message(chat_id, message_id)


class OutcomeActions(FakeActions):
    def __init__(self, outcome: DeleteOutcome) -> None:
        super().__init__()
        self.outcome = outcome
        self.calls = 0

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        self.calls += 1
        return self.outcome


async def test_notices_are_removed_when_due_even_by_a_new_sweeper(db: Database) -> None:
    clock, actions = FakeClock(), FakeActions()
    before_restart = NoticeSweeper(db, actions, clock)
    await before_restart.schedule(-100, 5, after_seconds=60)
    await before_restart.schedule(-100, 6, after_seconds=120)
    assert await before_restart.sweep_due() == 0
    assert await before_restart.seconds_to_next() == 30.0  # capped

    after_restart = NoticeSweeper(db, actions, clock)
    clock.advance(61)
    assert await after_restart.sweep_due() == 1
    assert actions.deleted == [(-100, 5)]
    clock.advance(60)
    assert await after_restart.sweep_due() == 1
    assert actions.deleted == [(-100, 5), (-100, 6)]
    assert await db.fetch_value("SELECT COUNT(*) FROM privacy_notice_deletions") == 0


async def test_a_failed_removal_is_retried_later(db: Database) -> None:
    clock, actions = FakeClock(), FlakyActions()
    sweeper = NoticeSweeper(db, actions, clock)
    await sweeper.schedule(-100, 5, after_seconds=0)
    await sweeper.sweep_due()
    assert actions.deleted == []
    actions.fail = False
    await sweeper.sweep_due()
    assert actions.calls == 1  # not due again yet: pushed back
    assert await sweeper.seconds_to_next() == 30.0
    clock.advance(30)
    await sweeper.sweep_due()
    assert actions.deleted == [(-100, 5)]


async def test_a_failing_removal_backs_off_and_is_given_up(db: Database) -> None:
    """A deleter that always times out: a bounded number of calls over a day of fake time
    (before the fix: thousands of calls a second)."""
    clock, actions = FakeClock(), FlakyActions()
    sweeper = NoticeSweeper(db, actions, clock)
    await sweeper.schedule(-100, 5, after_seconds=0)
    start = clock.now()
    times = []
    while clock.now() < start + timedelta(days=1):
        before = actions.calls
        await sweeper.sweep_due()
        if actions.calls > before:
            times.append(clock.now())
        clock.advance(max(1.0, await sweeper.seconds_to_next()))
    assert actions.calls == MAX_ATTEMPTS
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    assert gaps == [30, 60, 120, 240, 480, 960, 1920][: MAX_ATTEMPTS - 1]
    assert await db.fetch_value("SELECT COUNT(*) FROM privacy_notice_deletions") == 0


@pytest.mark.parametrize("outcome", [DeleteOutcome.GONE, DeleteOutcome.NOT_ALLOWED])
async def test_a_removal_that_cannot_succeed_is_done(db: Database, outcome: DeleteOutcome) -> None:
    clock, actions = FakeClock(), OutcomeActions(outcome)
    sweeper = NoticeSweeper(db, actions, clock)
    await sweeper.schedule(-100, 5, after_seconds=0)
    await sweeper.sweep_due()
    clock.advance(3600)
    await sweeper.sweep_due()
    assert actions.calls == 1
    assert await db.fetch_value("SELECT COUNT(*) FROM privacy_notice_deletions") == 0


async def test_the_worker_does_not_spin_on_a_failing_removal(db: Database) -> None:
    """The worker itself, with a frozen clock: the failed row is not due again, so it sleeps."""
    actions = FlakyActions()  # raises TimedOut, as the adapter did before
    sweeper = NoticeSweeper(db, actions, FakeClock())
    await sweeper.schedule(-100, 5, after_seconds=0)
    await sweeper.start()
    try:
        await asyncio.sleep(0.5)
    finally:
        await sweeper.stop()
    assert actions.calls == 1


async def test_the_worker_wakes_for_a_new_notice(db: Database) -> None:
    actions = FakeActions()

    sweeper = NoticeSweeper(db, actions, SystemClock())
    await sweeper.start()
    try:
        await sweeper.schedule(-100, 9, after_seconds=0)
        for _ in range(50):
            if actions.deleted:
                break
            await asyncio.sleep(0.05)
        assert actions.deleted == [(-100, 9)]
    finally:
        await sweeper.stop()
