"""The BIP39 step on OCR text: run-together words, numbered grids, unspaced Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from privacy.image import seed_phrases
from privacy.nlp import ChineseSegmenter

EN = Mnemonic("english")
SEED = EN.to_mnemonic(bytes.fromhex("9e2c1d4b7a05f36e8d1c2b3a49586f70"))
WORDS = SEED.split()
ZH = Mnemonic("chinese_simplified").to_mnemonic(bytes.fromhex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
ZH_TW = Mnemonic("chinese_traditional").to_mnemonic(bytes(range(32)))


@pytest.fixture(scope="module")
def segment() -> ChineseSegmenter:
    return ChineseSegmenter()


FOUND = {
    "spaces lost": "".join(WORDS),
    "spaces lost per row": "\n".join("".join(WORDS[i : i + 3]) for i in range(0, 12, 3)),
    "numbered in reading order": " ".join(f"{n + 1}.{w}" for n, w in enumerate(WORDS)),
    "numbered down two columns": "\n".join(
        f"{n + 1} {WORDS[n]}   {n + 7} {WORDS[n + 6]}" for n in range(6)
    ),
    "capitals and a label": "Your recovery phrase: " + "".join(WORDS).upper(),
    "chinese unspaced": ZH.replace(" ", ""),
    "chinese in grid rows": "\n".join(" ".join(ZH.split()[i : i + 3]) for i in range(0, 12, 3)),
    "traditional chinese, 24 words": "助記詞：" + ZH_TW.replace(" ", ""),
}


@pytest.mark.parametrize("name", list(FOUND))
def test_a_seed_phrase_is_found(name: str, segment: ChineseSegmenter) -> None:
    # Another reading can pass the 4-bit checksum too (1 in 16); the phrase must be there.
    phrases = seed_phrases(FOUND[name], segment.segment)
    assert {SEED, ZH, ZH_TW} & set(phrases), phrases


NOT_FOUND = {
    "eleven words": "".join(WORDS[:11]),
    "a word swapped breaks the checksum": "".join([WORDS[1], WORDS[0], *WORDS[2:]]),
    "english support message": "my withdrawal is pending for two hours, please check the network",
    "chinese support message": (
        "请问提现一直没有到账怎么办我已经等了很久了客服说让我再等等可是已经三天了"
    ),
    "chinese announcement": (
        "尊敬的用户，平台将于今晚十点进行系统升级维护，期间充值提现暂停，给您带来不便敬请谅解"
    ),
}


@pytest.mark.parametrize("name", list(NOT_FOUND))
def test_no_seed_phrase_is_made_up(name: str, segment: ChineseSegmenter) -> None:
    assert seed_phrases(NOT_FOUND[name], segment.segment) == []


def test_without_a_segmenter_unspaced_chinese_is_not_searched() -> None:
    assert seed_phrases(ZH.replace(" ", "")) == []


@settings(max_examples=40, deadline=None)
@given(
    entropy=st.binary(min_size=16, max_size=16) | st.binary(min_size=32, max_size=32),
    joiner=st.sampled_from(["", " ", "\n", "  "]),
)
def test_any_english_phrase_is_found_however_ocr_spaced_it(entropy: bytes, joiner: str) -> None:
    phrase = EN.to_mnemonic(entropy)
    assert phrase in seed_phrases(joiner.join(phrase.split()))
