"""VERIFICATION_CODE: only with context; English and Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.recognizers.base import is_date_number
from privacy.recognizers.verification_code_recognizer import BeaconVerificationCodeRecognizer
from tests.privacy.recognizers._context import analyze, found

RECOGNIZER = BeaconVerificationCodeRecognizer(supported_language="en")

POSITIVES = [
    ("authenticator", "google authenticator code 143896 keeps saying invalid", "143896"),
    ("code is", "the sms code is 464691 but it expired already", "464691"),
    ("2fa colon", "2FA: 182239", "182239"),
    ("otp 4 digits", "otp 0605 from sms isn't working", "0605"),
    ("split 3+3", "verification code 388 667 not accepted", "388 667"),
    ("context after", "471914 is my google auth code rn, quick", "471914"),
    ("zh 谷歌验证码", "谷歌验证码 039300 一直提示错误", "039300"),
    ("zh glued", "验证码197041", "197041"),
    ("zh full-width digits", "验证码：７８８４５７ 为什么不对", "788457"),
    ("zh split", "提现的邮箱验证码是 746 629", "746 629"),
    ("zh 4 digits", "收到验证码2484了，下一步呢", "2484"),
    ("zh 动态码", "动态码862987已经输入了", "862987"),
    ("mixed", "GA 验证码 664213 invalid", "664213"),
    ("zh digit by digit", "验证码是 4 0 0 6 4 5", "4 0 0 6 4 5"),
    ("zh full-width comma, then a number", "邮箱验证码231961，10分钟内有效", "231961"),
    ("zh rejected code", "验证码 433913 错误", "433913"),
    ("sms", "sms: 482913", "482913"),
    ("2fa code is", "my 2fa code is 482913", "482913"),
    ("zh code then words", "验证码 739164 给你", "739164"),
    ("year-like otp", "otp 1980 from sms isn't working", "1980"),
    ("specific word, then error", "2fa code 482913 error, it says", "482913"),
]

NEGATIVES = [
    ("plain number", "482913"),
    ("price", "BTC 67,250.5 resistance, shorting here"),
    ("block", "block 19577555 mined, confirmations coming"),
    ("code too short", "verification code sent, valid for 10 minutes"),
    ("referral code", "use referral code 48291735 for a discount"),
    ("error code", "API 返回 error code 58350"),
    ("api code", "getting code 30032 from the API, what does it mean"),
    ("zh error code", "错误码 10006 是什么意思"),
    ("zh invite", "邀请码 482913 注册送10U"),
    ("masked phone", "手机号 186****9729 收不到验证码"),
    ("decimal", "验证码 1.2345 不对"),
    ("too long", "验证码 1234567890"),
    ("repeated digit", "verification code 000000"),
    ("digit by digit, no context", "score was 4 0 0 6 4 5"),
    ("status code", "code 1000 means ok"),
    ("amount", "the code gave me 482913 sats"),
    ("date", "verification code sent at 20240315 10:00?"),
    ("thousands group", "code: 12,345,678"),
    ("error after code", "I got code 2002 error"),
    ("what does it mean", "what does code 1003 mean?"),
    ("status", "status code 4031 on withdrawal"),
    ("year after since", "Google Authenticator code keeps failing since 2024"),
    ("year after a month", "my 2fa codes stopped working in March 2023"),
    ("zh year", "验证码从2023年就收不到了"),
    ("zh error code word", "错误码 10003"),
    ("zh 报错", "验证码一直报错 100231"),
    ("zh status code", "状态码 4001 是什么意思"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_code_with_context(name: str, text: str, value: str) -> None:
    assert value in found(RECOGNIZER, text)


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_numbers_without_code_context(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


def test_a_code_alone_scores_below_the_line() -> None:
    results = RECOGNIZER.analyze("482913", ["VERIFICATION_CODE"])
    assert [r.score for r in results] == [0.2]


@settings(max_examples=100, deadline=None)
@given(
    digits=st.text("0123456789", min_size=1, max_size=30),
    filler=st.sampled_from(["", "hello ", "I paid ", "价格 ", "block ", "订单 "]),
)
def test_random_digits_without_context_are_never_a_code(digits: str, filler: str) -> None:
    assert all(r.score < 0.5 for r in analyze(RECOGNIZER, filler + digits))


@settings(max_examples=60, deadline=None)
@given(
    code=st.text("0123456789", min_size=4, max_size=8).filter(
        lambda c: len(set(c)) > 1 and not c.endswith("000") and not is_date_number(c)
    ),
    keyword=st.sampled_from(["验证码", "验证码：", "2FA code ", "OTP: ", "code is "]),
)
def test_any_code_after_a_code_word_is_found(code: str, keyword: str) -> None:
    assert code in found(RECOGNIZER, keyword + code)


@settings(max_examples=60, deadline=None)
@given(
    code=st.text("0123456789", min_size=4, max_size=8),
    template=st.sampled_from(
        [
            "I got code {} error",
            "what does code {} mean?",
            "error code {}",
            "code {} status, what does it mean",
            "错误码 {}",
            "报错 {} 怎么办",
        ]
    ),
)
def test_error_and_status_codes_are_never_a_code(code: str, template: str) -> None:
    assert found(RECOGNIZER, template.format(code)) == []


@settings(max_examples=40, deadline=None)
@given(
    year=st.integers(1900, 2099),
    template=st.sampled_from(
        ["authenticator code fails since {}", "sms code broken in {}", "验证码从{}年就不行了"]
    ),
)
def test_a_year_is_never_a_code(year: int, template: str) -> None:
    assert found(RECOGNIZER, template.format(year)) == []
