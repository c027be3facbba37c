"""The outbox and its worker on real SQLite: final states, retries, leases, crashes, actions."""

from __future__ import annotations

import pytest

from bot.announcements import (
    AnnouncementService,
    Draft,
    PermanentFailure,
    RetryLater,
    Target,
    TransientFailure,
)
from bot.errors import NotAllowed
from tests.bot.announcements.conftest import (
    FAST,
    MODERATOR,
    OWNER,
    STRANGER,
    ScriptedSender,
    World,
)


def _draft(text: str = "<b>Hello</b>", **changes: object) -> Draft:
    return Draft(step="preview", versions={"en": text}, **changes)  # type: ignore[arg-type]


async def _run_until_idle(service: AnnouncementService, passes: int = 20) -> None:
    """Worker passes until nothing is claimed and everything in flight has finished.

    Two empty passes in a row: the first one waits for the sends in flight, whose outcomes
    (a pin, a delete) may be new work for the second.
    """
    worker = service.worker
    assert worker is not None
    idle = 0
    for _ in range(passes):
        idle = idle + 1 if await worker.run_once() == 0 else 0
        if idle == 2:
            return
    raise AssertionError("the worker kept finding work")


async def _statuses(world: World, announcement_id: int) -> dict[str, str]:
    rows = await world.service.queue.deliveries(announcement_id)
    return {str(r["target"]): str(r["status"]) for r in rows}


async def test_every_target_gets_one_copy_and_the_moderator_a_report(world: World) -> None:
    await world.add_groups(-1, -2, -3)
    announcement_id = await world.service.publish(MODERATOR, _draft(), report_chat_id=MODERATOR)
    await _run_until_idle(world.service)
    assert sorted(t for t, _ in world.sender.sent) == ["-1", "-2", "-3"]
    assert await _statuses(world, announcement_id) == {"-1": "sent", "-2": "sent", "-3": "sent"}
    rows = await world.service.queue.deliveries(announcement_id)
    assert all(r["message_id"] for r in rows)
    [(chat_id, report, _)] = world.notifier.reports
    assert (chat_id, report.sent, report.failed, report.total) == (MODERATOR, 3, 0, 3)
    # Nothing more happens on later passes: a sent row is never sent again.
    await _run_until_idle(world.service)
    assert len(world.sender.sent) == 3 and len(world.notifier.reports) == 1


@pytest.mark.parametrize(
    ("error", "status", "reason"),
    [
        (PermanentFailure("forbidden"), "failed", "forbidden"),
        (PermanentFailure("chat_not_found"), "failed", "chat_not_found"),
        (RetryLater(3), "sent", None),
        (TransientFailure("502"), "sent", None),
    ],
)
async def test_outcomes_of_a_failed_send(
    world: World, error: Exception, status: str, reason: str | None
) -> None:
    await world.add_groups(-1)
    world.sender.script["-1"] = [error]
    announcement_id = await world.service.publish(MODERATOR, _draft())
    await _run_until_idle(world.service)
    world.clock.advance(5)  # past retry_after (3 s) and the first backoff (at most 2.4 s)
    await _run_until_idle(world.service)
    [row] = await world.service.queue.deliveries(announcement_id)
    assert (row["status"], row["error"] if status == "failed" else None) == (status, reason)
    assert world.sender.copies("-1") == (1 if status == "sent" else 0)


async def test_retry_after_is_honoured_and_not_counted_as_a_failure(world: World) -> None:
    await world.add_groups(-1)
    world.sender.script["-1"] = [RetryLater(30)]
    announcement_id = await world.service.publish(MODERATOR, _draft())
    await _run_until_idle(world.service)
    world.clock.advance(29)
    await _run_until_idle(world.service)
    assert world.sender.copies("-1") == 0  # not before retry_after
    world.clock.advance(2)
    await _run_until_idle(world.service)
    [row] = await world.service.queue.deliveries(announcement_id)
    assert (row["status"], row["failures"]) == ("sent", 0)


async def test_network_errors_back_off_then_give_up(world: World) -> None:
    await world.add_groups(-1)
    world.sender.script["-1"] = [TransientFailure("timeout")] * 20
    announcement_id = await world.service.publish(MODERATOR, _draft(), report_chat_id=MODERATOR)
    for _ in range(12):
        await _run_until_idle(world.service)
        world.clock.advance(400)  # beyond the longest backoff
    [row] = await world.service.queue.deliveries(announcement_id)
    assert (row["status"], row["error"], row["failures"]) == ("failed", "network", 7)
    assert world.notifier.reports[-1][1].failures == (("telegram", "-1", "network"),)


async def test_a_crash_after_the_request_left_resends_once_flagged_in_doubt(world: World) -> None:
    await world.add_groups(-1, -2)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    # A worker claims both rows and marks -1 as leaving, then its process dies.
    dead = await world.service.queue.claim("dead-worker", 10, lease_seconds=30)
    assert await world.service.queue.mark_sending(next(d for d in dead if d.target == "-1"))
    restarted = world.new_worker_service()
    await _run_until_idle(restarted)
    assert world.sender.sent == []  # the leases still hold
    world.clock.advance(61)  # past the sending row's lease too
    await _run_until_idle(restarted)
    assert sorted(t for t, _ in world.sender.sent) == ["-1", "-2"]
    rows = {r["target"]: r for r in await world.service.queue.deliveries(announcement_id)}
    # Only the row whose request may have reached Telegram is in doubt.
    assert (rows["-1"]["in_doubt"], rows["-2"]["in_doubt"]) == (1, 0)
    report = await world.service.book.report(announcement_id)
    assert report is not None and report.in_doubt == 1 and report.sent == 2


