"""Leases that outlive slow sends, claims that cannot overwrite each other, moderator actions
racing rows in flight, and groups that became supergroups."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest

from bot.announcements import (
    SYSTEM_ACTOR,
    AnnouncementRecord,
    AnnouncementService,
    AuditEntry,
    ClaimedDelivery,
    Draft,
    OutgoingMessage,
    TargetMoved,
)
from bot.errors import WrongState
from tests.bot.announcements.conftest import MODERATOR, ScriptedSender, World
from tests.bot.announcements.test_delivery import _run_until_idle, _statuses

Hook = Callable[[], Awaitable[None]]


@dataclass
class HookedSender(ScriptedSender):
    """A scripted channel that runs `during_send[target]` / `during_edit[target]` (once) while
    the request is "on the wire", and can hold sends until `gate` is set."""

    during_send: dict[str, Hook] = field(default_factory=dict)
    during_edit: dict[str, Hook] = field(default_factory=dict)
    gate: asyncio.Event | None = None

    async def send(self, target: str, message: OutgoingMessage) -> str:
        hook = self.during_send.pop(target, None)
        if hook is not None:
            await hook()
        if self.gate is not None:
            await self.gate.wait()
        return await super().send(target, message)

    async def edit(self, target: str, message_id: str, message: OutgoingMessage) -> None:
        hook = self.during_edit.pop(target, None)
        if hook is not None:
            await hook()
        await super().edit(target, message_id, message)


def _draft(text: str = "Hello", **changes: object) -> Draft:
    return Draft(step="preview", versions={"en": text}, **changes)  # type: ignore[arg-type]


def _hooked(world: World) -> HookedSender:
    """Swap the world's channel for a hooked one (the worker looks senders up per send)."""
    sender = HookedSender()
    world.sender = sender
    worker = world.service.worker
    assert worker is not None
    worker.add_channel("telegram", sender)
    return sender


def _worker(service: AnnouncementService):  # type: ignore[no-untyped-def]
    worker = service.worker
    assert worker is not None
    return worker


# -- 1. leases -------------------------------------------------------------------------------


async def _hanging_send(world: World) -> tuple[asyncio.Event, int]:
    """One announcement to -1 whose request is "on the wire" until the returned gate opens."""
    sender = _hooked(world)
    gate = sender.gate = asyncio.Event()
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    assert await _worker(world.service).run_once() == 1  # claimed, marked sending, sent off
    await asyncio.sleep(0)
    return gate, announcement_id


async def test_a_slow_send_is_never_claimed_again_by_its_own_worker(world: World) -> None:
    gate, announcement_id = await _hanging_send(world)
    worker = _worker(world.service)
    # The request hangs past the claim's 30 s lease (HTTP timeouts add up to about that).
    world.clock.advance(31)
    asyncio.get_running_loop().call_later(0.3, gate.set)
    assert await worker.run_once() == 0  # does not take its own row in flight again
    await _run_until_idle(world.service)
    assert world.sender.copies("-1") == 1
    assert await _statuses(world, announcement_id) == {"-1": "sent"}


async def test_a_live_worker_keeps_its_rows_however_long_a_send_takes(world: World) -> None:
    gate, announcement_id = await _hanging_send(world)
    worker = _worker(world.service)
    # Another process on the same database keeps looking while the send hangs; the live
    # worker renews its lease, so the row is never taken over and sent a second time.
    other = world.new_worker_service()
    for _ in range(4):
        world.clock.advance(40)
        await worker.renew_leases()
        assert await other.queue.claim("other", 10, lease_seconds=30) == []
    gate.set()
    await _run_until_idle(world.service)
    assert world.sender.copies("-1") == 1
    [row] = await world.service.queue.deliveries(announcement_id)
    assert (row["status"], row["in_doubt"]) == ("sent", 0)


