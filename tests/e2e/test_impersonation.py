"""Anti-impersonation end to end: the real bot process, the emulator, a community group with
a real admin, and a staff chat where an agent decides."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from sandbox import ControlClient
from sandbox.models import ChatMessage, SandboxChat, SandboxUser
from tests.e2e.harness import BotProcess

WAIT = 20.0  # generous: other suites may share the machine
MODERATOR_RIGHTS = {"can_delete_messages": True, "can_restrict_members": True}


@dataclass
class Community:
    control: ControlClient
    bot: BotProcess
    group: SandboxChat
    staff: SandboxChat
    paul: SandboxUser  # the group's real admin
    agent: SandboxUser

    async def alert(self, text: str, after: int = 0) -> ChatMessage:
        return await self.control.wait_for_message(
            self.staff.id, lambda m: text in (m.text or "") and m.message_id > after, timeout=WAIT
        )

    async def status(self, user_id: int, wanted: str) -> None:
        deadline = time.monotonic() + WAIT
        while (await self.control.member(self.group.id, user_id)).status != wanted:
            assert time.monotonic() < deadline, f"user {user_id} never became {wanted}"
            await asyncio.sleep(0.2)

    async def last_id(self, chat_id: int) -> int:
        messages = await self.control.messages(chat_id)
        return max((m.message_id for m in messages), default=0)

    async def settled(self) -> None:
        """The bot has fetched every update so far (and had a moment to act on it)."""
        await self.control.wait_until_consumed(timeout=WAIT)
        await asyncio.sleep(1.0)


@pytest.fixture
async def community(control: ControlClient, bot_process: Callable[..., BotProcess]) -> Community:
    paul = await control.create_user("Paul", username="PaulHitBTC")
    agent = await control.create_user("Agent Smith", username="agent_smith")
    staff = await control.create_chat(
        "supergroup", title="Staff", bot_status="administrator", bot_rights=MODERATOR_RIGHTS
    )
    await control.set_member(staff.id, agent.id, "member")
    process = bot_process(
        STAFF_CHAT_ID=str(staff.id),
        STAFF_USER_IDS=str(agent.id),
        OFFICIAL_DOMAINS="novaexchange.com",
    )
    await process.start()
    # The bot is added to the group after it started: my_chat_member lists the admins.
    group = await control.create_chat(
        "supergroup",
        title="Nova Community",
        owner_id=paul.id,
        bot_status="administrator",
        bot_rights=MODERATOR_RIGHTS,
    )
    await control.wait_for_call(
        "getChatAdministrators",
        timeout=WAIT,
        predicate=lambda call: str(call.params.get("chat_id")) == str(group.id),
    )
    return Community(control, process, group, staff, paul, agent)


async def test_look_alike_joins_is_restricted_and_an_agent_bans_it(community: Community) -> None:
    control = community.control
    mallory = await control.create_user("Paul", username="PauIHitBTC")
    await control.set_member(community.group.id, mallory.id, "member")
    alert = await community.alert("Possible impersonator")
    assert "@PaulHitBTC" in (alert.text or "") and str(mallory.id) in (alert.text or "")
    await community.status(mallory.id, "restricted")
    await control.press_button(
        alert.chat_id, alert.message_id, community.agent.id, f"guard:ban:{_case(alert)}"
    )
    await community.status(mallory.id, "kicked")
    await community.alert("Banned by Agent Smith")


async def test_its_fine_frees_the_member_and_the_name_is_not_flagged_again(
    community: Community,
) -> None:
    control = community.control
    # A real person whose name happens to use a Cyrillic letter like the admin's.
    pavel = await control.create_user("Раul", username="pavel_ivanov")
    await control.set_member(community.group.id, pavel.id, "member")
    alert = await community.alert("Possible impersonator")
    await community.status(pavel.id, "restricted")
    # Only staff decide: the admin's own press is refused, nothing changes.
    await control.press_button(
        alert.chat_id, alert.message_id, pavel.id, f"guard:fine:{_case(alert)}"
    )
    await control.press_button(
        alert.chat_id, alert.message_id, community.agent.id, f"guard:fine:{_case(alert)}"
    )
    await community.status(pavel.id, "member")
    await community.alert("said it's fine")
    before = await community.last_id(community.staff.id)
    await control.send_message(community.group.id, "hello everyone", from_user=pavel.id)
    await control.set_member(community.group.id, pavel.id, "left")
    await control.set_member(community.group.id, pavel.id, "member")
    await community.settled()
    assert await community.last_id(community.staff.id) == before
    assert (await control.member(community.group.id, pavel.id)).status == "member"


async def test_a_look_alike_domain_link_is_deleted_with_a_notice(community: Community) -> None:
    control = community.control
    bob = await control.create_user("Bob", username="bob_trader")
    await control.set_member(community.group.id, bob.id, "member")
    posted = await control.send_message(
        community.group.id,
        "withdrawals are stuck, log in at https://novaexchange-support.com/login to fix it",
        from_user=bob.id,
    )
    notice = await control.wait_for_message(
        community.group.id, lambda m: "never message you first" in (m.text or ""), timeout=WAIT
    )
    assert "/verify" in (notice.text or "") and "不会主动私信" in (notice.text or "")
    messages = {m.message_id: m for m in await control.messages(community.group.id)}
    assert messages[posted.message_id].deleted
    alert = await community.alert("Scam message")
    assert "novaexchange-support.com" in (alert.text or "")
    # The official domain is left alone.
    fine = await control.send_message(
        community.group.id, "fees: https://novaexchange.com/fees", from_user=community.paul.id
    )
    await community.settled()
    messages = {m.message_id: m for m in await control.messages(community.group.id)}
    assert not messages[fine.message_id].deleted


async def test_a_real_admin_renamed_is_never_actioned_and_their_old_name_is_protected(
    community: Community,
) -> None:
    control = community.control
    group, paul = community.group, community.paul
    before = await community.last_id(community.staff.id)
    # Paul renames to something only staff may use, and gives up @PaulHitBTC.
    await control.rename_user(paul.id, first_name="Paul | Nova Support", username="PaulNova")
    await control.send_message(group.id, "Reminder: admins never DM first", from_user=paul.id)
    await community.settled()
    assert (await control.member(group.id, paul.id)).status == "creator"
    assert await community.last_id(community.staff.id) == before
    # Someone else takes the released @PaulHitBTC: it is not Paul, and /verify says so.
    taker = await control.create_user("Crypto Guy", username="PaulHitBTC")
    await control.set_member(group.id, taker.id, "member")
    alert = await community.alert("Possible impersonator", after=before)
    assert str(taker.id) in (alert.text or "")
    await community.status(taker.id, "restricted")
    asker = await control.create_user("Asker", username="asker")
    sent = await control.send_message(asker.id, "/verify @PaulHitBTC")
    answer = await control.wait_for_message(
        asker.id, lambda m: m.message_id > sent.message_id and "NOT" in (m.text or ""), timeout=WAIT
    )
    assert "used to belong" in (answer.text or "") and "@paulnova" in (answer.text or "").lower()
    sent = await control.send_message(asker.id, "/verify @PauIHitBTC")
    answer = await control.wait_for_message(
        asker.id, lambda m: m.message_id > sent.message_id and "NOT" in (m.text or ""), timeout=WAIT
    )
    assert "imitates" in (answer.text or "")
    sent = await control.send_message(asker.id, "/verify @PaulNova")
    answer = await control.wait_for_message(
        asker.id, lambda m: m.message_id > sent.message_id and "✅" in (m.text or ""), timeout=WAIT
    )


async def test_an_impersonating_channel_is_banned_with_ban_chat_sender_chat(
    community: Community,
) -> None:
    control = community.control
    channel = await control.create_chat("channel", title="Nova Exchange Support")
    await control.send_message(
        community.group.id, "Need help? Write to us.", sender_chat_id=channel.id
    )
    await community.alert("A channel posting")
    deadline = time.monotonic() + WAIT
    while not await control.sender_chat_banned(community.group.id, channel.id):
        assert time.monotonic() < deadline, "the channel was not banned"
        await asyncio.sleep(0.2)
    # The group's anonymous admin is never actioned.
    before = await community.last_id(community.staff.id)
    await control.send_message(
        community.group.id, "Official: DM me", sender_chat_id=community.group.id
    )
    await community.settled()
    assert await community.last_id(community.staff.id) == before


def _case(alert: ChatMessage) -> str:
    for data in alert.callback_data():
        if data.startswith("guard:"):
            return data.rsplit(":", 1)[1]
    raise AssertionError(alert)
