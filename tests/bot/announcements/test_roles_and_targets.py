"""Roles by numeric id, seeded once; targets are chats where the bot is admin, in sets."""

from __future__ import annotations

import pytest

from bot.announcements import TargetDirectory
from bot.errors import InvalidInput, NotAllowed
from tests.bot.announcements.conftest import MODERATOR, OWNER, STRANGER, World


async def test_owner_adds_and_removes_moderators(world: World) -> None:
    roles = world.service.roles
    assert await roles.can_announce(OWNER) and await roles.can_announce(MODERATOR)
    assert not await roles.can_announce(STRANGER) and not await roles.can_announce(None)
    assert await roles.add_moderator(OWNER, STRANGER)
    assert not await roles.add_moderator(OWNER, STRANGER)
    assert await roles.can_announce(STRANGER)
    assert await roles.remove_moderator(OWNER, STRANGER)
    assert not await roles.can_announce(STRANGER)
    actions = [e.action for e in await world.service.audit.recent()]
    assert actions == ["moderator_remove", "moderator_add"]


@pytest.mark.parametrize("actor", [MODERATOR, STRANGER, None])
async def test_only_owners_appoint(world: World, actor: int | None) -> None:
    with pytest.raises(NotAllowed):
        await world.service.roles.add_moderator(actor, 99)


async def test_a_removed_seeded_moderator_stays_removed(world: World) -> None:
    roles = world.service.roles
    assert await roles.remove_moderator(OWNER, MODERATOR)
    await roles.seed((MODERATOR,))  # the next start-up
    assert not await roles.can_announce(MODERATOR)


async def test_targets_are_admin_chats_and_sets(world: World) -> None:
    await world.add_groups(-1, -2)
    await world.add_groups(-3, language="zh")
    await world.chats.record_bot_membership(
        -4, "supergroup", "left", "left", can_delete=False, can_pin=False
    )
    await world.chats.record_chat(5, "private", None, None)
    targets = world.service.targets
    assert [t.ref for t in await targets.resolve("all")] == ["-3", "-2", "-1"]
    await targets.add_to_set(MODERATOR, "zh-groups", [-3, -4])
    assert [(t.ref, t.language) for t in await targets.resolve("set:zh-groups")] == [("-3", "zh")]
    assert [t.ref for t in await targets.resolve("ids:-1,-4,7")] == ["-1"]
    await targets.set_language(MODERATOR, -1, "zh")
    assert {t.ref: t.language for t in await targets.resolve("all")}["-1"] == "zh"
    await targets.remove_from_set(MODERATOR, "zh-groups", [-3])
    assert await targets.resolve("set:zh-groups") == []


@pytest.mark.parametrize("name", ["all", "bad name", ""])
async def test_bad_set_names(world: World, name: str) -> None:
    with pytest.raises(InvalidInput):
        await world.service.targets.add_to_set(MODERATOR, name, [-1])


async def test_all_means_the_community_chats_never_the_staff_chat(world: World) -> None:
    await world.add_groups(-1, -2, -900)
    targets = TargetDirectory(
        world.db, world.clock, world.chats, world.service.audit, staff_chat_ids=(-900,)
    )
    assert [t.ref for t in await targets.resolve("all")] == ["-2", "-1"]
    assert [t.ref for t in await targets.resolve("ids:-900,-1")] == ["-1"]
    assert -900 not in [c.chat_id for c in await targets.available()]
