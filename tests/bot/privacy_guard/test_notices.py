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
from tests.bot.privacy_guard.conftest import ADMIN, ALICE, CHAT, inbound

LINK = "https://t.me/nova_help_bot?start=priv_AAAAAAAAAAAAAAAA"

KIND_NAMES = [
    ("en", ("PASSWORD",), "a password"),
    ("en", ("PASSWORD", "ACCOUNT_ID"), "a password and your account UID"),
    (
        "en",
        ("SEED_PHRASE", "TX_HASH", "EMAIL_ADDRESS"),
        "a seed phrase, a transaction hash and an email address",
    ),
    ("zh", ("PASSWORD",), "密码"),
    ("zh", ("PASSWORD", "ACCOUNT_ID", "BANK_CARD"), "密码、账户 UID和银行卡信息"),
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
    assert writer.mentions([], "en") == "Admins"


@pytest.mark.parametrize(("lang", "opening"), [("en", "Hello, "), ("zh", "您好，")])
def test_a_channel_post_or_anonymous_admin_gets_a_neutral_opening(
    texts: Texts, lang: str, opening: str
) -> None:
    """Not "Admin,": a channel post is not from an admin, and we do not know who wrote it."""
    message = inbound("x", sender=None, sender_chat_id=CHAT, language=lang)
    notice = NoticeWriter(texts).removed_notice(message, ("PASSWORD",), True, LINK)
    assert notice.text.startswith(opening)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_admins_line_comes_before_the_line_about_the_button(texts: Texts, lang: str) -> None:
    writer = NoticeWriter(texts)
    message = inbound("x", language=lang)
    notice = writer.ask_notice(message, ("PASSWORD",), True, LINK, [ADMIN])
    lines = notice.text.split("\n")
    admins_line = texts.get(
        "privacy.notice_ask_admins", lang, admins=writer.mentions([ADMIN], lang)
    )
    button_line = texts.get("privacy.notice_continue_privately", lang)
    assert lines[0].startswith(writer.mention(ALICE, lang))
    assert lines[-2:] == [admins_line, button_line]
    assert notice.reply_to_message_id == message.message_id
    without = writer.ask_notice(message, ("PASSWORD",), True, LINK)
    assert without.text.split("\n")[-1] == button_line and admins_line not in without.text


def test_the_admins_line_reads_as_two_sentences(texts: Texts) -> None:
    line = texts.get("privacy.notice_ask_admins", "en", admins="Admins")
    assert line == (
        "Admins: I can't delete messages here. Please remove that message if it is still up."
    )


@given(st.lists(st.text(max_size=12), max_size=4))
def test_policy_arguments_never_crash(args: list[str]) -> None:
    try:
        policy = apply_policy_command(ChatPolicy(), args)
    except InvalidInput:
        return
    assert policy.types <= frozenset(ALL_ENTITIES)
    assert policy.mode in ("delete", "warn") and policy.admins in ("exempt", "scan")
