"""`ImpersonationGuard` without Telegram: a fake `GuardActions`, a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.impersonation.models import (
    CHANNEL_BOT,
    GROUP_ANONYMOUS_BOT,
    TELEGRAM_SERVICE,
    Decision,
    GuardMessage,
    Member,
    MemberChange,
    SenderChat,
)
from bot.impersonation.registry import OfficialRegistry, StaticOfficials
from bot.impersonation.rules import GuardRules
from bot.impersonation.service import ImpersonationGuard
from bot.impersonation.store import GuardStore
from bot.messages import Reply
from bot.settings import Settings
from bot.storage import Database
from bot.texts import Texts

GROUP, STAFF_CHAT = -1001, -1002
PAUL = Member(10, "Paul", None, "PaulHitBTC")
AGENT = Member(20, "Agent", None, "agent")
BOT = Member(99, "Beacon", None, "NovaHelperBot", is_bot=True)


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 1, 7, 10, 0, tzinfo=UTC)


@dataclass
class FakeActions:
    admins: dict[int, list[Member]] = field(default_factory=dict)
    members: dict[tuple[int, int], Member] = field(default_factory=dict)
    calls: list[tuple[str, int, int]] = field(default_factory=list)
    sent: list[tuple[int, Reply]] = field(default_factory=list)
    allowed: bool = True

    def _did(self, what: str, chat_id: int, other: int) -> bool:
        self.calls.append((what, chat_id, other))
        return self.allowed

    async def restrict(self, chat_id: int, user_id: int) -> bool:
        return self._did("restrict", chat_id, user_id)

    async def unrestrict(self, chat_id: int, user_id: int) -> bool:
        return self._did("unrestrict", chat_id, user_id)

    async def ban(self, chat_id: int, user_id: int) -> bool:
        return self._did("ban", chat_id, user_id)

    async def unban(self, chat_id: int, user_id: int) -> bool:
        return self._did("unban", chat_id, user_id)

    async def ban_sender_chat(self, chat_id: int, sender_chat_id: int) -> bool:
        return self._did("ban_sender_chat", chat_id, sender_chat_id)

    async def unban_sender_chat(self, chat_id: int, sender_chat_id: int) -> bool:
        return self._did("unban_sender_chat", chat_id, sender_chat_id)

    async def delete(self, chat_id: int, message_id: int) -> bool:
        return self._did("delete", chat_id, message_id)

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int:
        self.sent.append((chat_id, reply))
        return len(self.sent)

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        return True

    async def chat_admins(self, chat_id: int) -> list[Member] | None:
        return self.admins.get(chat_id, [])

    async def member(self, chat_id: int, user_id: int) -> Member | None:
        return self.members.get((chat_id, user_id))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "guard.db")
    yield database
    await database.close()


@pytest.fixture
def actions() -> FakeActions:
    return FakeActions(admins={GROUP: [PAUL, BOT]})


@pytest.fixture
def guard(db: Database, actions: FakeActions, rules: GuardRules) -> ImpersonationGuard:
    settings = Settings(_env_file=None, brand_name="Nova Exchange", staff_user_ids=(AGENT.user_id,))  # type: ignore[call-arg]
    static = StaticOfficials(frozenset({AGENT.user_id}), BOT, (), STAFF_CHAT)

    async def no_moderators() -> list[int]:
        return []

    registry = OfficialRegistry(db, FixedClock(), rules, static, actions, no_moderators)
    texts = Texts.load(settings.brand_name)
    store = GuardStore(db, FixedClock())
    return ImpersonationGuard(
        registry, store, rules, actions, texts, STAFF_CHAT, ("nova.exchange",)
    )


def _join(member: Member) -> MemberChange:
    return MemberChange(GROUP, "supergroup", "Nova", member, "left", "member")


def _post(member: Member | None, text: str, sender_chat: SenderChat | None = None) -> GuardMessage:
    return GuardMessage(GROUP, "supergroup", "Nova", 7, text, member, sender_chat)


async def test_a_look_alike_joining_is_restricted_and_reported(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    await guard.on_member_change(_join(Member(30, "Paul", None, "PauIHitBTC")))
    assert ("restrict", GROUP, 30) in actions.calls
    chat_id, alert = actions.sent[-1]
    assert chat_id == STAFF_CHAT and "@PaulHitBTC" in alert.text
    assert [b.callback_data for b in alert.buttons[0]] == ["guard:ban:1", "guard:fine:1"]
    audit = await guard.store.audit_log()
    assert audit[0]["action"] == "restricted" and audit[0]["user_id"] == 30


async def test_ban_then_a_second_press_is_refused(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    await guard.on_member_change(_join(Member(30, "Раul")))
    result = await guard.review(AGENT, 1, Decision.BAN, "alert")
    assert ("ban", GROUP, 30) in actions.calls and result.alert is not None
    again = await guard.review(AGENT, 1, Decision.BAN, "alert")
    assert again.alert is None


async def test_only_staff_decide(guard: ImpersonationGuard, actions: FakeActions) -> None:
    await guard.on_bot_membership(GROUP)
    await guard.on_member_change(_join(Member(30, "Раul")))
    result = await guard.review(Member(30, "Раul"), 1, Decision.FINE, "alert")
    assert result.alert is None and ("unrestrict", GROUP, 30) not in actions.calls


async def test_its_fine_is_remembered_for_that_user_and_name(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    suspect = Member(30, "Раul")
    await guard.on_member_change(_join(suspect))
    await guard.review(AGENT, 1, Decision.FINE, "alert")
    assert ("unrestrict", GROUP, 30) in actions.calls
    sent = len(actions.sent)
    await guard.on_member_change(_join(suspect))
    await guard.on_message(_post(suspect, "hello"))
    assert len(actions.sent) == sent
    # The name is remembered by its skeleton ("PauI" looks the same); another name that
    # imitates staff is a new question for the staff.
    await guard.on_message(_post(Member(30, "PauI"), "hello"))
    assert len(actions.sent) == sent
    await guard.on_message(_post(Member(30, "Paul Support"), "hello"))
    assert len(actions.sent) == sent + 1


async def test_officials_and_telegrams_accounts_are_never_actioned(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    for user_id in (GROUP_ANONYMOUS_BOT, CHANNEL_BOT, TELEGRAM_SERVICE, AGENT.user_id):
        await guard.on_message(_post(Member(user_id, "Paul", None, "PauIHitBTC"), "DM me"))
    # The admin renamed to something only staff may use.
    await guard.on_message(_post(Member(10, "Paul | Nova Support", None, "PaulNova"), "DM me"))
    # The group's anonymous admin and its linked channel post as chats.
    await guard.on_message(_post(None, "DM me", SenderChat(GROUP, "Nova")))
    assert actions.calls == [] and actions.sent == []


async def test_exact_copy_is_banned_at_once_when_the_policy_says_so(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    reply = await guard.policy_command(GROUP, "supergroup", PAUL, True, ["exact", "ban"], "en")
    assert "ban at once" in reply.text
    await guard.on_member_change(_join(Member(31, "Paul")))
    assert ("ban", GROUP, 31) in actions.calls
    await guard.on_member_change(_join(Member(32, "Nova Support")))
    assert ("restrict", GROUP, 32) in actions.calls and ("ban", GROUP, 32) not in actions.calls


async def test_warn_only_restricts_nobody(guard: ImpersonationGuard, actions: FakeActions) -> None:
    await guard.on_bot_membership(GROUP)
    await guard.policy_command(GROUP, "supergroup", PAUL, True, ["warn"], "en")
    await guard.on_member_change(_join(Member(31, "Paul")))
    assert not [c for c in actions.calls if c[0] in ("restrict", "ban")]
    assert "policy is warn-only" in actions.sent[-1][1].text


async def test_members_cannot_change_the_policy(guard: ImpersonationGuard) -> None:
    reply = await guard.policy_command(GROUP, "supergroup", Member(50, "Eve"), False, ["off"], "en")
    assert "administrators" in reply.text


async def test_a_scam_message_is_deleted_with_one_notice_per_wave(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    bob = Member(40, "Bob")
    assert await guard.on_message(_post(bob, "log in at nova-exchange-verify.com to fix it"))
    assert ("delete", GROUP, 7) in actions.calls
    notices = [r for c, r in actions.sent if c == GROUP]
    assert len(notices) == 1 and "/verify" in notices[0].text
    assert await guard.on_message(_post(Member(41, "Eve"), "DM me for help"))
    assert len([r for c, r in actions.sent if c == GROUP]) == 1
    assert not await guard.on_message(_post(bob, "fees are on https://nova.exchange/fees"))


async def test_an_impersonating_channel_is_banned_as_a_sender_chat(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    await guard.on_message(_post(None, "hi", SenderChat(-100777, "Nova Exchange Support")))
    assert ("ban_sender_chat", GROUP, -100777) in actions.calls


async def test_verify_uses_ids_not_usernames(
    guard: ImpersonationGuard, actions: FakeActions
) -> None:
    await guard.on_bot_membership(GROUP)
    actions.members[(STAFF_CHAT, PAUL.user_id)] = PAUL
    assert (await guard.registry.check_username("@PaulHitBTC")).official
    imitation = await guard.registry.check_username("@PauIHitBTC")
    assert not imitation.official and imitation.imitates == "PaulHitBTC"
    # Paul renamed; whoever holds @PaulHitBTC now is not him.
    actions.members[(STAFF_CHAT, PAUL.user_id)] = Member(10, "Paul", None, "PaulNova")
    released = await guard.registry.check_username("@PaulHitBTC")
    assert not released.official and released.former and released.imitates == "PaulNova"
    assert (await guard.registry.check_username("@PaulNova")).official


async def test_forget_user_leaves_no_row_naming_them(
    guard: ImpersonationGuard, db: Database
) -> None:
    await guard.on_bot_membership(GROUP)
    await guard.on_member_change(_join(Member(30, "Раul")))
    await guard.review(AGENT, 1, Decision.FINE, "alert")
    await guard.forget_user(30)
    for table, column in (
        ("guard_cases", "user_id"),
        ("guard_cleared_names", "user_id"),
        ("guard_audit", "user_id"),
    ):
        assert await db.fetch_value(f"SELECT 1 FROM {table} WHERE {column} = 30") is None