async def test_a_claim_that_lost_its_row_cannot_record_over_the_new_owner(world: World) -> None:
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    queue = world.service.queue
    [first] = await queue.claim("a", 10, lease_seconds=30)
    assert await queue.mark_sending(first)
    world.clock.advance(61)  # worker "a" froze past its send lease
    [second] = await queue.claim("b", 10, lease_seconds=30)
    assert second.in_doubt and second.claim != first.claim
    assert await queue.mark_sending(second)
    assert not await queue.mark_sending(first)
    # "a" wakes up: none of its outcomes may touch the row "b" owns now.
    assert not await queue.record_sent(first, "1")
    await queue.record_failed(first, "forbidden")
    await queue.record_retry(first, 0, "late", count_failure=True)
    assert await queue.record_sent(second, "2")
    [row] = await queue.deliveries(announcement_id)
    assert (row["status"], row["message_id"], row["failures"]) == ("sent", "2", 0)


async def test_a_late_answer_for_a_row_not_resent_yet_stops_the_second_copy(
    world: World,
) -> None:
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    queue = world.service.queue
    [first] = await queue.claim("a", 10, lease_seconds=30)
    assert await queue.mark_sending(first)
    world.clock.advance(61)
    [second] = await queue.claim("b", 10, lease_seconds=30)
    # "a"'s answer arrives before "b" sends: the message exists, so "b" must not send it.
    assert await queue.record_sent(first, "1")
    assert not await queue.mark_sending(second)
    [row] = await queue.deliveries(announcement_id)
    assert (row["status"], row["message_id"]) == ("sent", "1")


# -- 2. moderator actions racing rows in flight ---------------------------------------------


async def test_a_row_cancelled_by_a_delete_while_held_is_never_sent(world: World) -> None:
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    book, queue = world.service.book, world.service.queue
    mark_sending = queue.mark_sending

    async def delete_first(delivery: ClaimedDelivery, lease: float = 60.0) -> bool:
        # The moderator deletes while the worker holds the row, just before it leaves.
        await world.service.act(MODERATOR, announcement_id, "delete")
        return await mark_sending(delivery, lease)

    queue.mark_sending = delete_first  # type: ignore[method-assign]
    await _run_until_idle(world.service)
    assert world.sender.sent == [] and world.sender.actions == []
    assert await _statuses(world, announcement_id) == {"-1": "cancelled"}
    record = await book.get(announcement_id)
    assert record is not None and record.status == "deleted"


async def test_an_edit_asked_for_while_sending_is_applied_after_the_send(world: World) -> None:
    sender = _hooked(world)
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft("Old"))

    async def edit() -> None:
        await world.service.edit(MODERATOR, announcement_id, "New")

    sender.during_send["-1"] = edit
    await _run_until_idle(world.service)
    assert [m.html for _, m in sender.sent] == ["Old"]
    assert sender.actions == [("edit", "-1", "New")]
    [row] = await world.service.queue.deliveries(announcement_id)
    assert (row["status"], row["pending_action"]) == ("sent", None)


async def test_an_unpin_asked_for_while_sending_wins_over_the_pin(world: World) -> None:
    sender = _hooked(world)
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft(pin=True))

    async def unpin() -> None:
        await world.service.act(MODERATOR, announcement_id, "unpin")

    sender.during_send["-1"] = unpin
    await _run_until_idle(world.service)
    assert [a[0] for a in sender.actions if a[0] in ("pin", "unpin")] in ([], ["unpin"])
    [row] = await world.service.queue.deliveries(announcement_id)
    assert (row["status"], row["pinned"], row["pending_action"]) == ("sent", 0, None)


async def test_an_edit_asked_for_while_an_edit_is_in_flight_is_not_lost(world: World) -> None:
    sender = _hooked(world)
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft("A"))
    await _run_until_idle(world.service)

    async def edit_again() -> None:
        await world.service.edit(MODERATOR, announcement_id, "C")

    sender.during_edit["-1"] = edit_again
    await world.service.edit(MODERATOR, announcement_id, "B")
    await _run_until_idle(world.service)
    assert sender.actions[-1] == ("edit", "-1", "C")


