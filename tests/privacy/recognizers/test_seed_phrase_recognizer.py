"""SEED_PHRASE: BIP39 mnemonics in English and Chinese, spaced and unspaced."""

from __future__ import annotations

import base64

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from privacy.recognizers.seed_phrase_recognizer import (
    BeaconSeedPhraseRecognizer,
    Bip39Wordlists,
    checksum_is_valid,
    find_word_runs,
)
from tests.privacy.recognizers._context import analyze, best_score, found

RECOGNIZER = BeaconSeedPhraseRecognizer(supported_language="zh")
# BIP39 reference vectors (trezor/python-mnemonic vectors.json).
ABANDON_12 = "abandon " * 11 + "about"
ZOO_24 = "zoo " * 23 + "vote"
ENGLISH_12 = "board salad mixed face phrase lemon used pumpkin inform during rookie test"
CHINESE_12 = "轧 剪 债 支 保 吐 溜 傅 喂 延 与 内"
CHINESE_SOLID = "增具则踏氯房走内吊徐民滩"
# The same kind of phrase in the traditional Chinese list (generated, checksum valid).
TRADITIONAL_12 = Mnemonic("chinese_traditional").to_mnemonic(bytes(range(16)))
ENGLISH_12_SHORT = " ".join(word[:4] for word in ENGLISH_12.split())
ENGLISH_12_B64 = base64.b64encode(ENGLISH_12.encode()).decode()

POSITIVES = [
    ("reference vector", ABANDON_12, ABANDON_12),
    ("24 words", ZOO_24, ZOO_24),
    ("after a sentence", f"help my seed phrase is {ENGLISH_12} and the wallet", ENGLISH_12),
    (
        "numbered",
        "mnemonic: 1. child | 2. agent | 3. equip | 4. crumble | 5. tiny | 6. canoe | "
        "7. wood | 8. material | 9. copper | 10. dutch | 11. oxygen | 12. street",
        "child | 2. agent | 3. equip | 4. crumble | 5. tiny | 6. canoe | 7. wood | 8. material | "
        "9. copper | 10. dutch | 11. oxygen | 12. street",
    ),
    ("upper case", ABANDON_12.upper(), ABANDON_12.upper()),
    ("comma list", ABANDON_12.replace(" ", ", "), ABANDON_12.replace(" ", ", ")),
    (
        "zero-width inside words",
        "abandon aban\u200bdon " + "abandon " * 9 + "about",
        "abandon abandon " + "abandon " * 9 + "about",
    ),
    ("zh spaced", f"助记词是 {CHINESE_12} 导入后余额是0", CHINESE_12),
    (
        "zh full-width commas",
        "钱包恢复不了 " + "，".join(CHINESE_12.split()),
        ",".join(CHINESE_12.split()),
    ),
    ("zh solid, random-looking", CHINESE_SOLID, CHINESE_SOLID),
    ("zh solid after context", f"我的助记词{CHINESE_SOLID}帮我看看为什么导入失败", CHINESE_SOLID),
    ("all list words, bad checksum", "abandon " * 12, ("abandon " * 12).strip()),
    (
        "quoted list",
        "[" + ", ".join(f'"{w}"' for w in ENGLISH_12.split()) + "]",
        '", "'.join(ENGLISH_12.split()),
    ),
    (
        "zh solid, in two groups",
        f"助记词 {CHINESE_SOLID[:6]} {CHINESE_SOLID[6:]}",
        f"{CHINESE_SOLID[:6]} {CHINESE_SOLID[6:]}",
    ),
    ("zh traditional", f"我的助記詞是 {TRADITIONAL_12} 還原後餘額是零", TRADITIONAL_12),
    ("four-letter prefixes", f"seed {ENGLISH_12_SHORT}", ENGLISH_12_SHORT),
    ("emoji between words", ENGLISH_12.replace(" ", " 🔥 "), ENGLISH_12.replace(" ", " 🔥 ")),
    ("arrows between words", ENGLISH_12.replace(" ", "➡️"), ENGLISH_12.replace(" ", "➡️")),
    ("base64 of the phrase", f"backup: {ENGLISH_12_B64}", ENGLISH_12_B64),
]

