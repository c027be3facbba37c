from __future__ import annotations

import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.recognizers.email_recognizer import BeaconEmailRecognizer
from tests.privacy.timing import RECOGNIZER_CPU_BOUND_SECONDS, best_cpu_seconds

ENTITY = "EMAIL_ADDRESS"
RECOGNIZERS = {lang: BeaconEmailRecognizer(supported_language=lang) for lang in ("en", "zh")}


def found(lang: str, text: str) -> list[tuple[int, int, float]]:
    results = RECOGNIZERS[lang].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert all(result.entity_type == ENTITY for result in results)
    return sorted((result.start, result.end, round(result.score, 2)) for result in results)


def spans(text: str, *expected: tuple[str, float]) -> list[tuple[int, int, float]]:
    return sorted((text.index(v), text.index(v) + len(v), score) for v, score in expected)


CASES = [
    pytest.param("en", "mail me at john.doe@gmail.com", ["john.doe@gmail.com"], id="en-gmail"),
    pytest.param("en", "JOHN@OUTLOOK.COM pls", ["JOHN@OUTLOOK.COM"], id="en-upper-case"),
    pytest.param(
        "en",
        "reach me: a.b+binance@mail.example.co.uk.",
        ["a.b+binance@mail.example.co.uk"],
        id="en-plus-tag-subdomain-trailing-dot",
    ),
    pytest.param("en", "(zoe_99@proton.me)", ["zoe_99@proton.me"], id="en-parentheses"),
    pytest.param(
        "en", "a@gmail.com, b@yahoo.com", ["a@gmail.com", "b@yahoo.com"], id="en-two-emails"
    ),
    pytest.param(
        "en",
        "email john.lee@example-exchange.com",
        ["john.lee@example-exchange.com"],
        id="en-person-on-an-unknown-domain",
    ),
    pytest.param("en", "my email support@gmail.com", ["support@gmail.com"], id="en-role-on-gmail"),
    pytest.param("en", "kefu2024@qq.com 是我", ["kefu2024@qq.com"], id="en-role-like-not-role"),
    pytest.param(
        "en", "x@binance.com.evil.io", ["x@binance.com.evil.io"], id="en-lookalike-domain"
    ),
    pytest.param("zh", "邮箱是abc@gmail.com谢谢", ["abc@gmail.com"], id="zh-touching"),
    pytest.param("zh", "我的邮箱：zhangsan@qq.com，帮我查下", ["zhangsan@qq.com"], id="zh-qq"),
    pytest.param("zh", "注册邮箱 li.si@163.com 收不到验证码", ["li.si@163.com"], id="zh-163"),
    pytest.param("zh", "用户名abc@sina.com.cn密码", ["abc@sina.com.cn"], id="zh-com-cn"),
    # Not e-mail addresses.
    pytest.param("en", "follow @elonmusk", [], id="en-handle"),
    pytest.param("en", "user@localhost", [], id="en-no-tld"),
    pytest.param("en", "admin@server.notatld", [], id="en-unknown-tld"),
    pytest.param("en", "a..b@gmail.com", [], id="en-double-dot-local"),
    pytest.param("en", "foo@bar..com", [], id="en-double-dot-domain"),
    pytest.param("en", "price 1.5@2.0 each", [], id="en-numbers-with-at"),
    pytest.param("zh", "@管理员 帮我看下", [], id="zh-mention"),
    pytest.param("zh", "我的邮箱是abc@", [], id="zh-incomplete"),
    # Masked addresses and public contact points.
    pytest.param("en", "email z***g@gmail.com is mine", [], id="en-masked-middle"),
    pytest.param("zh", "验证码发到了 zh***@163.com", [], id="zh-masked-end"),
    pytest.param("en", "sent to ●●●●n@outlook.com", [], id="en-masked-dots"),
    pytest.param("zh", "官方客服邮箱是 support@binance.com 吗", [], id="zh-exchange-support"),
    pytest.param("en", "email security@okx.com for account issues", [], id="en-exchange-role"),
    pytest.param("en", "is help@kyc.bybit.com legit?", [], id="en-exchange-subdomain"),
    pytest.param("en", "support@example-exchange.com answered", [], id="en-role-on-org-domain"),
    pytest.param("zh", "联系 kefu@some-exchange.io", [], id="zh-kefu-role"),
]


@pytest.mark.parametrize(("lang", "text", "values"), CASES)
def test_cases(lang: str, text: str, values: list[str]) -> None:
    assert found(lang, text) == spans(text, *[(v, 1.0) for v in values])


def test_official_domains_are_not_reported() -> None:
    recognizer = BeaconEmailRecognizer(official_domains=["Example-Exchange.com"])
    text = (
        "support@example-exchange.com, kyc@help.example-exchange.com, "
        "fake@example-exchange.com.evil.io"
    )
    results = recognizer.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert [(r.start, r.end) for r in results] == [
        (text.index("fake@"), len(text)),
    ]


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    recognizer = BeaconEmailRecognizer()
    recognizer.load()
    text = "x@newdomain.dev"
    results = recognizer.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    assert [(r.start, r.end) for r in results] == [(0, len(text))]


_LOCAL = st.from_regex(r"[a-z0-9]([a-z0-9._+\-]{0,20}[a-z0-9])?", fullmatch=True).filter(
    lambda s: ".." not in s
)
_DOMAIN = st.sampled_from(["gmail.com", "qq.com", "163.com", "outlook.com", "mail.ru", "ox.ac.uk"])


@given(_LOCAL, _DOMAIN, st.sampled_from(["邮箱{}谢谢", "email: {}.", "{}"]))
def test_any_generated_address_is_found(local: str, domain: str, template: str) -> None:
    address = f"{local}@{domain}"
    text = template.format(address)
    assert found("zh", text) == spans(text, (address, 1.0))


CRAFTED = [
    "a@" + "a." * 2047,
    "a." * 2040 + "@x",
    "a@b.c " * 683,
    "x" * 4096,
    "@" * 4096,
]


@pytest.mark.parametrize("text", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_4096_char_message_scans_fast(text: str) -> None:
    text = text[:4096]
    best = best_cpu_seconds(
        lambda: RECOGNIZERS["en"].analyze(text, entities=[ENTITY], nlp_artifacts=None)
    )
    assert best < RECOGNIZER_CPU_BOUND_SECONDS, f"{best * 1000:.1f} ms CPU"