async def test_an_edit_does_not_drop_a_pin_still_waiting(world: World) -> None:
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft("A", pin=True))
    queue = world.service.queue
    [delivery] = await queue.claim("w", 10, lease_seconds=30)
    assert await queue.mark_sending(delivery)
    assert await queue.record_sent(delivery, "7")  # the pin is now waiting
    await world.service.edit(MODERATOR, announcement_id, "B")
    await _run_until_idle(world.service)
    assert sorted(a[0] for a in world.sender.actions) == ["edit", "pin"]
    [row] = await queue.deliveries(announcement_id)
    assert (row["pinned"], row["pending_action"]) == (1, None)


# -- 3. a group upgraded to a supergroup ----------------------------------------------------


async def test_a_migrated_group_gets_the_announcement_at_its_new_id(world: World) -> None:
    await world.add_groups(-5, language="zh")
    await world.service.targets.add_to_set(MODERATOR, "vip", [-5])
    world.sender.script["-5"] = [TargetMoved("-1005")]
    draft = Draft(step="preview", versions={"en": "Hi", "zh": "你好"}, targets_spec="set:vip")
    announcement_id = await world.service.publish(MODERATOR, draft)
    await _run_until_idle(world.service)
    assert [(t, m.html) for t, m in world.sender.sent] == [("-1005", "你好")]
    assert await _statuses(world, announcement_id) == {"-1005": "sent"}
    # The registry follows: the new id is the target from now on, in the same language and
    # the same sets; the old one is not a target any more.
    available = {c.chat_id: c.language for c in await world.service.targets.available()}
    assert available == {-1005: "zh"}
    assert await world.service.targets.set_members("vip") == [-1005]
    # Telegram's service message about the same migration changes nothing more.
    await world.service.targets.migrate("telegram", "-5", "-1005")
    assert {c.chat_id for c in await world.service.targets.available()} == {-1005}


async def test_a_migration_onto_a_chat_already_targeted_sends_one_copy(world: World) -> None:
    await world.add_groups(-5, -1005)
    world.sender.script["-5"] = [TargetMoved("-1005")]
    announcement_id = await world.service.publish(MODERATOR, _draft())
    await _run_until_idle(world.service)
    assert world.sender.copies("-1005") == 1 and world.sender.copies("-5") == 0
    assert await _statuses(world, announcement_id) == {"-5": "cancelled", "-1005": "sent"}


async def test_an_edit_racing_a_delete_is_refused_and_the_delete_goes_through(
    world: World,
) -> None:
    sender = _hooked(world)
    await world.add_groups(-1)
    announcement_id = await world.service.publish(MODERATOR, _draft("Old", pin=True))
    book = world.service.book
    get = book.get

    async def delete_lands_after_the_check(announcement_id: int):  # type: ignore[no-untyped-def]
        # The edit's service checked the announcement was published; the delete lands before
        # its outbox transaction.
        record = await get(announcement_id)
        book.get = get  # type: ignore[method-assign]
        await world.service.act(MODERATOR, announcement_id, "delete")
        return record

    async def edit_and_pin_while_sending() -> None:
        book.get = delete_lands_after_the_check  # type: ignore[method-assign]
        with pytest.raises(WrongState):
            await world.service.edit(MODERATOR, announcement_id, "New")
        for action in ("pin", "unpin"):
            with pytest.raises(WrongState):
                await book.request_action(announcement_id, action)

    sender.during_send["-1"] = edit_and_pin_while_sending
    await _run_until_idle(world.service)
    assert [m.html for _, m in sender.sent] == ["Old"]
    assert [a[0] for a in sender.actions] == ["delete"]
    assert await _statuses(world, announcement_id) == {"-1": "deleted"}
    record = await book.get(announcement_id)
    assert record is not None and record.status == "deleted"
    assert record.content.versions["en"] == "Old"


# -- 4. a write that fails while a batch is dispatched ---------------------------------------


