"""Human names of the kinds of data, advice lines, and mentions: both languages, escaped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.messages import Sender
from bot.privacy_guard import ChatPolicy, NoticeWriter, apply_policy_command
from bot.texts import Texts
from privacy.entities import ALL_ENTITIES

KIND_NAMES = [
    ("en", ("PASSWORD",), "a password"),
    ("en", ("PASSWORD", "ACCOUNT_ID"), "a password and your account UID"),
    (
        "en",
        ("SEED_PHRASE", "TX_HASH", "EMAIL_ADDRESS"),
        "a seed phrase, a transaction hash and an email address",
    ),
    ("zh", ("PASSWORD",), "密码"),
    ("zh", ("PASSWORD", "ACCOUNT_ID", "BANK_CARD"), "密码、账户 UID和银行卡号"),
]


@pytest.mark.parametrize(("lang", "kinds", "expected"), KIND_NAMES)
def test_kind_names(texts: Texts, lang: str, kinds: tuple[str, ...], expected: str) -> None:
    assert NoticeWriter(texts).kind_names(kinds, lang) == expected


@pytest.mark.parametrize("kind", ALL_ENTITIES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_type_has_a_human_name(texts: Texts, kind: str, lang: str) -> None:
    name = NoticeWriter(texts).kind_names([kind], lang)
    assert name and "_" not in name


ADVICE = [
    (("PASSWORD",), "Change your password"),
    (("SEED_PHRASE",), "move your funds"),
    (("PRIVATE_KEY",), "new wallet"),
    (("API_SECRET",), "Delete that API key"),
    (("VERIFICATION_CODE",), "Never share verification codes"),
    (("ACCOUNT_ID", "EMAIL_ADDRESS"), "never message you first"),
]


@pytest.mark.parametrize(("kinds", "expected"), ADVICE)
def test_advice_for_what_was_found(texts: Texts, kinds: tuple[str, ...], expected: str) -> None:
    assert expected in NoticeWriter(texts).advice(kinds, "en")


def test_mentions_are_escaped_links_by_user_id(texts: Texts) -> None:
    writer = NoticeWriter(texts)
    sender = Sender(5, '<script>&"', None)
    assert writer.mention(sender, "en") == '<a href="tg://user?id=5">&lt;script&gt;&amp;&quot;</a>'
    assert writer.mention(None, "zh") == "管理员"
    assert writer.mentions([], "en") == "Admins"


@given(st.lists(st.text(max_size=12), max_size=4))
def test_policy_arguments_never_crash(args: list[str]) -> None:
    try:
        policy = apply_policy_command(ChatPolicy(), args)
    except InvalidInput:
        return
    assert policy.types <= frozenset(ALL_ENTITIES)
    assert policy.mode in ("delete", "warn") and policy.admins in ("exempt", "scan")
