"""Text normalisation, language detection and tokenisation for help-center search.

One pipeline for articles and questions, so both sides agree on every term:

1. NFKC (full-width letters, digits and punctuation become ASCII), traditional -> simplified
   Chinese (OpenCC 't2s'), lower case.
2. The text is split into CJK runs and Latin runs.
3. Latin runs: words of letters and digits, Snowball-stemmed (PyStemmer); stop words dropped.
   At query time an unknown word may be replaced by the closest vocabulary word (typos).
4. CJK runs: jieba words with a domain dictionary (exchange terms stay whole), stop words
   dropped, plus character bigrams of what is left, so a segmentation the dictionary does not
   foresee still matches; no bigram straddles a dictionary word ("到|账户" gives no "到账").
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jieba
import Stemmer
from opencc import OpenCC
from rapidfuzz import fuzz, process

from bot.language import detect_language as detect_language_of

__all__ = [
    "Analysis",
    "Analyzer",
    "Vocabulary",
    "detect_language",
    "has_cjk",
    "normalize",
]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
_CJK_RE = re.compile(f"[{_CJK}]")
_RUN_RE = re.compile(f"([{_CJK}]+)|([a-z0-9]+)")
# After t2s, a few variants the converter keeps but users of simplified Chinese never write.
_SIMPLIFIED_FIXES = str.maketrans({"帐": "账"})

_T2S = OpenCC("t2s")

# Short forms users type for a word the articles spell out: they stem as the full word, so
# "delete my acct" meets "delete my account" in the synonym phrases and in the index alike.
# Only unambiguous ones in an exchange's support chat ("u", "bc", "min" stay as they are).
ABBREVIATIONS: dict[str, str] = {
    "acc": "account", "acct": "account", "accnt": "account", "accs": "accounts",
    "pw": "password", "pwd": "password", "pword": "password",
    "addy": "address", "addr": "address",
    "txn": "transaction", "txns": "transactions",
    "wd": "withdraw", "wdraw": "withdraw", "dep": "deposit", "depo": "deposit",
    "bal": "balance", "amt": "amount", "msg": "message", "msgs": "messages",
    "doc": "document", "docs": "documents", "verif": "verification",
}  # fmt: skip

EN_STOP_WORDS: frozenset[str] = frozenset(
    " ".join(
        [
            "a an the and or but if then so to of in on at by for from with about as into onto",
            "over under up down out off is are was were be been being am do does did doing have",
            "has had having i me my mine myself we us our you your yours he him his she her it",
            "its they them their this that these those there here what which who whom whose",
            "when where why how can could would should will shall may might must need pls",
            "please plz thanks thank hi hello hey any some just still yet already now again also",
            "too very really much many more most not no nor t s don doesn didn isn aren wasn",
            "weren cant cannot won wont m ve re ll d u ur r im get got each every",
        ]
    ).split()
)
# Function words and question words: every question has them, no article is about them.
ZH_STOP_WORDS: frozenset[str] = frozenset(
    " ".join(
        [
            "的 了 吗 呢 吧 啊 呀 哦 嘛 么 我 你 您 他 她",
            "它 我们 你们 他们 是 在 有 和 与 就 都 也 还 又",
            "请问 请 怎么 怎么办 怎样 如何 为什么 为啥 什么 咋",
            "咋办 哪里 哪儿 哪 能 能不能 可以 要 会 一个 这个",
            "那个 这 那 个 一下 谢谢 大家 各位 了吗 啥 想 问",
            "问下 问一下 请教 求 急 到底 怎么回事 咋回事 回事",
            "怎么弄 怎么搞 怎么样 怎么操作 是不是 有没有 可不可以",
            "应该 操作 具体 步骤",
        ]
    ).split()
)


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def normalize(text: str) -> str:
    """NFKC, traditional -> simplified Chinese, lower case."""
    text = unicodedata.normalize("NFKC", text)
    if has_cjk(text):
        text = _T2S.convert(text).translate(_SIMPLIFIED_FIXES)
    return text.lower()


def detect_language(text: str) -> str:
    """'zh' or 'en': Beacon's one rule (`bot.language`), so cards and texts agree."""
    return detect_language_of(text)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One analysed text: its normalised form, Latin words with their stems, and index terms."""

    normalized: str
    lang: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    terms: tuple[str, ...]
    # Character bigrams that are not also words of the text: a fallback for segmentation
    # misses, which a query may weigh less than whole words.
    bigram_terms: frozenset[str] = frozenset()


class Vocabulary:
    """Words seen in the indexed articles, for mapping unknown query words to known ones."""

    # rapidfuzz ratio (0-100) a correction needs: one edit in a 6+ letter word passes
    # ("depost" -> "deposit" 92, "withdrawl" -> "withdraw" 94), two in a short word do not.
    MIN_SIMILARITY = 85.0
    MIN_LENGTH = 4
    _CACHE_LIMIT = 20_000

    def __init__(self, words: Iterable[str], stems: Iterable[str]) -> None:
        self._words = sorted({w for w in words if len(w) >= self.MIN_LENGTH and w.isalpha()})
        self._known = set(self._words)
        self._stems = set(stems)
        self._cache: dict[str, str | None] = {}

    def knows_stem(self, stem: str) -> bool:
        return stem in self._stems

    def correct(self, word: str) -> str | None:
        """The closest known word when it is close enough, otherwise None."""
        if len(word) < self.MIN_LENGTH or not word.isalpha() or word in self._known:
            return None
        if word in self._cache:
            return self._cache[word]
        best = process.extractOne(
            word, self._words, scorer=fuzz.ratio, score_cutoff=self.MIN_SIMILARITY
        )
        corrected = best[0] if best is not None else None
        if len(self._cache) < self._CACHE_LIMIT:
            self._cache[word] = corrected
        return corrected


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


class Analyzer:
    """Turns article text or a question into index terms; built once, reused for every text."""

    def __init__(self, jieba_dict: Path | None = None) -> None:
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        # Words of the domain dictionary: jieba keeps them whole and no bigram straddles them.
        self._domain_words: frozenset[str] = frozenset()
        if jieba_dict is not None:
            entries = read_jieba_dict(jieba_dict)
            for word, freq in entries:
                self._jieba.add_word(word, freq)
            self._domain_words = frozenset(w for w, _ in entries if len(w) > 1)
        self._stemmer = Stemmer.Stemmer("english")
        self._stem_cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        stem = self._stem_cache.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(ABBREVIATIONS.get(word, word))
            # Short words are mostly abbreviations; Snowball's y -> i would merge "apy" (yield)
            # with "api". Only a plural s comes off ("ids" -> "id").
            short = len(word) <= 3 and word not in ABBREVIATIONS
            if short and stem != word and not word.endswith("s"):
                stem = word
            if len(self._stem_cache) < 100_000:
                self._stem_cache[word] = stem
        return stem

    def analyze(self, text: str, vocabulary: Vocabulary | None = None) -> Analysis:
        """Analyse `text`; with a vocabulary, unknown Latin words are corrected first."""
        normalized = normalize(text)
        words: list[str] = []
        stems: list[str] = []
        terms: list[str] = []
        cjk_words: set[str] = set()
        bigrams: set[str] = set()
        for cjk_run, latin_word in _RUN_RE.findall(normalized):
            if latin_word:
                word = latin_word
                if vocabulary is not None and not vocabulary.knows_stem(self.stem(word)):
                    word = vocabulary.correct(word) or word
                stem = self.stem(word)
                words.append(word)
                stems.append(stem)
                if word not in EN_STOP_WORDS and len(word) > 1:
                    terms.append(stem)
            else:
                run_words, run_bigrams = self._cjk_terms(cjk_run)
                terms.extend(run_words)
                terms.extend(run_bigrams)
                cjk_words.update(run_words)
                bigrams.update(run_bigrams)
        return Analysis(
            normalized=normalized,
            lang=detect_language(normalized),
            words=tuple(words),
            stems=tuple(stems),
            terms=tuple(terms),
            bigram_terms=frozenset(bigrams - cjk_words),
        )

    def _cjk_terms(self, run: str) -> tuple[list[str], list[str]]:
        """jieba words (stop words dropped) and the character bigrams of what is left.

        Bigrams run across the pieces jieba cut (a fallback for segmentation misses), but never
        into or out of a word of the domain dictionary: the dictionary is sure of those. In
        "充值到账户" (充值|到|账户) the pair "到账" (arrived) would take the first character of
        "账户" (account) and make a question about depositing into an account read as a
        deposit that has not arrived.
        """
        words: list[str] = []
        bigrams: list[str] = []
        kept = ""  # consecutive non-stop-word pieces, for bigrams
        for piece in self._jieba.cut(run, HMM=True):
            if piece in ZH_STOP_WORDS:
                bigrams.extend(_bigrams(kept))
                kept = ""
                continue
            if len(piece) > 1:
                words.append(piece)
            if piece in self._domain_words:
                bigrams.extend(_bigrams(kept))
                bigrams.extend(_bigrams(piece))
                kept = ""
            else:
                kept += piece
        bigrams.extend(_bigrams(kept))
        if not words and not bigrams and len(run) == 1 and run not in ZH_STOP_WORDS:
            words.append(run)
        return words, bigrams


def read_jieba_dict(path: Path) -> list[tuple[str, int | None]]:
    """Entries of a jieba user dictionary: `word [freq]` per line, '#' starts a comment."""
    entries: list[tuple[str, int | None]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        entries.append((normalize(fields[0]), freq))
    return entries
