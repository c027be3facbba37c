"""`PrivacyGuard.review`: a table of messages, policies and senders, and what it decides."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.privacy_guard import ChatPolicy, GuardAction, NoticeWriter, PrivacyGuard
from bot.texts import Texts
from tests.bot.privacy_guard.conftest import ADMIN, ALICE, BOT, FakeScanner, inbound

SEED = "left stay anchor prefer flavor local mandate fury tooth pumpkin planet balcony"
PASSWORD = "Tr0ub4dor&3x"
UID = "48213377"
TX = "0x" + "5c" * 32
DEFAULT_POLICY = ChatPolicy()


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    expected: GuardAction
    kinds: tuple[str, ...] = ()
    chat_type: str = "supergroup"
    policy: ChatPolicy = DEFAULT_POLICY
    speaks_for_chat: bool = False
    anonymous: bool = False


CASES = [
    Case(
        "member seed phrase", f"help seed {SEED}", GuardAction.DELETE_AND_NOTICE, ("SEED_PHRASE",)
    ),
    Case("member uid", f"my UID {UID} pls", GuardAction.DELETE_AND_NOTICE, ("ACCOUNT_ID",)),
    Case(
        "kinds are listed most severe first, once",
        f"UID {UID} password {PASSWORD} password x{PASSWORD}",
        GuardAction.DELETE_AND_NOTICE,
        ("PASSWORD", "ACCOUNT_ID"),
    ),
    Case("nothing private", "when is the next listing?", GuardAction.NONE),
    Case("admin uid is exempt", f"winner UID {UID}", GuardAction.NONE, speaks_for_chat=True),
    Case(
        "admin password is caught",
        f"password {PASSWORD}",
        GuardAction.DELETE_AND_NOTICE,
        ("PASSWORD",),
        speaks_for_chat=True,
    ),
    Case(
        "admin uid is caught when admins are scanned",
        f"winner UID {UID}",
        GuardAction.DELETE_AND_NOTICE,
        ("ACCOUNT_ID",),
        policy=ChatPolicy(admins="scan"),
        speaks_for_chat=True,
    ),
    Case(
        "anonymous admin code is caught",
        "code 123456",
        GuardAction.DELETE_AND_NOTICE,
        ("VERIFICATION_CODE",),
        speaks_for_chat=True,
        anonymous=True,
    ),
    Case(
        "warn mode asks instead",
        f"password {PASSWORD}",
        GuardAction.ASK_TO_DELETE,
        ("PASSWORD",),
        policy=ChatPolicy(mode="warn"),
    ),
    Case(
        "types the chat turned off are ignored",
        f"my UID {UID}",
        GuardAction.NONE,
        policy=ChatPolicy(types=frozenset({"PASSWORD"})),
    ),
    Case(
        "only the chat's types are reported",
        f"UID {UID} password {PASSWORD}",
        GuardAction.DELETE_AND_NOTICE,
        ("PASSWORD",),
        policy=ChatPolicy(types=frozenset({"PASSWORD"})),
    ),
    Case("dm uid is welcome", f"my UID {UID}", GuardAction.NONE, chat_type="private"),
    Case("dm tx hash is welcome", f"tx {TX}", GuardAction.NONE, chat_type="private"),
    Case(
        "dm password is removed",
        f"UID {UID} password {PASSWORD}",
        GuardAction.WARN_PRIVATE,
        ("PASSWORD",),
        chat_type="private",
    ),
    Case(
        "dm ignores the group policy's types",
        f"seed {SEED}",
        GuardAction.WARN_PRIVATE,
        ("SEED_PHRASE",),
        chat_type="private",
        policy=ChatPolicy(types=frozenset()),
    ),
]


@pytest.fixture
def guard(texts: Texts) -> PrivacyGuard:
    return PrivacyGuard(NoticeWriter(texts), make_token=lambda: "tok-EN_123")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_review(case: Case, guard: PrivacyGuard) -> None:
    message = inbound(
        case.text,
        chat_type=case.chat_type,
        sender=None if case.anonymous else ALICE,
        sender_chat_id=-100123 if case.anonymous else None,
    )
    findings = FakeScanner().scan(case.text).findings
    decision = guard.review(
        message, findings, case.policy, speaks_for_chat=case.speaks_for_chat, bot_username=BOT
    )
    assert decision.action is case.expected
    assert decision.kinds == case.kinds
    for reply in (decision.notice, decision.dm):
        if reply is not None:
            for finding in findings:
                assert case.text[finding.start : finding.end] not in reply.text


def test_group_notice_mentions_escapes_and_links(guard: PrivacyGuard) -> None:
    text = f"wallet empty, seed {SEED}"
    decision = guard.review(
        inbound(text),
        FakeScanner().scan(text).findings,
        ChatPolicy(),
        speaks_for_chat=False,
        bot_username=BOT,
    )
    notice = decision.notice
    assert notice is not None and notice.html and notice.reply_to_message_id is None
    assert '<a href="tg://user?id=11">Alice &lt;b&gt;</a>' in notice.text
    assert "a seed phrase" in notice.text and "new wallet" in notice.text
    (button,) = notice.buttons[0]
    assert button.url == f"https://t.me/{BOT}?start=priv_tok-EN_123"
    assert re.fullmatch(r"priv_[A-Za-z0-9_-]{1,59}", button.url.split("=", 1)[1])
    assert decision.dm is None  # no unsolicited DM: the button brings the user over


def test_sensitive_notice_has_no_critical_advice(guard: PrivacyGuard) -> None:
    text = f"UID {UID}"
    decision = guard.review(
        inbound(text),
        FakeScanner().scan(text).findings,
        ChatPolicy(),
        speaks_for_chat=False,
        bot_username=BOT,
    )
    assert decision.notice is not None
    assert (
        "account UID" in decision.notice.text and "Change your password" not in decision.notice.text
    )


def test_chinese_notice(guard: PrivacyGuard) -> None:
    text = f"密码 password {PASSWORD} UID {UID}"
    decision = guard.review(
        inbound(text, language="zh"),
        FakeScanner().scan(text).findings,
        ChatPolicy(),
        speaks_for_chat=False,
        bot_username=BOT,
    )
    assert decision.notice is not None
    assert "密码和账户 UID" in decision.notice.text and "修改密码" in decision.notice.text


def test_warn_mode_replies_to_the_message(guard: PrivacyGuard) -> None:
    text = f"password {PASSWORD}"
    decision = guard.review(
        inbound(text, message_id=42),
        FakeScanner().scan(text).findings,
        ChatPolicy(mode="warn"),
        speaks_for_chat=False,
        bot_username=BOT,
    )
    assert decision.notice is not None and decision.notice.reply_to_message_id == 42
    assert "Please delete it now" in decision.notice.text


def test_fall_back_to_asking_names_the_admins(guard: PrivacyGuard) -> None:
    text = f"password {PASSWORD}"
    message = inbound(text, message_id=42)
    decision = guard.review(
        message,
        FakeScanner().scan(text).findings,
        ChatPolicy(),
        speaks_for_chat=False,
        bot_username=BOT,
    )
    asked = guard.fall_back_to_asking(message, decision, [ADMIN])
    assert asked.action is GuardAction.ASK_TO_DELETE and asked.token == decision.token
    assert asked.notice is not None and asked.notice.reply_to_message_id == 42
    assert 'tg://user?id=22">Ada</a>' in asked.notice.text
    assert "can't delete messages" in asked.notice.text


def test_private_warning_says_support_never_asks(guard: PrivacyGuard) -> None:
    text = f"password {PASSWORD}"
    decision = guard.review(
        inbound(text, chat_type="private"),
        FakeScanner().scan(text).findings,
        ChatPolicy(),
        speaks_for_chat=False,
        bot_username=BOT,
    )
    assert decision.dm is not None and decision.notice is None
    assert "will never ask" in decision.dm.text and "Nova Exchange" in decision.dm.text
