"""Thread splitting: every part is a valid tweet by X's weighted count, nothing is lost."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet
from twitter_text.has_invalid_characters import has_invalid_characters

from bot.x.thread import TWEET_MAX_WEIGHT, ThreadError, split_thread, weighted_length


def _squashed(text: str) -> str:
    return "".join(text.split())


def _assert_thread(text: str, parts: list[str]) -> None:
    assert parts
    for part in parts:
        assert parse_tweet(part).valid, (part, parse_tweet(part))
        assert part == part.strip()
    assert _squashed("".join(parts)) == _squashed(text)


# Letters, digits, CJK, punctuation of both scripts, emoji and whitespace; no characters that
# X refuses outright (those make the whole text invalid, see test_invalid_characters_refused).
_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "z",
        "Q",
        "7",
        " ",
        " ",
        " ",
        "\n",
        ".",
        ". ",
        "! ",
        "? ",
        ",",
        ", ",
        "你",
        "好",
        "充",
        "值",
        "。",
        "！",
        "？",
        "，",
        "、",
        "😀",
        "👍🏽",
        "🇨🇳",
        "👩‍💻",
        "é",
        "e\u0301",
        "https://example.com/a ",
        " www.beacon.io ",
    ]
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=900).map("".join).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_every_part_is_a_valid_tweet_and_nothing_is_lost(text: str) -> None:
    _assert_thread(text, split_thread(text))


_ANY_VALID_TEXT = st.text(min_size=1, max_size=1200).filter(
    lambda t: bool(t.strip()) and not has_invalid_characters(t)
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(_ANY_VALID_TEXT)
def test_any_unicode_text(text: str) -> None:
    _assert_thread(text, split_thread(text))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.text(alphabet="你好充值提现账户", min_size=1, max_size=60), min_size=1, max_size=12)
)
def test_cjk_counts_double(sentences: list[str]) -> None:
    text = "。".join(sentences) + "。"
    parts = split_thread(text)
    _assert_thread(text, parts)
    for part in parts:
        assert weighted_length(part) == 2 * len(part)  # every character, "。" included
        assert len(part) <= TWEET_MAX_WEIGHT // 2


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=25), min_size=1, max_size=20))
def test_short_sentences_are_never_cut(word_counts: list[int]) -> None:
    sentences = [" ".join(["word"] * n) + "." for n in word_counts]  # each at most 125 long
    text = " ".join(sentences)
    parts = split_thread(text)
    _assert_thread(text, parts)
    for part in parts:
        assert part.endswith(".")  # every cut is at a sentence end
    # Greedy: a part and the next part's first sentence would not fit together.
    for part, following in itertools.pairwise(parts):
        first_sentence = following.split(". ")[0].rstrip(".") + "."
        assert weighted_length(f"{part} {first_sentence}") > TWEET_MAX_WEIGHT


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("fits whole", "Deposits are open again.", ["Deposits are open again."]),
        ("strips whitespace", "  \n Hello.  \n", ["Hello."]),
        (
            "two sentences, one tweet",
            "Maintenance at 02:00 UTC. Withdrawals pause for an hour.",
            ["Maintenance at 02:00 UTC. Withdrawals pause for an hour."],
        ),
    ],
)
def test_table(name: str, text: str, expected: list[str]) -> None:
    assert split_thread(text) == expected, name


def test_english_sentences_cut_at_sentence_ends() -> None:
    sentence = "Withdrawals of USDT on TRON are paused for scheduled wallet maintenance today."
    text = " ".join([sentence] * 8)
    parts = split_thread(text)
    assert len(parts) == 3
    assert all(p.endswith("today.") for p in parts)
    assert [p.count(sentence) for p in parts] == [3, 3, 2]


def test_chinese_sentences_cut_after_full_stop() -> None:
    sentence = "为保障资产安全，我们将于今晚进行钱包系统升级，期间暂停充值和提现服务，敬请谅解。"
    assert weighted_length(sentence) == 2 * len(sentence) == 80  # punctuation counts 2 too
    parts = split_thread(sentence * 7)
    assert [p.count("。") for p in parts] == [3, 3, 1]  # 3 x 80 = 240 fits, 4 x 80 does not
    assert all(p.endswith("。") for p in parts)


def test_exclamation_and_question_marks_in_chinese_end_sentences() -> None:
    text = ("充值已到账！" * 20) + ("需要帮助吗？" * 20)
    parts = split_thread(text)
    _assert_thread(text, parts)
    assert all(p[-1] in "！？" for p in parts)


def test_links_count_23_whatever_their_length() -> None:
    link = "https://help.example.com/en/articles/" + "very-long-slug-" * 20
    text = f"Read the full notice here: {link} Thank you."
    assert len(text) > 300
    assert split_thread(text) == [text]
    assert weighted_length(text) == len("Read the full notice here:  Thank you.") + 23


def test_a_sentence_longer_than_a_tweet_is_cut_between_words() -> None:
    text = " ".join(f"word{i}" for i in range(120)) + "."  # 850 characters, one sentence
    parts = split_thread(text)
    assert len(parts) == 4
    _assert_thread(text, parts)
    assert all(weighted_length(p) > TWEET_MAX_WEIGHT - 8 for p in parts[:-1])  # filled up
    assert all(w.startswith("word") for p in parts for w in p.rstrip(".").split())


def test_a_word_longer_than_a_tweet_is_cut_between_characters() -> None:
    text = "x" * 600
    assert split_thread(text) == ["x" * 280, "x" * 280, "x" * 40]


def test_emoji_sequences_are_not_broken() -> None:
    family = "👩‍👩‍👧‍👦"
    text = family * 300  # one emoji weighs 2, whatever its code points
    parts = split_thread(text)
    _assert_thread(text, parts)
    assert all(p.count(family) * len(family) == len(p) for p in parts)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_refused(text: str) -> None:
    with pytest.raises(ThreadError):
        split_thread(text)


def test_invalid_characters_refused() -> None:
    with pytest.raises(ThreadError):
        split_thread("hello \ufffe world")
