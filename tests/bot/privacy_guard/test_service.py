"""`PrivacyService`: the decisions carried out against fake chat actions and real SQLite."""

from __future__ import annotations

from dataclasses import replace

import pytest
from telegram.error import NetworkError, TimedOut

from bot.chats import ChatDirectory
from bot.messages import Reply, Sender
from bot.privacy_guard import ChatPolicy, DeleteOutcome, PrivacyService, build_privacy_service
from bot.storage import Database
from bot.texts import Texts
from tests.bot.privacy_guard.conftest import (
    ADMIN,
    ALICE,
    CHAT,
    FakeActions,
    FakeClock,
    FakeScanner,
    inbound,
    review,
)

PASSWORD = "Tr0ub4dor&3x"
UID = "48213377"


@pytest.fixture
def actions() -> FakeActions:
    return FakeActions()


@pytest.fixture
async def service(db: Database, texts: Texts, actions: FakeActions) -> PrivacyService:
    return await build_privacy_service(db, texts, FakeClock(), FakeScanner(), actions, 120)


async def _bot_joined(db: Database, *, can_delete: bool) -> None:
    status = "administrator" if can_delete else "member"
    await ChatDirectory(db, FakeClock()).record_bot_membership(
        CHAT, "supergroup", "Nova", status, can_delete=can_delete, can_pin=False
    )


def _token(actions: FakeActions) -> str:
    (button,) = actions.sent[-1][1].buttons[0]
    assert button.url is not None
    return button.url.split("?start=priv_")[1]


async def test_a_member_secret_is_deleted_noticed_and_its_notice_scheduled(
    service: PrivacyService, actions: FakeActions, db: Database
) -> None:
    assert await review(service, inbound(f"help password {PASSWORD}", message_id=7))
    assert actions.deleted == [(CHAT, 7)]
    ((chat_id, notice),) = actions.sent
    assert chat_id == CHAT and PASSWORD not in notice.text
    row = await db.fetch_one("SELECT chat_id, message_id FROM privacy_notice_deletions")
    assert row == {"chat_id": CHAT, "message_id": 1001}
    incident = await db.fetch_one("SELECT action, kinds, user_id FROM privacy_incidents")
    assert incident == {"action": "deleted", "kinds": "PASSWORD", "user_id": ALICE.user_id}


async def test_nothing_private_is_left_to_other_handlers(
    service: PrivacyService, actions: FakeActions
) -> None:
    assert not await review(service, inbound("what are the futures fees?"))
    assert not await review(service, inbound("   "))
    assert actions.deleted == actions.sent == []


WIF_KEY = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
TOKEN = "Ab3_-xYz09KLmnOp"  # the shape of new_token(): 16 URL-safe characters

START_TEXTS = [
    # (case, text, chat type, skipped: not scanned)
    ("own privacy link", f"/start priv_{TOKEN}", "private", True),
    ("own link with the bot's name", f"/start@nova_help_bot priv_{TOKEN}", "private", True),
    ("own article link", "/start art_reset-password_en", "private", True),
    ("own article link zh", "/start art_2fa_zh", "private", True),
    ("ticket", "/start ticket", "private", True),
    ("complaint", "/start complaint", "private", True),
    ("verify", "/start verify", "private", True),
    ("own link but in a group", f"/start priv_{TOKEN}", "supergroup", False),
    ("ticket in a group", "/start ticket", "supergroup", False),
    ("a WIF private key", f"/start {WIF_KEY}", "private", False),
    ("a WIF private key in a group", f"/start {WIF_KEY}", "supergroup", False),
    ("priv_ with a longer value", f"/start priv_{TOKEN}x", "private", False),
    ("priv_ with a shorter value", "/start priv_password", "private", False),
    ("article with a bad language", "/start art_reset-password_fr", "private", False),
    ("article with upper case", "/start art_Reset_en", "private", False),
    ("ticket plus a word", "/start ticket please", "private", False),
    ("ticketX", "/start ticketX", "private", False),
    ("a password", "/start Tr0ub4dor3x", "private", False),
    ("a 6-digit code", "/start 739164", "private", False),
    ("plain /start", "/start", "private", False),
]


@pytest.mark.parametrize(
    ("text", "chat_type", "skipped"),
    [c[1:] for c in START_TEXTS],
    ids=[c[0] for c in START_TEXTS],
)
async def test_only_the_bots_own_deep_links_skip_the_scan(
    db: Database, texts: Texts, actions: FakeActions, text: str, chat_type: str, skipped: bool
) -> None:
    scanner = FakeScanner()
    service = await build_privacy_service(db, texts, FakeClock(), scanner, actions, 120)
    await review(service, inbound(text, chat_type=chat_type))
    assert scanner.scanned == ([] if skipped else [text])