async def test_a_failed_mark_sending_leaves_no_row_held_and_every_row_goes_out(
    world: World,
) -> None:
    await world.add_groups(-1, -2, -3)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    queue = world.service.queue
    mark_sending = queue.mark_sending
    calls = 0

    async def locked_once(delivery: ClaimedDelivery, lease: float = 60.0) -> bool:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise sqlite3.OperationalError("database is locked")
        return await mark_sending(delivery, lease)

    queue.mark_sending = locked_once  # type: ignore[method-assign]
    worker = _worker(world.service)
    with contextlib.suppress(sqlite3.OperationalError):  # as the worker's loop would
        await worker.run_once()
    await worker.drain()
    assert worker.held == frozenset()
    await _run_until_idle(world.service)
    assert sorted(t for t, _ in world.sender.sent) == ["-1", "-2", "-3"]
    assert await _statuses(world, announcement_id) == {"-1": "sent", "-2": "sent", "-3": "sent"}


async def test_a_failed_release_still_forgets_the_rows_so_they_are_claimed_again(
    world: World,
) -> None:
    await world.add_groups(-1, -2)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    queue = world.service.queue
    release = queue.release

    async def locked(deliveries: object, at: float) -> None:
        raise sqlite3.OperationalError("database is locked")

    queue.release = locked  # type: ignore[method-assign]
    worker = _worker(world.service)
    worker.pacer("telegram").pause(10)  # every row of the batch is given back
    with contextlib.suppress(sqlite3.OperationalError):  # as the worker's loop would
        await worker.run_once()
    assert worker.held == frozenset()  # not renewed any more: the leases run out
    queue.release = release  # type: ignore[method-assign]
    world.clock.advance(31)
    await _run_until_idle(world.service)
    assert sorted(t for t, _ in world.sender.sent) == ["-1", "-2"]
    rows = await queue.deliveries(announcement_id)
    assert [(r["status"], r["in_doubt"]) for r in rows] == [("sent", 0), ("sent", 0)]


async def test_a_migration_onto_a_registered_chat_keeps_the_language_and_scheduled_targets(
    world: World,
) -> None:
    await world.add_groups(-5, language="zh")
    await world.add_groups(-7)
    # The new supergroup's my_chat_member came first: it already has a row, in English.
    await world.add_groups(-1005)
    when = world.clock.now().timestamp() + 3600
    versions = {"en": "Hi", "zh": "你好"}
    scheduled = [
        await world.service.publish(
            MODERATOR, Draft(step="preview", versions=versions, targets_spec=spec, send_at=when)
        )
        for spec in ("ids:-5,-7", "ids:-1005,-5+x", "ids:-7")
    ]
    await world.service.chat_migrated(-5, -1005, actor_id=42)
    available = {c.chat_id: c.language for c in await world.service.targets.available()}
    assert available == {-7: "en", -1005: "zh"}
    specs = [(await _record(world, i)).targets for i in scheduled]
    assert specs == ["ids:-1005,-7", "ids:-1005+x", "ids:-7"]
    [entry] = await _migrations(world)
    assert (entry.actor_id, entry.subject) == (42, "-5")
    # The other service message about the same upgrade changes nothing more.
    await world.service.chat_migrated(-5, -1005)
    assert len(await _migrations(world)) == 1
    world.clock.advance(3601)
    await _run_until_idle(world.service)
    assert sorted((t, m.html) for t, m in world.sender.sent) == [
        ("-1005", "你好"),
        ("-1005", "你好"),
        ("-7", "Hi"),
        ("-7", "Hi"),
    ]


async def test_a_migration_without_a_named_user_is_audited_as_the_bot(world: World) -> None:
    await world.add_groups(-5)
    world.sender.script["-5"] = [TargetMoved("-1005")]
    await world.service.publish(MODERATOR, _draft())
    await _run_until_idle(world.service)  # the send finds out first
    await world.service.chat_migrated(-5, -1005)
    [entry] = await _migrations(world)
    assert (entry.actor_id, entry.subject) == (SYSTEM_ACTOR, "-5")


async def _record(world: World, announcement_id: int) -> AnnouncementRecord:
    record = await world.service.book.get(announcement_id)
    assert record is not None
    return record


async def _migrations(world: World) -> list[AuditEntry]:
    return [e for e in await world.service.audit.recent() if e.action == "target_migrated"]
