"""Seed phrases in OCR text: BIP39 words run together, numbered grids, unspaced Chinese.

OCR drops the spaces between English words ("abandonabilityable...") and reads a wallet's
backup grid row by row ("1 abandon 2 ability" ...) whatever order the numbers give. This
finds the word sequences and keeps those that pass the BIP39 checksum, so what it returns
is a seed phrase whose words are spaced as the scanner expects.

Chinese lists hold the 2,048 commonest characters, and a 12-word checksum is only 4 bits:
one in 16 stretches of ordinary Chinese would pass. A phrase is random characters, so
ordinary text shows itself by segmenting into many-character words; a window where more
than a quarter of the characters belong to such words is not taken.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from mnemonic import Mnemonic

__all__ = ["PHRASE_LENGTHS", "Bip39Lists", "seed_phrases"]

PHRASE_LENGTHS = (24, 21, 18, 15, 12)
_LANGUAGES = ("english", "chinese_simplified", "chinese_traditional")
# Segmentations kept per run-together token, and word sequences tried per run: a real
# phrase has one or two; the caps bound the work on adversarial text.
_MAX_SPLITS = 4
_MAX_SEQUENCES = 64
_LATIN_TOKEN = re.compile(r"[a-z]+")
_NUMBERED_LATIN = re.compile(r"(?<!\d)(\d{1,2})\s*[.)、:：]?\s*([a-z]+)")
_NUMBERED_HAN = re.compile(r"(?<!\d)(\d{1,2})\s*[.)、:：]?\s*([\u4e00-\u9fff])")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


class Bip39Lists:
    """The BIP39 word lists (Trezor's `mnemonic` package) and their checksums."""

    def __init__(self) -> None:
        self._mnemonics = {lang: Mnemonic(lang) for lang in _LANGUAGES}
        self.words = {lang: frozenset(m.wordlist) for lang, m in self._mnemonics.items()}
        english = self.words["english"]
        self._english_lengths = sorted({len(w) for w in english}, reverse=True)

    def is_phrase(self, words: Sequence[str], lang: str) -> bool:
        if len(words) not in PHRASE_LENGTHS:
            return False
        return bool(self._mnemonics[lang].check(" ".join(words)))

    def split_english(self, token: str) -> list[tuple[str, ...]]:
        """Ways to read `token` as BIP39 words end to end (at most a few)."""
        return list(itertools.islice(self._splits(token, 0), _MAX_SPLITS))

    def _splits(self, token: str, start: int) -> Iterator[tuple[str, ...]]:
        if start == len(token):
            yield ()
            return
        english = self.words["english"]
        for length in self._english_lengths:
            word = token[start : start + length]
            if len(word) == length and word in english:
                for rest in self._splits(token, start + length):
                    yield (word, *rest)


@cache
def _lists() -> Bip39Lists:
    return Bip39Lists()


Segment = Callable[[str], list[str]]


def seed_phrases(
    text: str, segment: Segment | None = None, lists: Bip39Lists | None = None
) -> list[str]:
    """Checksum-valid seed phrases in `text`, each as its words joined by single spaces.

    `segment` cuts Chinese into words; without it unspaced Chinese is not searched.
    """
    lists = lists or _lists()
    lowered = text.lower()
    found: list[str] = []
    for words, lang in _candidates(lowered, lists):
        phrase = _valid_window(words, lang, lists)
        if phrase and phrase not in found:
            found.append(phrase)
    if segment is not None:
        for phrase in _unspaced_chinese(lowered, segment, lists):
            if phrase not in found:
                found.append(phrase)
    return found


def _candidates(text: str, lists: Bip39Lists) -> Iterator[tuple[Sequence[str], str]]:
    yield from ((words, "english") for words in _english_runs(text, lists))
    for pattern, langs in (
        (_NUMBERED_LATIN, ("english",)),
        (_NUMBERED_HAN, ("chinese_simplified", "chinese_traditional")),
    ):
        numbered = _by_number(pattern.findall(text))
        if numbered:
            for lang in langs:
                yield numbered, lang


def _english_runs(text: str, lists: Bip39Lists) -> Iterator[Sequence[str]]:
    """Consecutive tokens that read as BIP39 words, each split every way it can be."""
    run: list[list[tuple[str, ...]]] = []
    for token in [*_LATIN_TOKEN.findall(text), ""]:
        splits = lists.split_english(token) if token else []
        if splits:
            run.append(splits)
            continue
        if run:
            for choice in itertools.islice(itertools.product(*run), _MAX_SEQUENCES):
                yield [word for part in choice for word in part]
        run = []


def _by_number(pairs: Sequence[tuple[str, str]]) -> list[str] | None:
    """Words in the order of their numbers when they are numbered 1..n exactly once."""
    numbered = {}
    for number, word in pairs:
        index = int(number)
        if index in numbered:
            return None
        numbered[index] = word
    if sorted(numbered) != list(range(1, len(numbered) + 1)):
        return None
    return [numbered[i] for i in range(1, len(numbered) + 1)]


def _unspaced_chinese(text: str, segment: Segment, lists: Bip39Lists) -> Iterator[str]:
    """Phrases in the Han characters of `text` read in order, whatever separates them."""
    stream = "".join(_HAN_RUN.findall(text))
    if len(stream) < min(PHRASE_LENGTHS):
        return
    in_word = [len(word) > 1 for word in segment(stream) for _ in word]
    taken = [False] * len(stream)  # the longest phrase wins; its parts are not reported
    for length in PHRASE_LENGTHS:
        for start in range(len(stream) - length + 1):
            span = range(start, start + length)
            if any(taken[i] for i in span) or sum(in_word[i] for i in span) * 4 > length:
                continue
            window = list(stream[start : start + length])
            for lang in ("chinese_simplified", "chinese_traditional"):
                vocabulary = lists.words[lang]
                if all(c in vocabulary for c in window) and lists.is_phrase(window, lang):
                    taken[start : start + length] = [True] * length
                    yield " ".join(window)
                    break


def _valid_window(words: Sequence[str], lang: str, lists: Bip39Lists) -> str | None:
    vocabulary = lists.words[lang]
    if len(words) < min(PHRASE_LENGTHS) or not all(w in vocabulary for w in words):
        return None
    for length in PHRASE_LENGTHS:
        for start in range(len(words) - length + 1):
            window = words[start : start + length]
            if lists.is_phrase(window, lang):
                return " ".join(window)
    return None
