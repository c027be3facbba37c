"""SEED_PHRASE: BIP39 mnemonics (12/15/18/21/24 words): English (also abbreviated to the first
four letters of each word, or base64-encoded) and simplified or traditional Chinese."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from hashlib import sha256
from typing import ClassVar

import regex
from mnemonic import Mnemonic
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.entities import SEED_PHRASE

MNEMONIC_LENGTHS = (24, 21, 18, 15, 12)
MIN_WORDS = 12
# A word token: an ASCII word, or one CJK character (each Chinese BIP39 word is one character).
_TOKEN = regex.compile(r"[A-Za-z]++|[\u4e00-\u9fff]")
_CJK = regex.compile(r"[\u4e00-\u9fff]")
# What may separate two words of one phrase: spaces, list punctuation, numbering ("1. "),
# quotes and brackets (a pasted list: "'abandon', 'ability', ..."), emoji and other symbols
# ("abandon 🔥 ability ➡️ able").
GAP_CHARACTERS = r"\s,;.、:\-\d()#|/'\"“”‘’\[\]{}>\p{So}\p{Sk}\p{Sm}\ufe0f•·"
_GAP = regex.compile(rf"[{GAP_CHARACTERS}]{{1,8}}+")
# Past this many words a run is not searched window by window; it is flagged as a whole.
_MAX_CHECKSUM_SEARCH = 30
# Unspaced Chinese runs longer than this are prose, not a pasted phrase: not searched.
UNSPACED_SEARCH_LIMIT = 64

# Words of the sentence around a phrase rather than of the phrase: they are list words too
# ("seed", "please", 是, 的), so a window that takes them in while leaving phrase words out
# can pass the checksum by chance (1 in 16 for 12 words). Windows are ranked by how many
# random-looking words they hold minus these (recognizer context words count double).
_SENTENCE_WORDS = frozenset(
    [
        "seed",
        "phrase",
        "word",
        "words",
        "secret",
        "key",
        "private",
        "this",
        "please",
        "thank",
        "thanks",
        "help",
        "check",
        "valid",
        "correct",
        "okay",
        "you",
        "my",
        "is",
        "here",
    ]
)
_SENTENCE_CHARACTERS = frozenset(
    "是的我你他她这那了吗呢吧啊个在和与给帮看请对不就都也还要把被有没么什谢"
)
_CONTEXT_WORD_WEIGHT = 2
# A word directly followed by ":" or "=" is a label ("seed: ...", "助记词：..."), never part of
# the phrase ("1: abandon" numbers a word instead).
_LABEL_GAP = regex.compile(r"[ \t]*[:=]")

SCORE_CHECKSUM = 1.0
SCORE_ALL_WORDS = 0.75
# Unspaced Chinese with a valid checksum: random-looking (few dictionary words) or not.
SCORE_UNSPACED_RANDOM = 0.85
SCORE_UNSPACED_WORDY = 0.45
# A random phrase holds a few chance words ("主子", "美酒", "转交"): up to a third of it.
_RANDOM_COVERAGE = 0.34
_WORDY_COVERAGE = 0.5

Segmenter = Callable[[str], Sequence[str]]


# BIP39 English words are unique in their first four letters, so wallets accept those alone.
PREFIX_LENGTH = 4
# A base64 string long enough to hold twelve words (at least 3 letters each, with spaces).
_BASE64_RUN = regex.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{64,600}={0,2}(?![A-Za-z0-9+/=])")


@dataclass(frozen=True, slots=True, eq=False)
class Bip39Wordlists:
    """Word -> index maps for one reading of the BIP39 lists: English (with its four-letter
    prefixes) and one Chinese list. ``traditional()`` is the traditional Chinese reading."""

    english: dict[str, int]
    chinese: dict[str, int]
    english_prefixes: dict[str, int]
    chinese_traditional: dict[str, int]

    @classmethod
    @cache
    def load(cls) -> Bip39Wordlists:
        """Read the lists from the installed ``mnemonic`` package (once per process)."""
        english = {w: i for i, w in enumerate(Mnemonic("english").wordlist)}
        return cls(
            english=english,
            chinese={w: i for i, w in enumerate(Mnemonic("chinese_simplified").wordlist)},
            english_prefixes={
                w[:PREFIX_LENGTH]: i for w, i in english.items() if len(w) > PREFIX_LENGTH
            },
            chinese_traditional={
                w: i for i, w in enumerate(Mnemonic("chinese_traditional").wordlist)
            },
        )

    def readings(self) -> tuple[Bip39Wordlists, ...]:
        """The simplified reading (with English), then the traditional Chinese one: a
        character in both lists has a different index in each, so each is read apart."""
        return (self, self.traditional())

    def traditional(self) -> Bip39Wordlists:
        """The traditional Chinese list alone (English is read with the simplified one)."""
        return _traditional_reading(self)


@cache
def _traditional_reading(wordlists: Bip39Wordlists) -> Bip39Wordlists:
    return replace(
        wordlists, english={}, english_prefixes={}, chinese=wordlists.chinese_traditional
    )


@dataclass(frozen=True, slots=True)
class WordRun:
    """Consecutive BIP39 words of one language, with their spans and list indexes."""

    language: str  # "en" or "zh"
    spans: tuple[tuple[int, int], ...]
    indexes: tuple[int, ...]
    spaced: bool  # False only for Chinese characters written with nothing between them
    abbreviated: bool = False  # some English words given by their first four letters only


def checksum_is_valid(indexes: Sequence[int]) -> bool:
    """Return True if BIP39 word indexes carry a valid checksum (BIP39 section "Generating")."""
    count = len(indexes)
    if count not in MNEMONIC_LENGTHS:
        return False
    value = 0
    for index in indexes:
        value = (value << 11) | index
    checksum_bits = count * 11 // 33
    entropy_bits = count * 11 - checksum_bits
    entropy = (value >> checksum_bits).to_bytes(entropy_bits // 8, "big")
    expected = sha256(entropy).digest()[0] >> (8 - checksum_bits)
    return expected == value & ((1 << checksum_bits) - 1)


def find_word_runs(
    text: str, wordlists: Bip39Wordlists, min_words: int = MIN_WORDS, first_only: bool = False
) -> list[WordRun]:
    """Return every run of at least ``min_words`` BIP39 words in ``text``, in one pass.

    ``first_only`` stops at the first run that reaches ``min_words`` (for the fast path,
    which only needs to know that one exists).
    """
    runs: list[WordRun] = []
    spans: list[tuple[int, int]] = []
    indexes: list[int] = []
    abbreviated: list[bool] = []
    language = ""
    spaced = False
    previous_end = 0

    def close() -> None:
        if len(indexes) >= min_words:
            runs.append(WordRun(language, tuple(spans), tuple(indexes), spaced, any(abbreviated)))
        spans.clear()
        indexes.clear()
        abbreviated.clear()

    for match in _TOKEN.finditer(text):
        word = match.group()
        short = False
        if word.isascii():
            lowered = word.lower()
            token_language, index = "en", wordlists.english.get(lowered)
            if index is None and len(word) == PREFIX_LENGTH:
                index = wordlists.english_prefixes.get(lowered)
                short = index is not None
        else:
            token_language, index = "zh", wordlists.chinese.get(word)
        if index is None:
            close()
            continue
        start, end = match.span()
        gap = text[previous_end:start]
        continues = (
            bool(indexes)
            and token_language == language
            and (_GAP.fullmatch(gap) is not None or (gap == "" and language == "zh"))
            and _LABEL_GAP.match(gap) is None
        )
        if (
            continues
            and language == "zh"
            and len(indexes) > 1
            and spaced != bool(gap)
            # Solid Chinese may be written in groups ("胶锐丘招副责 筛欺倾论跃综"): a space
            # before a character that another character follows is a group break.
            and not (not spaced and gap.isspace() and _CJK.match(text, end) is not None)
        ):
            # Chinese is either one character per word ("轧 剪 债") or written solid; where
            # the style changes, a new run starts from the character before the change.
            last_span, last_index, last_short = spans[-1], indexes[-1], abbreviated[-1]
            close()
            spans.append(last_span)
            indexes.append(last_index)
            abbreviated.append(last_short)
            spaced = bool(gap)
        elif not continues:
            close()
            language = token_language
            spaced = False
        elif len(indexes) == 1:
            spaced = bool(gap)
        spans.append((start, end))
        indexes.append(index)
        abbreviated.append(short)
        previous_end = end
        if first_only and len(indexes) >= min_words:
            break
    close()
    return runs


def find_all_word_runs(text: str, wordlists: Bip39Wordlists) -> list[WordRun]:
    """``find_word_runs`` under every reading of the lists (simplified, then traditional
    Chinese; the traditional pass only where the text holds CJK characters)."""
    runs = find_word_runs(text, wordlists)
    if _CJK.search(text) is not None:
        # A run both lists read alike (the characters they share, at the same index) once.
        seen = {(run.spans, run.indexes) for run in runs}
        runs.extend(
            run
            for run in find_word_runs(text, wordlists.traditional())
            if (run.spans, run.indexes) not in seen
        )
    return runs


def base64_candidates(text: str) -> list[tuple[int, int, str]]:
    """Base64 strings long enough to hold a phrase, with the text they decode to."""
    found = []
    for match in _BASE64_RUN.finditer(text):
        value = match.group()
        try:
            decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
            plain = decoded.decode("ascii")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if plain.isprintable() or plain.strip().isprintable():
            found.append((match.start(), match.end(), plain))
    return found


class BeaconSeedPhraseRecognizer(EntityRecognizer):
    """Recognize BIP39 seed phrases.

    - A window of 12/15/18/21/24 words with a valid BIP39 checksum scores 1.0.
    - Twelve or more list words in a row without a valid checksum still score 0.75: a
      mistyped or partial seed is as dangerous to post.
    - Chinese written without spaces is different: nearly every common Chinese character is
      in the list, so any sentence is "all list words". There a window needs a valid
      checksum, and it must read as random characters rather than prose: jieba segmentation
      finds few multi-character words in it. Few (<= 25% of characters) scores 0.85; some
      (<= 50%) scores 0.45, which needs context (助记词, seed, mnemonic) to count.
    """

    CONTEXT: ClassVar[list[str]] = [
        "seed",
        "seed phrase",
        "mnemonic",
        "recovery phrase",
        "backup phrase",
        "secret phrase",
        "recovery words",
        "助记词",
        "种子",
        "恢复短语",
        "备份",
    ]
    name: str

    def __init__(
        self,
        supported_language: str = "en",
        context: list[str] | None = None,
        supported_entity: str = SEED_PHRASE,
        name: str | None = None,
        chinese_segmenter: Segmenter | None = None,
    ) -> None:
        self.wordlists: Bip39Wordlists | None = None
        self._segment = chinese_segmenter
        self._context_words = frozenset(
            word.lower() for word in (context if context is not None else self.CONTEXT)
        ) | frozenset(w for phrase in self.CONTEXT for w in phrase.split())
        self._cjk_context_words = sorted(w for w in self._context_words if not w.isascii())
        super().__init__(
            supported_entities=[supported_entity],
            name=name or type(self).__name__,
            supported_language=supported_language,
            context=list(context if context is not None else self.CONTEXT),
        )

    def load(self) -> None:
        """Load the BIP39 word lists (shared, read once per process)."""
        self.wordlists = Bip39Wordlists.load()

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Find seed phrases in ``text``."""
        if self.wordlists is None:
            self.load()
        assert self.wordlists is not None
        results: list[RecognizerResult] = []
        reported: list[tuple[int, int]] = []
        for run in find_all_word_runs(text, self.wordlists):
            if run.language == "zh" and not run.spaced:
                found = self._score_unspaced_chinese(text, run)
            else:
                found = self._score_run(text, run)
            if found is not None:
                first, last, score, reason = found
                start, end = run.spans[first][0], run.spans[last][1]
                # Both Chinese lists may read the same characters: the first reading wins.
                if not any(start < e and s < end for s, e in reported):
                    reported.append((start, end))
                    results.append(self._result(start, end, score, reason))
        results.extend(self._encoded_phrases(text))
        return results

    def _encoded_phrases(self, text: str) -> list[RecognizerResult]:
        """A phrase sent base64-encoded: the encoded string is the phrase."""
        assert self.wordlists is not None
        results = []
        for start, end, plain in base64_candidates(text):
            for run in find_word_runs(plain, self.wordlists):
                found = self._score_run(plain, run)
                if found is not None:
                    results.append(self._result(start, end, found[2], "base64 of a " + found[3]))
                    break
        return results

    def _score_run(self, text: str, run: WordRun) -> tuple[int, int, float, str] | None:
        count = len(run.indexes)
        if count <= _MAX_CHECKSUM_SEARCH:
            in_context_word = self._context_positions(text, run)
            weights = [
                -_CONTEXT_WORD_WEIGHT
                if start in in_context_word
                else self._word_weight(text[start:end])
                for start, end in run.spans
            ]
            best = _best_window(run.indexes, weights)
            if best is not None:
                offset, length = best
                return offset, offset + length - 1, SCORE_CHECKSUM, "valid BIP39 checksum"
        if run.abbreviated:
            # Four-letter words are common in prose: abbreviated, only a checksum counts.
            return None
        return 0, count - 1, SCORE_ALL_WORDS, f"{count} BIP39 words in a row"

    def _context_positions(self, text: str, run: WordRun) -> set[int]:
        """Positions inside a Chinese context word ("词" of "助记词 赖 隙 ...")."""
        if run.language != "zh":
            return set()
        low, high = max(0, run.spans[0][0] - 4), run.spans[-1][1] + 4
        positions: set[int] = set()
        for word in self._cjk_context_words:
            at = text.find(word, low, high)
            while at != -1:
                positions.update(range(at, at + len(word)))
                at = text.find(word, at + 1, high)
        return positions

    def _word_weight(self, word: str) -> int:
        """+1 for a word that reads as part of a phrase, below 0 for one of the sentence."""
        word = word.lower()
        if word in self._context_words:
            return -_CONTEXT_WORD_WEIGHT
        if word in _SENTENCE_WORDS or word in _SENTENCE_CHARACTERS:
            return -1
        return 1

    def _score_unspaced_chinese(
        self, text: str, run: WordRun
    ) -> tuple[int, int, float, str] | None:
        count = len(run.indexes)
        if count > UNSPACED_SEARCH_LIMIT:
            return None
        # Per character: inside a multi-character word (prose, or a context word such as
        # 助记词) or a sentence character (是, 的) it reads as the sentence, otherwise as a
        # phrase word. covered[i]: how many of the first i characters read as the sentence.
        covered = [0]
        weights: list[int] = []
        characters = "".join(text[start:end] for start, end in run.spans)
        for word in self._segmenter()(characters):
            inside = 1 if len(word) > 1 or word in _SENTENCE_CHARACTERS else 0
            covered.extend(covered[-1] + inside for _ in word)
            if word in self._context_words:
                weights.extend(-_CONTEXT_WORD_WEIGHT for _ in word)
            elif inside:
                weights.extend(-1 for _ in word)
            else:
                weights.extend(1 for _ in word)
        best = _best_window(run.indexes, weights)
        if best is None:
            return None
        offset, length = best
        coverage = (covered[offset + length] - covered[offset]) / length
        if coverage > _WORDY_COVERAGE:
            return None
        score = SCORE_UNSPACED_RANDOM if coverage <= _RANDOM_COVERAGE else SCORE_UNSPACED_WORDY
        return offset, offset + length - 1, score, "unspaced Chinese, valid checksum"

    def _segmenter(self) -> Segmenter:
        if self._segment is None:
            from privacy.nlp import ChineseSegmenter  # jieba loads its dictionary: only if needed

            self._segment = ChineseSegmenter().segment
        return self._segment

    def _result(self, start: int, end: int, score: float, reason: str) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            textual_explanation=f"Detected by `{self.name}`: {reason}",
        )
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def _best_window(indexes: Sequence[int], weights: Sequence[int]) -> tuple[int, int] | None:
    """The checksum-valid window (offset, length) that holds the most phrase-like words and
    the fewest sentence words; on a tie the longest (24 > 18 > 12), then the first."""
    prefix = [0]
    for weight in weights:
        prefix.append(prefix[-1] + weight)
    best: tuple[int, int, int] | None = None  # (-fit, -length, offset)
    count = len(indexes)
    for length in MNEMONIC_LENGTHS:
        for offset in range(count - length + 1):
            # Each word also counts for being there: a longer valid window is rarer by
            # chance, so it wins unless the words it adds read as the sentence.
            fit = 2 * (prefix[offset + length] - prefix[offset]) + length
            key = (-fit, -length, offset)
            if best is not None and key >= best:
                continue
            if checksum_is_valid(indexes[offset : offset + length]):
                best = key
    return None if best is None else (best[2], -best[1])


__all__ = [
    "GAP_CHARACTERS",
    "MIN_WORDS",
    "MNEMONIC_LENGTHS",
    "PREFIX_LENGTH",
    "UNSPACED_SEARCH_LIMIT",
    "BeaconSeedPhraseRecognizer",
    "Bip39Wordlists",
    "WordRun",
    "base64_candidates",
    "checksum_is_valid",
    "find_all_word_runs",
    "find_word_runs",
]
