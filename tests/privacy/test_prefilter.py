"""The fast path never skips a message the full analysis would flag."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy import PrivacyScanner
from privacy.prefilter import LONG_TOKEN_ENTITIES, NUMERIC_ENTITIES, Prefilter, trie_regex

CORPUS = Path(__file__).parent / "corpus.jsonl"
REDTEAM = Path(__file__).parent / "redteam.jsonl"
PREFILTER = Prefilter()

SECRETS = [
    "hunter2!",
    "Abc12345",
    "P5k*oWKm98UH",
    "Qq1977139",
    "482913",
    "388 667",
    "61401355",
    "6222 0212 3456 7890 123",
    "13800138000",
    "+86 158 4230 7451",
    "alice@proton.me",
    "e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262",
    "e9873d79 c6d87dc0 fb6a5778 633389f4 453213303 da61f20b d67fc233 aa33262",
    "dead beef cafe babe dead beef cafe babe dead beef cafe babe dead beef cafe babe",
    "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
    "0x71C7656EC7ab88b098defB751B7401B5f6d8976F",
    "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
    "110105194912310025",
    "E12345678",
    "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw",
    "-----BEGIN PRIVATE KEY-----\nMIIE",
    "abandon " * 11 + "about",
    "轧 剪 债 支 保 吐 溜 傅 喂 延 与 内",
    "增具则踏氯房走内吊徐民滩",
]
CONTEXT = [
    "password",
    "pw",
    "pwd",
    "pass",
    "PIN",
    "密码",
    "口令",
    "api key",
    "secret",
    "passphrase",
    "API密钥",
    "秘钥",
    "private key",
    "私钥",
    "seed",
    "助记词",
    "验证码",
    "2FA code",
    "otp",
    "UID",
    "用户ID",
    "card",
    "卡号",
    "身份证",
    "手机",
    "email",
    "txid",
    "哈希",
    "is",
    "是",
    ":",
    "：",
    "=",
]
FILLER = [
    "gm",
    "help",
    "please",
    "my",
    "withdrawal",
    "stuck",
    "今天",
    "行情",
    "客服",
    "谢谢",
    "the",
    "abandon",
    "ability",
    "zoo",
    "的",
    "一",
    "是",
    "12",
    "3.5",
    "%",
    "USDT",
    "BTC",
    "...",
]
fragments = st.one_of(
    st.sampled_from(SECRETS),
    st.sampled_from(CONTEXT),
    st.sampled_from(FILLER),
    st.text(string.digits, min_size=1, max_size=10),
    st.text(string.ascii_letters + string.digits + "!@#$%*", min_size=1, max_size=14),
    st.text("０１２３４５６７８９ＡＢＣ：\u200b", min_size=1, max_size=6),
    st.text(max_size=6),
)
messages = st.builds(
    lambda parts, sep: sep.join(parts),
    st.lists(fragments, max_size=16),
    st.sampled_from([" ", "", ", ", "\n", "\u200b", "，"]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=messages)
def test_fast_path_never_skips_what_the_full_analysis_flags(
    privacy_scanner: PrivacyScanner, text: str
) -> None:
    # Same findings, not just the same verdict: the fast path also chooses which
    # recognizers run, and leaving one out must never change the outcome.
    assert privacy_scanner.scan(text).findings == privacy_scanner.scan_full(text).findings


@pytest.mark.parametrize("path", [CORPUS, REDTEAM], ids=["corpus", "redteam"])
def test_fast_path_agrees_with_full_analysis_on_the_corpus(
    privacy_scanner: PrivacyScanner, path: Path
) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 100
    skipped = 0
    for line in lines:
        text = json.loads(line)["text"]
        full = privacy_scanner.scan_full(text)
        assert privacy_scanner.scan(text).findings == full.findings, text
        skipped += not PREFILTER.might_be_private(text)
    # The fast path must actually fire, or this test proves nothing.
    assert skipped >= 50


@pytest.mark.parametrize(
    "text",
    [
        "gm everyone",
        "when listing?",
        "大家好",
        "提现审核要多久啊",
        "KYC 通过了 thanks",
        "ETH 又涨了",
    ],
)
def test_clean_chat_is_skipped(text: str) -> None:
    assert not PREFILTER.might_be_private(text)


CONDITIONS = [
    ("at sign", "a@b", {"EMAIL_ADDRESS"}),
    ("six digits", "a 123456 b", NUMERIC_ENTITIES),
    ("six digits and an account word", "UID 123456", NUMERIC_ENTITIES | {"ACCOUNT_ID"}),
    ("six digits and a code word", "验证码 123456", NUMERIC_ENTITIES | {"VERIFICATION_CODE"}),
    ("two 4-digit groups", "1234 5678", NUMERIC_ENTITIES),
    ("international phone", "+44 20 7946 0958", NUMERIC_ENTITIES),
    ("four digits and a code word", "otp 1234", {"VERIFICATION_CODE"}),
    ("split code and a code word", "验证码 388-667", {"VERIFICATION_CODE"}),
    ("long alnum with digit", "abcdefghij1", LONG_TOKEN_ENTITIES | {"PASSWORD"}),
    ("long letters", "abcdefghijklmnopqrst", LONG_TOKEN_ENTITIES),
    ("hex groups", "dead beef cafe babe", {"PRIVATE_KEY"}),
    ("password keyword and value", "PwD: abcd", {"PASSWORD"}),
    ("pass keyword, also passphrase", "PaSsWoRd: abcd", {"PASSWORD", "API_SECRET"}),
    ("chinese keyword and value", "忘记密码 Abc1", {"PASSWORD"}),
    ("api keyword and value", "API密钥：abcdefgh", {"API_SECRET"}),
    ("pem header", "-----BEGIN PRIVATE KEY-----", {"PRIVATE_KEY"}),
    ("password token", "Ab1!cdef", {"PASSWORD"}),
    ("english seed run", "abandon " * 12, {"SEED_PHRASE"}),
    ("chinese spaced seed run", "的 一 是 在 不 了 有 和 人 这 中 大", {"SEED_PHRASE"}),
    ("chinese solid seed with checksum", "增具则踏氯房走内吊徐民滩", {"SEED_PHRASE"}),
]


@pytest.mark.parametrize(("name", "text", "entities"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_each_condition_names_its_entities(name: str, text: str, entities: set[str]) -> None:
    assert PREFILTER.candidates(text) == entities


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("four digits, no code word", "ETH 到 3500 了"),
        ("split, no code word", "room 388-667"),
        ("keyword without a value", "忘记密码怎么办"),
        ("api question", "API 密钥怎么创建"),
        ("chinese prose without checksum", "助记词被别人知道了怎么办"),
        ("eleven words", "abandon " * 11),
    ],
)
def test_near_misses_are_skipped(name: str, text: str) -> None:
    assert PREFILTER.candidates(text) == frozenset()


def test_gates_open_when_a_bare_number_would_count() -> None:
    assert Prefilter(context_gates={}).candidates("ETH 到 3500 了") == {"VERIFICATION_CODE"}
    assert Prefilter(context_gates={}).candidates("total 123456") == NUMERIC_ENTITIES | {
        "ACCOUNT_ID",
        "VERIFICATION_CODE",
    }


def test_scanner_opens_a_gate_for_a_low_threshold() -> None:
    from privacy import build_scanner

    lenient = build_scanner(thresholds={"ACCOUNT_ID": 0.2})
    assert [f.type for f in lenient.scan("total 12345678").findings] == ["ACCOUNT_ID"]


def test_trie_regex_matches_each_word_as_a_substring() -> None:
    trie = trie_regex(["pass", "password", "pw", "密码", "api"])
    for text in ["PASSWORD", "bypass", "pw=", "忘记密码", "rapid"]:
        assert trie.search(text), text
    for text in ["pas", "p w", "密", "ap"]:
        assert not trie.search(text), text
    assert trie.pattern == "(?:api|p(?:ass(?:word)?|w)|密码)"  # shared prefixes once