async def test_enqueueing_twice_adds_no_rows(world: World) -> None:
    await world.add_groups(-1, -2)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    targets = await world.service.targets.resolve("all")
    async with world.db.write() as tx:
        await tx.execute(
            "UPDATE announcements SET status = 'scheduled' WHERE id = ?", (announcement_id,)
        )
    assert await world.service.book.queue_scheduled(announcement_id, targets)
    assert len(await world.service.queue.deliveries(announcement_id)) == 2


async def test_languages_pick_versions_and_pin_follows_the_send(world: World) -> None:
    await world.add_groups(-1)
    await world.add_groups(-2, language="zh")
    draft = Draft(step="preview", versions={"en": "Hi", "zh": "你好"}, pin=True, silent=True)
    announcement_id = await world.service.publish(MODERATOR, draft)
    await _run_until_idle(world.service)
    assert {t: m.html for t, m in world.sender.sent} == {"-1": "Hi", "-2": "你好"}
    assert all(m.silent for _, m in world.sender.sent)
    assert sorted(a[:2] for a in world.sender.actions) == [("pin", "-1"), ("pin", "-2")]
    rows = await world.service.queue.deliveries(announcement_id)
    assert [r["pinned"] for r in rows] == [1, 1]


async def test_edit_and_delete_everywhere(world: World) -> None:
    await world.add_groups(-1, -2)
    announcement_id = await world.service.publish(MODERATOR, _draft("Old"))
    await _run_until_idle(world.service)
    assert await world.service.edit(MODERATOR, announcement_id, "New") == 2
    await _run_until_idle(world.service)
    assert sorted(world.sender.actions) == [("edit", "-1", "New"), ("edit", "-2", "New")]
    world.sender.actions.clear()
    # One message is already gone: deleting it counts as done.
    assert await world.service.act(OWNER, announcement_id, "delete", report_chat_id=OWNER) == 2
    await _run_until_idle(world.service)
    assert await _statuses(world, announcement_id) == {"-1": "deleted", "-2": "deleted"}
    record = await world.service.book.get(announcement_id)
    assert record is not None and record.status == "deleted"
    assert world.notifier.reports[-1][1].deleted == 2


async def test_delete_before_sending_cancels_the_rest(world: World) -> None:
    await world.add_groups(-1, -2)
    announcement_id = await world.service.publish(MODERATOR, _draft())
    claimed = await world.service.queue.claim("w", 10, lease_seconds=30)
    first = next(d for d in claimed if d.target == "-1")
    second = next(d for d in claimed if d.target == "-2")
    await world.service.queue.release([second], 0)
    assert await world.service.queue.mark_sending(first)
    await world.service.act(MODERATOR, announcement_id, "delete")
    # The send in flight lands after the delete was asked for: it is deleted next.
    assert await world.service.queue.record_sent(first, "77")
    await _run_until_idle(world.service)
    assert await _statuses(world, announcement_id) == {"-1": "deleted", "-2": "cancelled"}
    assert world.sender.actions == [("delete", "-1", "77")]


async def test_scheduled_announcements_wait_then_go_and_can_be_moved_or_cancelled(
    world: World,
) -> None:
    await world.add_groups(-1)
    start = world.clock.now().timestamp()
    later = await world.service.publish(MODERATOR, _draft("A", send_at=start + 60, timezone="UTC"))
    dropped = await world.service.publish(
        MODERATOR, _draft("B", send_at=start + 60, timezone="UTC")
    )
    await world.service.reschedule(MODERATOR, later, start + 120, "Asia/Shanghai")
    await world.service.cancel(MODERATOR, dropped)
    assert [r.id for r in await world.service.scheduled(MODERATOR)] == [later]
    world.clock.advance(90)
    restarted = world.new_worker_service()  # schedules live in SQLite, not in a timer
    await _run_until_idle(restarted)
    assert world.sender.sent == []
    world.clock.advance(31)
    await _run_until_idle(restarted)
    assert [m.html for _, m in world.sender.sent] == ["A"]


async def test_only_moderators_act_and_everything_is_audited(world: World) -> None:
    await world.add_groups(-1)
    with pytest.raises(NotAllowed):
        await world.service.publish(STRANGER, _draft())
    announcement_id = await world.service.publish(OWNER, _draft())
    with pytest.raises(NotAllowed):
        await world.service.act(STRANGER, announcement_id, "delete")
    entries = await world.service.audit.recent()
    assert [(e.actor_id, e.action) for e in entries] == [(OWNER, "announcement_publish")]


async def test_another_channel_is_chosen_explicitly_with_its_own_sender(world: World) -> None:
    await world.add_groups(-1)
    x = ScriptedSender(script={"account": [PermanentFailure("not_supported_on_x")]})
    world.service.add_channel("x", x, Target("x", "account", "en"), FAST)
    with_x = await world.service.publish(MODERATOR, _draft("One", targets_spec="all+x"))
    telegram_only = await world.service.publish(MODERATOR, _draft("Two", targets_spec="all"))
    x_only = await world.service.publish(MODERATOR, _draft("Three", targets_spec="x"))
    await _run_until_idle(world.service)
    assert [t for t, _ in world.sender.sent] == ["-1", "-1"]
    report = await world.service.book.report(with_x)
    assert report is not None
    assert report.failures == (("x", "account", "not_supported_on_x"),)
    assert len(await world.service.queue.deliveries(telegram_only)) == 1
    assert [d["channel"] for d in await world.service.queue.deliveries(x_only)] == ["x"]
