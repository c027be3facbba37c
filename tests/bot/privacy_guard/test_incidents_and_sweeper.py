"""Incidents keep types, offsets and salted hashes only; notices are removed when due."""

from __future__ import annotations

import asyncio

from bot.clock import SystemClock
from bot.privacy_guard import DeleteOutcome, NoticeSweeper, PrivacyIncidents, install_salt
from bot.storage import Database
from tests.bot.privacy_guard.conftest import FakeActions, FakeClock, FakeScanner, inbound

PASSWORD = "Tr0ub4dor&3x"


async def test_salt_is_made_once_per_install(db: Database) -> None:
    first = await install_salt(db)
    assert len(first) == 32
    assert await install_salt(db) == first


async def test_an_incident_never_holds_the_value(db: Database) -> None:
    incidents = PrivacyIncidents(db, FakeClock(), await install_salt(db))
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


async def test_fingerprints_differ_between_installs(db: Database) -> None:
    findings = FakeScanner().scan(f"password {PASSWORD}").findings
    here = PrivacyIncidents(db, FakeClock(), b"salt-one")
    there = PrivacyIncidents(db, FakeClock(), b"salt-two")
    text = f"password {PASSWORD}"
    assert here.fingerprints(text, findings) != there.fingerprints(text, findings)


class FlakyActions(FakeActions):
    def __init__(self) -> None:
        super().__init__()
        self.fail = True

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        if self.fail:
            raise ConnectionError("network down")
        return await super().delete_message(chat_id, message_id)


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


async def test_a_failed_removal_is_retried(db: Database) -> None:
    clock, actions = FakeClock(), FlakyActions()
    sweeper = NoticeSweeper(db, actions, clock)
    await sweeper.schedule(-100, 5, after_seconds=0)
    await sweeper.sweep_due()
    assert actions.deleted == []
    actions.fail = False
    await sweeper.sweep_due()
    assert actions.deleted == [(-100, 5)]


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
