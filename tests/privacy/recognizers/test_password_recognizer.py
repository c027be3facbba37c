"""PASSWORD: named matches and non-matches in English and Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.recognizers.password_recognizer import (
    LOOSE_TOKEN,
    BeaconPasswordRecognizer,
    english_words,
)
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconPasswordRecognizer(supported_language="en")

POSITIVES = [
    ("colon", "password: hunter2!", "hunter2!"),
    ("is", "my password is 7*Z6tsVIrs1FBZ and it says wrong", "7*Z6tsVIrs1FBZ"),
    ("pw equals", "pw=S3cr3tValue", "S3cr3tValue"),
    ("pwd colon", "pwd: XMJG#E57*BNs@sDl", "XMJG#E57*BNs@sDl"),
    ("pass no separator", "email ok but pass Qq1977139 rejected", "Qq1977139"),
    ("pin", "PIN 370254 输错 5 次被锁了", "370254"),
    ("plain word after colon", "password: letmein", "letmein"),
    ("zh 是", "密码是 Abc12345", "Abc12345"),
    ("zh glued", "密码是Aa81041962@ 登不上去了", "Aa81041962@"),
    (
        "zh full-width colon and comma",
        "我的登录密码：Shadow200082，一直提示密码错误",
        "Shadow200082",
    ),
    ("zh no separator", "客服帮我看下 密码Ww4081250!为什么登录不了", "Ww4081250!"),
    ("zh digits only", "资金密码 989502 输了好几次都不对", "989502"),
    ("quoted", 'password: "Tr0ub4dor&3"', "Tr0ub4dor&3"),
    ("strong token, no keyword", "tried P5k*oWKm98UH and it does not work", "P5k*oWKm98UH"),
    ("token before keyword", "mfrBgLTf6X6v <- that's my login password", "mfrBgLTf6X6v"),
    ("token after keyword", "I changed my password yesterday to jjMqcUR2v2 ok", "jjMqcUR2v2"),
    ("zh token near keyword", "登录密码忘了，试了Master19896654也不行", "Master19896654"),
    ("login attempt", "tried monkeymonkey520# and wangsummer666#, neither works", "wangsummer666#"),
    ("keyword after, plain token", "is tiger19896685 a strong enough password?", "tiger19896685"),
    ("was", "my password was Summer2024 before they changed it", "Summer2024"),
    ("dash", "Password - Abc12345", "Abc12345"),
    ("attempt, no symbol", "试了 Qwer981 也不行，账号被锁了", "Qwer981"),
    ("attempt, short", "tried abc332 too", "abc332"),
    ("credential pair", "u: kevin_538 p: Tiger444", "Tiger444"),
    ("six digits after a password word", "提现密码是多少来着 我设置的应该是907288", "907288"),
    ("symbols after is", "my password is Tr0ub4dor&3x!", "Tr0ub4dor&3x!"),
    ("word and digit, no separator", "password hunter2", "hunter2"),
    ("leetspeak", "password: P@ssw0rd123", "P@ssw0rd123"),
    ("random mixed case", "my password is 5Tv04miOBeocc5fF", "5Tv04miOBeocc5fF"),
    ("keyboard and digits", "my password is qwerty123", "qwerty123"),
    ("a dictionary word given as a field", "password: sunshine", "sunshine"),
    ("a quoted dictionary word", 'password: "dragon"', "dragon"),
    ("a dictionary word, then a comma", "pwd=dragon, pls help", "dragon"),
    (
        "hyphenated passphrase",
        "my password is correct-horse-battery-staple",
        "correct-horse-battery-staple",
    ),
    ("apostrophe and digits", "password: o'brien12", "o'brien12"),
]

NEGATIVES = [
    ("zh forgot password", "忘记密码怎么办"),
    ("masked", "password: ******"),
    ("zh masked", "密码：********"),
    ("reset", "reset my password"),
    ("wrong", "my password is wrong"),
    ("question", "should I store it in a password manager?"),
    ("rules", "password must be 8-32 characters with 1 uppercase"),
    ("zh rules", "密码要8到32位，包含大小写字母和数字"),
    ("zh error", "登录提示密码错误5次，账户锁定2小时"),
    ("placeholder", "password: <your password>"),
    ("compass is not pass", "compass=North123"),
    ("passport", "passport E12345678 expired"),
    ("version", "updated to v12.16.3 and the chart is blank"),
    ("url", "read https://example.com/a1b2/C3d4?x=1"),
    ("masked address", "address 0x71C7...976F is it mine?"),
    ("pin the rules", "admin please pin the airdrop rules"),
    ("talking about a weak password", "don't use 123456 or password123 as your password lol"),
    ("attempt, version", "tried v2.84.1 and v2.85.0 apps"),
    ("attempt, count", "试了 3 次被锁 2 小时"),
    ("six digits after login", "login failed, error 100012"),
    ("six digits named as a code", "密码重置 验证码 482913"),
    ("six digits, an amount", "资金密码设置好了，充值 500000 USDT"),
    ("http is no p field", "see http://example.com/a1b2"),
    ("attempt, token without symbol", "tried TRC20USDT yesterday, it works"),
    ("contraction", "the password doesn't match"),
    ("curly contraction", "the password doesn’t match"),
    ("isn't", "My password isn't accepted"),
    ("can't", "my password can't be reset"),
    ("won't", "password won't work"),
    ("didn't", "password didn't work"),
    ("hyphenated word", "password is case-sensitive?"),
    ("a sentence after a colon", "password: forgot it"),
    ("a question after a colon", "password: same as before?"),
    ("title case sentence", "Password: Forgot it, can you reset?"),
    ("upper case sentence", "PASSWORD: SAME AS BEFORE"),
    ("one-word question", "password: same?"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_password(name: str, text: str, value: str) -> None:
    assert value in found(RECOGNIZER, text)


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_non_password(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


def test_only_the_value_is_reported() -> None:
    results = RECOGNIZER.analyze("password: hunter2!", ["PASSWORD"])
    assert [(r.start, r.end) for r in results if r.score >= 0.5] == [(10, 18)]


def test_keyword_results_are_not_boosted_twice() -> None:
    # "password is wrong" stays low although "password" is right there.
    assert all(r.score < 0.5 for r in RECOGNIZER.analyze("password is wrong", ["PASSWORD"]))


strong_passwords = st.builds(
    lambda parts: "".join(parts),
    st.tuples(
        st.text("ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=2, max_size=4),
        st.text("abcdefghijkmnopqrstuvwxyz", min_size=2, max_size=6),
        st.text("0123456789", min_size=2, max_size=5),
        st.text("!#$%&*+=?@^", min_size=1, max_size=2),
    ),
)


@settings(max_examples=60, deadline=None)
@given(value=strong_passwords, keyword=st.sampled_from(["password: ", "pwd=", "密码是", "密码："]))
def test_any_strong_password_after_a_keyword_is_found(value: str, keyword: str) -> None:
    assert value in found(RECOGNIZER, f"{keyword}{value}")


@settings(max_examples=60, deadline=None)
@given(word=st.text("abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=12))
def test_a_plain_word_after_is_is_never_a_password(word: str) -> None:
    assert found(RECOGNIZER, f"my password is {word}") == []


_WORDS = sorted(english_words())
# Everyday English as it follows "password": words, contractions, hyphenated compounds, in
# lower, title or upper case.
english_phrases = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from([w for w in _WORDS if "'" in w]),
    st.builds(lambda a, b: f"{a}-{b}", st.sampled_from(_WORDS), st.sampled_from(_WORDS)),
).flatmap(lambda w: st.sampled_from([w, w.capitalize(), w.upper()]))


@settings(max_examples=150, deadline=None)
@given(
    phrase=english_phrases,
    template=st.sampled_from(
        [
            "the password {} match",
            "my password {} accepted",
            "password is {}?",
            "password was {} before",
            "password: {} it",
            "password: {} as before?",
            "pwd= {} again",
            "密码是 {} 吗",
            "password {}",
        ]
    ),
)
def test_english_after_a_password_word_is_never_a_password(phrase: str, template: str) -> None:
    assert found(RECOGNIZER, template.format(phrase)) == []


def test_loose_token_stops_at_32_characters() -> None:
    assert LOOSE_TOKEN.search("a1" * 16)
    assert not LOOSE_TOKEN.search("a1" * 16 + "b")