async def test_own_messages_are_not_scanned(
    db: Database, texts: Texts, actions: FakeActions
) -> None:
    scanner = FakeScanner()
    service = await build_privacy_service(db, texts, FakeClock(), scanner, actions, 120)
    bot = Sender(99, "Beacon", actions.bot_username, is_bot=True)
    await review(service, inbound(f"password {PASSWORD}", sender=bot))
    assert scanner.scanned == []


async def test_admin_check_only_when_it_matters(
    service: PrivacyService, actions: FakeActions
) -> None:
    assert not await review(service, inbound(f"winner UID {UID}", sender=ADMIN))
    assert actions.admin_checks == 1
    assert await review(service, inbound(f"password {PASSWORD}", sender=ADMIN))
    assert actions.admin_checks == 1  # critical: caught from everyone, no need to ask
    anonymous = inbound(f"payout to UID {UID}", sender=None, sender_chat_id=CHAT)
    assert not await review(service, anonymous)
    assert actions.admin_checks == 1


async def test_without_the_right_the_user_is_asked_and_admins_told_once(
    service: PrivacyService, actions: FakeActions, db: Database
) -> None:
    await _bot_joined(db, can_delete=False)
    actions.can_delete = False
    await service.check_bot_rights(CHAT)
    await service.check_bot_rights(CHAT)
    assert len(actions.sent) == 1 and "Delete messages" in actions.sent[0][1].text

    for message_id in (7, 8):
        await review(service, inbound(f"password {PASSWORD}", message_id=message_id))
    asks = [reply for _, reply in actions.sent[1:]]
    assert [a.reply_to_message_id for a in asks] == [7, 8]
    assert all("tg://user?id=22" in a.text for a in asks)
    assert actions.deleted == []
    actions_taken = await db.fetch_all("SELECT action FROM privacy_incidents")
    assert {r["action"] for r in actions_taken} == {"asked"}


async def test_a_failed_delete_warns_admins_once_in_a_chat_never_seen(
    service: PrivacyService, actions: FakeActions
) -> None:
    actions.can_delete = False
    await review(service, inbound(f"password {PASSWORD}", message_id=7))
    await review(service, inbound(f"password {PASSWORD}", message_id=8))
    warnings = [r for _, r in actions.sent if "Delete messages" in r.text]
    assert len(warnings) == 1


async def test_warn_mode_and_ttl_from_the_policy(
    service: PrivacyService, actions: FakeActions, db: Database
) -> None:
    await service.policies.save(CHAT, ChatPolicy(mode="warn", notice_ttl_seconds=0), None)
    await review(service, inbound(f"password {PASSWORD}", message_id=7))
    assert actions.deleted == []
    assert actions.sent[0][1].reply_to_message_id == 7
    assert await db.fetch_value("SELECT COUNT(*) FROM privacy_notice_deletions") == 0


async def test_an_edit_that_keeps_the_same_secret_is_not_noticed_twice(
    service: PrivacyService, actions: FakeActions
) -> None:
    await service.policies.save(CHAT, ChatPolicy(mode="warn"), None)
    await review(service, inbound(f"password {PASSWORD}", message_id=7))
    edit = inbound(f"password {PASSWORD} (edited)", message_id=7, is_edit=True)
    assert await review(service, edit)
    assert len(actions.sent) == 1
    another = inbound(f"password {PASSWORD}2", message_id=7, is_edit=True)
    assert await review(service, another)
    assert len(actions.sent) == 2


async def test_private_chat_uid_stays_password_goes(
    service: PrivacyService, actions: FakeActions
) -> None:
    assert not await review(service, inbound(f"my UID {UID}", chat_type="private"))
    assert await review(service,
        inbound(f"password {PASSWORD}", chat_type="private", message_id=3)
    )
    assert actions.deleted == [(ALICE.user_id, 3)]
    assert "never ask" in actions.sent[0][1].text


async def test_the_link_explains_to_its_owner_only(
    service: PrivacyService, actions: FakeActions
) -> None:
    await review(service, inbound(f"password {PASSWORD}"))
    token = _token(actions)
    mine = await service.explain_link(token, ALICE, "en")
    assert "a password" in mine.text and "Change your password" in mine.text
    assert "/ticket" in mine.text and mine.buttons[0][0].callback_data == "desk:new"
    other = await service.explain_link(token, ADMIN, "en")
    assert "someone else" in other.text and "password" not in other.text.split("\n")[0]
    assert other.buttons[0][0].callback_data == "desk:new"
    unknown = await service.explain_link("nope", ALICE, "zh")
    assert "该链接属于其他用户" in unknown.text