NEGATIVES = [
    ("11 words", "abandon " * 10 + "about"),
    ("question", "how many words is a recovery phrase, 12 or 24?"),
    ("english chat", "hey can anyone help me with my withdrawal it has been pending for hours"),
    ("zh prose", "助记词丢了怎么办我之前把它写在纸上了但是找不到了请问客服能帮我找回来吗"),
    ("zh prose with commas", "助记词被别人知道了怎么办，币会丢吗"),
    ("zh punctuation breaks prose", "短信验证码一直收不到，是不是被拦截了"),
    ("zh dates", "活动截止到2024年12月14日，还来得及吗"),
    ("word not in list", "abandon " * 5 + "bitcoin " + "abandon " * 5 + "about"),
    (
        "four-letter prose without a checksum",
        "this that with have from they will your what when make like time just know take",
    ),
    (
        "base64 of prose",
        base64.b64encode(b"the quick brown fox jumps over the lazy dog " * 2).decode(),
    ),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_seed_phrase(name: str, text: str, value: str) -> None:
    assert value in found(RECOGNIZER, text)


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_non_seed(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


def test_checksum_scores_above_list_membership() -> None:
    assert best_score(RECOGNIZER, ABANDON_12) == 1.0
    assert 0.5 <= best_score(RECOGNIZER, "abandon " * 12) < 1.0


def test_checksum_matches_reference_implementation() -> None:
    words = Bip39Wordlists.load().english
    assert checksum_is_valid([words[w] for w in ABANDON_12.split()])
    assert not checksum_is_valid([words[w] for w in ("abandon " * 12).split()])


@settings(max_examples=40, deadline=None)
@given(strength=st.sampled_from([128, 160, 192, 224, 256]), data=st.data())
def test_any_generated_english_mnemonic_is_found(strength: int, data: st.DataObject) -> None:
    phrase = Mnemonic("english").generate(strength)
    prefix = data.draw(st.sampled_from(["", "my seed: ", "助记词：", "words "]))
    assert phrase in found(RECOGNIZER, prefix + phrase)
    assert best_score(RECOGNIZER, prefix + phrase) == 1.0


@settings(max_examples=40, deadline=None)
@given(strength=st.sampled_from([128, 160, 192, 224, 256]))
def test_any_generated_chinese_mnemonic_is_found_spaced(strength: int) -> None:
    phrase = Mnemonic("chinese_simplified").generate(strength)
    assert best_score(RECOGNIZER, phrase) == 1.0


@settings(max_examples=40, deadline=None)
@given(strength=st.sampled_from([128, 160, 192, 224, 256]))
def test_any_generated_chinese_mnemonic_is_found_unspaced_with_context(strength: int) -> None:
    phrase = Mnemonic("chinese_simplified").generate(strength).replace(" ", "")
    assert phrase in found(RECOGNIZER, f"助记词：{phrase}")


def test_runs_are_found_in_one_pass_over_long_text() -> None:
    text = "abandon " * 500
    runs = find_word_runs(text, Bip39Wordlists.load())
    assert len(runs) == 1 and len(runs[0].indexes) == 500
    assert [r.score for r in analyze(RECOGNIZER, text)] == [0.75]


def _spans(text: str) -> list[tuple[int, int]]:
    normalized = text  # test texts hold nothing that normalisation changes
    return [(r.start, r.end) for r in analyze(RECOGNIZER, normalized) if r.score >= 0.5]


EXACT_SPANS = [
    # Context characters are list words too; a window that takes them in passes the
    # checksum by chance and used to win.
    ("zh label glued", "助记词是", "黎珠狗云淡富绘胎鼓今访闲", ""),
    ("zh bare, chance words", "", "多诺室咱峡转交湿版跨辨嫩", ""),
    ("zh context both sides", "我的助记词：", "职响销许行阴麦济锁正浪该种县汽", "是真的吗"),
    ("zh word across the end", "帮我看看 ", "题硝捐惩毒揭岩迷简报遵愈", "是真的吗"),
    (
        "zh context word before spaced",
        "助记词 ",
        "赖 隙 疫 首 堆 堂 走 徐 糊 壮 嘴 性 虫 仓 偶",
        "",
    ),
    ("en label", "seed: ", ABANDON_12, " thanks"),
]


@pytest.mark.parametrize(
    ("name", "before", "phrase", "after"), EXACT_SPANS, ids=[e[0] for e in EXACT_SPANS]
)
def test_span_is_exactly_the_phrase(name: str, before: str, phrase: str, after: str) -> None:
    assert _spans(before + phrase + after) == [(len(before), len(before) + len(phrase))]


_BEFORE = [
    "",
    "seed: ",
    "my seed phrase is ",
    "mnemonic ",
    "助记词是",
    "我的助记词：",
    "这是我的钱包助记词",
    "帮我看看 ",
]
_AFTER = [
    "",
    " thanks",
    " is it valid?",
    ", please check",
    "谢谢",
    "，帮我看看对不对",
    " 对吗",
    "是真的吗",
]
_MNEMONICS = {"en": Mnemonic("english"), "zh": Mnemonic("chinese_simplified")}


@settings(max_examples=200, deadline=None)
@given(
    language=st.sampled_from(["en", "zh"]),
    entropy=st.sampled_from([16, 20, 24, 28, 32]).flatmap(
        lambda size: st.binary(min_size=size, max_size=size)
    ),
    spaced=st.booleans(),
    before=st.sampled_from(_BEFORE),
    after=st.sampled_from(_AFTER),
)
def test_any_mnemonic_in_context_is_found_with_its_exact_span(
    language: str, entropy: bytes, spaced: bool, before: str, after: str
) -> None:
    words = _MNEMONICS[language].to_mnemonic(entropy).split()
    phrase = " ".join(words) if spaced or language == "en" else "".join(words)
    if language == "zh" and not spaced:
        # Solid Chinese that reads as prose (a third of it in dictionary words) is left
        # alone by design; every phrase found on its own must keep its exact span.
        assume(_spans(phrase) == [(0, len(phrase))])
    if language == "en" and before[-1:].isalpha():
        before += " "  # "mnemonic" glued to the first word would be another word
    text = before + phrase + after
    assert _spans(text) == [(len(before), len(before) + len(phrase))]
