"""API_SECRET: named matches and non-matches in English and Chinese."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.recognizers.api_secret_recognizer import BeaconApiSecretRecognizer
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconApiSecretRecognizer(supported_language="zh")
KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
UUID = "5f2b1c9e-8d7a-4e3b-9c1f-2a6d8e4b7c10"

POSITIVES = [
    ("api key colon", f"api key: {KEY}", KEY),
    ("secretKey equals", f"secretKey={KEY}", KEY),
    ("secret is", f"my trading bot secret is {KEY} and orders fail", KEY),
    ("python kwarg", f'client = Client(api_key="{KEY}", x=1)', KEY),
    ("json", f'{{"apiKey": "{UUID}", "secret": "114FF09BD050AEEA5ABC57CE2E9F5142"}}', UUID),
    ("env var", f"export EXCHANGE_API_SECRET={KEY}", KEY),
    ("uuid after apikey", f"apikey= {UUID}", UUID),
    ("passphrase", "passphrase: MyPass2024!", "MyPass2024!"),
    ("zh API密钥", "API密钥:abcd1234efgh5678ijkl", "abcd1234efgh5678ijkl"),
    ("zh apikey是", f"我的apikey是{UUID}，为什么没有交易权限", UUID),
    ("zh 秘钥 full-width colon", f"秘钥：{KEY}", KEY),
    (
        "zh 密钥 space",
        "这是我的API密钥 5BB63E6F6D68C263F2B0AD15C3C6538A 帮我看看权限",
        "5BB63E6F6D68C263F2B0AD15C3C6538A",
    ),
    ("passphrase for ... is", "passphrase for my okx api is Moon#2024 ok", "Moon#2024"),
    ("secret key of ...:", f"secret key of the bot: {KEY}", KEY),
    ("api key (exchange) =", f"API key (binance) = {KEY}", KEY),
    ("zh qualifier in brackets", f"api key（币安）：{UUID}", UUID),
    (
        "in parentheses",
        "gave my secret (951AFD3C535388308E5B63200929FCED) away",
        "951AFD3C535388308E5B63200929FCED",
    ),
    ("zh in brackets", f"API密钥【{KEY}】", KEY),
]

NEGATIVES = [
    ("how to create", "how do I create an api key?"),
    ("not working", "my api key is not working"),
    ("masked", "api key: ************************"),
    ("placeholder", "api_key={YOUR_API_KEY_HERE_123}"),
    ("short", "secret: abc123"),
    ("letters only", "api secret = thisisnotakeyatall"),
    ("question", "is it safe to give my API secret to a copy trading bot?"),
    ("zh question", "API 密钥怎么创建，需要绑定IP吗"),
    ("zh only once", "API secret 只显示一次吗 忘了保存怎么办"),
    ("plain passphrase word", "Passphrase is correct"),
    ("qualifier, no value", "api key for trading is enabled"),
    ("qualifier, plain word", "passphrase for my wallet is correct"),
    ("parenthesised words", "api key (read only, no withdrawals) is enough"),
    ("qualifier, a question", "what is the api key for the testnet? is it the same one"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_api_secret(name: str, text: str, value: str) -> None:
    assert value in found(RECOGNIZER, text)


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_non_secret(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


keys = st.text(string.ascii_letters + string.digits, min_size=16, max_size=64).filter(
    lambda k: any(c.isdigit() for c in k) and any(c.isalpha() for c in k)
)


@settings(max_examples=60, deadline=None)
@given(key=keys, keyword=st.sampled_from(["api key: ", "secret=", "API密钥：", "apiSecret "]))
def test_any_exchange_key_after_a_keyword_is_found(key: str, keyword: str) -> None:
    assert key in found(RECOGNIZER, keyword + key)
