"""ACCOUNT_ID: exchange UIDs, only with context; English and Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.recognizers.account_id_recognizer import BeaconAccountIdRecognizer
from privacy.recognizers.base import is_date_number
from tests.privacy.recognizers._context import analyze, found

RECOGNIZER = BeaconAccountIdRecognizer(supported_language="zh")

POSITIVES = [
    ("uid is", "my UID is 61401355 please check my deposit", "61401355"),
    ("uid colon", "UID: 76371419", "76371419"),
    ("account id", "account id 1998422305, withdrawal pending", "1998422305"),
    ("user id", "hi admin, user id 147348405 here", "147348405"),
    ("glued uid", "uid1931578884 kyc rejected again", "1931578884"),
    ("member id", "member ID 18512470 here", "18512470"),
    ("zh 用户ID", "用户ID 63694371，账户被冻结了怎么办", "63694371"),
    ("zh UID是", "客服你好 我的UID是 2904250976 帮我看看", "2904250976"),
    ("zh full-width", "UID：６８１１２４８３ 充值没到账", "68112483"),
    ("zh glued", "我的uid1383226394提币一直审核中", "1383226394"),
    ("zh 用户编号", "用户编号663225142，理财赎回没到账", "663225142"),
    ("uid before phone", "UID 2497407892 phone +86 158 4230 7451", "2497407892"),
    ("account", "account 912056734 locked", "912056734"),
    ("uid nearer than a withdrawal word", "提现卡住了 UID 48291034", "48291034"),
    ("dash groups", "UID: 4829-1738", "4829-1738"),
    ("space groups after is", "my uid is 4829 1738", "4829 1738"),
    ("space groups", "UID 4829 1738", "4829 1738"),
    ("three groups", "user id 482 913 738 please", "482 913 738"),
    ("zh groups", "我的UID是 6140 1355 帮我查下", "6140 1355"),
    ("uid before an invite word", "我UID 38291045 邀请返佣没到", "38291045"),
    ("uid dash", "Uid-63053219 please check my deposit", "63053219"),
    ("uid underscore", "user_id_482913738", "482913738"),
    ("uid that looks like a mobile", "UID 13812345678", "13812345678"),
    ("zh 用户ID mobile-like", "用户ID：15912345678", "15912345678"),
]

NEGATIVES = [
    ("question", "where is my UID?"),
    ("masked", "UID 6143****7072, ticket already opened"),
    ("zh masked", "UID 7292****8221 已提交工单"),
    ("digit count", "my UID has 9 digits, my friend's has 8, why?"),
    ("order id", "order id 1166886063156150641 not filled"),
    ("zh order", "订单号1768496574063515588一直没放币"),
    ("chat id", "group chat id is -1002558915740, bot not replying"),
    ("no context", "4491951 sats locked in the vault"),
    ("timestamp", "timestamp 1711686130 in the api response"),
    ("too short", "UID 12345"),
    ("withdrawal id", "withdrawal id 98765432 pending"),
    ("zh withdrawal id", "提现ID 98765432"),
    ("telegram id", "telegram id 5123456789? no thats the bot"),
    ("amount with unit", "账户余额 12345678 聪"),
    ("balance", "my account balance 48291034"),
    ("round amount", "account 1000000 usdt"),
    ("date", "account created on 20240315, still not verified"),
    ("groups too short", "UID 12 34"),
    ("groups, phone", "UID? phone 158 4230 7451"),
    ("groups, masked", "UID 4829 **** 8291"),
    ("groups, an amount", "account 4829 1738 usdt"),
    ("groups, order", "order id 4829 1738 not filled"),
    ("zh 账号 is a mobile", "账号18060550731 密码登不上"),
    ("referral id", "use my referral id 78805012 for 20% off"),
    ("zh 邀请 id", "邀请ID 38291045 注册有返佣"),
    ("account is a mobile", "account 138 1234 5678 locked"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_account_id(name: str, text: str, value: str) -> None:
    assert value in found(RECOGNIZER, text)


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_non_account_id(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


@settings(max_examples=60, deadline=None)
@given(
    uid=st.text("0123456789", min_size=6, max_size=20).filter(
        lambda u: len(set(u)) > 1 and not u.endswith("000") and not is_date_number(u)
    ),
    keyword=st.sampled_from(["UID ", "UID:", "uid", "用户ID ", "账户ID：", "account id "]),
)
def test_any_uid_after_a_uid_word_is_found(uid: str, keyword: str) -> None:
    assert uid in found(RECOGNIZER, keyword + uid)


@settings(max_examples=60, deadline=None)
@given(
    groups=st.lists(st.text("0123456789", min_size=3, max_size=6), min_size=2, max_size=4).filter(
        lambda g: (
            len(set("".join(g))) > 1
            and not "".join(g).endswith("000")
            and not is_date_number("".join(g))
            and len("".join(g)) <= 20
        )
    ),
    separator=st.sampled_from([" ", "-"]),
    keyword=st.sampled_from(["UID ", "UID: ", "my uid is ", "用户ID "]),
)
def test_any_uid_in_groups_after_a_uid_word_is_found(
    groups: list[str], separator: str, keyword: str
) -> None:
    uid = separator.join(groups)
    assert uid in found(RECOGNIZER, keyword + uid)


@settings(max_examples=60, deadline=None)
@given(uid=st.text("0123456789", min_size=6, max_size=20))
def test_a_number_alone_is_never_an_account_id(uid: str) -> None:
    assert all(r.score < 0.5 for r in analyze(RECOGNIZER, f"total {uid}"))
