from __future__ import annotations

import pytest

from privacy.context import ContextWords

WORDS = ContextWords(["tx", "txid", "交易哈希"], before=20, after=8)


@pytest.mark.parametrize(
    ("text", "target", "near"),
    [
        pytest.param("txid: VALUE", "VALUE", True, id="en-before"),
        pytest.param("TXID VALUE", "VALUE", True, id="en-upper-case"),
        pytest.param("VALUE my tx", "VALUE", True, id="en-after"),
        pytest.param("交易哈希VALUE谢谢", "VALUE", True, id="zh-touching"),
        pytest.param("请帮我查交易哈希：VALUE", "VALUE", True, id="zh-with-colon"),
        pytest.param("context VALUE", "VALUE", False, id="en-inside-a-longer-word"),
        pytest.param("txid " + "x " * 20 + "VALUE", "VALUE", False, id="en-outside-window"),
        pytest.param("VALUE 12345678 tx", "VALUE", False, id="after-window-is-shorter"),
        pytest.param("哈希VALUE", "VALUE", False, id="zh-partial-word"),
    ],
)
def test_near(text: str, target: str, near: bool) -> None:
    start = text.index(target)
    assert WORDS.near(text, start, start + len(target)) is near


def test_needs_words() -> None:
    with pytest.raises(ValueError):
        ContextWords([])