COMMANDS = [
    ("show", ALICE, [], "Data I look for: private_key, seed_phrase"),
    ("member cannot change", ALICE, ["mode", "warn"], "only this chat's admins"),
    ("admin changes", ADMIN, ["mode", "warn"], "ask the sender to delete"),
    ("admin ttl", ADMIN, ["ttl", "0"], "never (notices stay up)"),
    ("bad value", ADMIN, ["mode", "loud"], "Usage: /privacy"),
    ("unknown type", ADMIN, ["types", "lunch"], "account_id"),
]


@pytest.mark.parametrize(
    ("sender", "args", "expected"), [c[1:] for c in COMMANDS], ids=[c[0] for c in COMMANDS]
)
async def test_privacy_command(
    service: PrivacyService, sender: Sender, args: list[str], expected: str
) -> None:
    reply = await service.policy_command(inbound("/privacy", sender=sender), args)
    assert expected in reply.text


async def test_anonymous_admin_may_change_the_policy(service: PrivacyService) -> None:
    message = inbound("/privacy", sender=None, sender_chat_id=CHAT)
    await service.policy_command(message, ["admins", "scan"])
    assert (await service.policies.get(CHAT)).admins == "scan"


async def test_privacy_command_in_private_points_to_groups(service: PrivacyService) -> None:
    message = replace(inbound("/privacy", chat_type="private"))
    reply = await service.policy_command(message, ["mode", "warn"])
    assert "in a group" in reply.text


async def test_forget_user_removes_their_incidents(service: PrivacyService, db: Database) -> None:
    await _bot_joined(db, can_delete=True)
    assert await review(service, inbound(f"my password {PASSWORD}", message_id=3))
    assert await db.fetch_value("SELECT COUNT(*) FROM privacy_incidents") == 1
    await service.forget_user(ALICE.user_id)
    assert (
        await db.fetch_value(
            "SELECT COUNT(*) FROM privacy_incidents WHERE user_id = ?", (ALICE.user_id,)
        )
        == 0
    )


# -- Telegram failing while the guard acts ------------------------------------------------------


class FailingActions(FakeActions):
    """Deletes fail like a Telegram 5xx or timeout (the adapter reports FAILED)."""

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        return DeleteOutcome.FAILED


class BrokenActions(FakeActions):
    """A port that raises instead of reporting: the guard still acts and says so."""

    async def delete_message(self, chat_id: int, message_id: int) -> DeleteOutcome:
        raise TimedOut()

    async def send(self, chat_id: int, reply: Reply, *, thread_id: int | None = None) -> int | None:
        raise NetworkError("Bad Gateway")


async def test_a_failed_delete_asks_the_sender_and_retries_later(
    db: Database, texts: Texts
) -> None:
    actions = FailingActions()
    service = await build_privacy_service(db, texts, FakeClock(), FakeScanner(), actions, 0)
    assert await review(service, inbound(f"password {PASSWORD}", message_id=7))
    ((_, notice),) = actions.sent  # no rights warning: the bot has the right
    assert notice.reply_to_message_id == 7 and "Please delete it now" in notice.text
    assert "can't delete messages" not in notice.text
    incident = await db.fetch_one("SELECT action FROM privacy_incidents")
    assert incident == {"action": "asked"}
    retry = await db.fetch_one("SELECT chat_id, message_id FROM privacy_notice_deletions")
    assert retry == {"chat_id": CHAT, "message_id": 7}


async def test_a_failed_delete_in_private_says_it_was_not_deleted(
    db: Database, texts: Texts
) -> None:
    actions = FailingActions()
    service = await build_privacy_service(db, texts, FakeClock(), FakeScanner(), actions, 0)
    message = inbound(f"password {PASSWORD}", chat_type="private", message_id=3)
    assert await review(service, message)
    ((_, warning),) = actions.sent
    assert "couldn't delete it" in warning.text and "I deleted" not in warning.text


@pytest.mark.parametrize("chat_type", ["supergroup", "private"])
async def test_the_guard_stops_other_handlers_even_when_telegram_fails(
    db: Database, texts: Texts, chat_type: str
) -> None:
    actions = BrokenActions()
    service = await build_privacy_service(db, texts, FakeClock(), FakeScanner(), actions, 120)
    message = inbound(f"password {PASSWORD}", chat_type=chat_type)
    assert await review(service, message)
    assert await db.fetch_value("SELECT COUNT(*) FROM privacy_incidents") == 1
