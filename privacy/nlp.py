"""An offline Presidio NLP engine for English and Chinese.

No spaCy model is downloaded: English uses ``spacy.blank("en")`` (rule-based tokenizer) and
Chinese uses a private jieba tokenizer with a domain dictionary (``data/jieba_userdict.txt``)
so that context words such as 私钥, 助记词, 谷歌验证码 and 用户ID come out as single tokens.
The jieba instance is our own, so the dictionary does not leak into other users of jieba.

Blank pipelines have no lemmatizer and leave ``lemma_`` empty, which silently disables
Presidio's context enhancement. The lemma of every token is therefore its lowercased text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jieba
import regex
import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, IS_STOP, LENGTH, LOWER, NORM
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

USER_DICTIONARY = Path(__file__).parent / "data" / "jieba_userdict.txt"
SUPPORTED_LANGUAGES = ("en", "zh")


_SEGMENTS = regex.compile(
    r"(?P<cjk>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,})|[A-Za-z0-9]+|\s+|.", regex.DOTALL
)


class ChineseSegmenter:
    """Chinese word segmentation over jieba's dictionary plus Beacon's domain words.

    Words are cut by forward maximum matching over jieba's prefix dictionary rather than by
    jieba's own best-route search: linear time with a small constant (a few dictionary
    look-ups per character), where the route search costs ~25 us per character, too slow
    for the 4,096-character worst case. For context words the difference does not matter:
    every context word is in the dictionary, so it comes out whole. The jieba instance is
    our own, so the domain words do not leak into other users of jieba.
    """

    def __init__(self, user_dictionary: Path | None = USER_DICTIONARY) -> None:
        tokenizer = jieba.Tokenizer()
        # jieba announces dictionary loading on its own logger at DEBUG level.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tokenizer.initialize()
        if user_dictionary is not None:
            # jieba leaves a path it opened unclosed; hand it a file we close.
            with user_dictionary.open("rb") as handle:
                tokenizer.load_userdict(handle)
        # word -> frequency; every prefix of a word is present with frequency 0.
        self._frequencies: dict[str, int] = tokenizer.FREQ

    def segment(self, text: str) -> list[str]:
        """Split ``text`` into words; the words concatenate back to ``text``."""
        words: list[str] = []
        for match in _SEGMENTS.finditer(text):
            if match.lastgroup == "cjk":
                words.extend(self._maximum_match(match.group()))
            else:
                words.append(match.group())
        return words

    def _maximum_match(self, run: str) -> list[str]:
        frequencies = self._frequencies
        words: list[str] = []
        i, n = 0, len(run)
        while i < n:
            best = i + 1
            j = i + 2
            while j <= n:
                frequency = frequencies.get(run[i:j])
                if frequency is None:
                    break  # not even a prefix of a word
                if frequency > 0:
                    best = j
                j += 1
            words.append(run[i:best])
            i = best
        return words


class JiebaDocTokenizer:
    """A spaCy tokenizer (text -> Doc) over a ``ChineseSegmenter``."""

    def __init__(self, vocab: Vocab, segmenter: ChineseSegmenter) -> None:
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.segment(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


class LazyKeywordsNlpArtifacts(NlpArtifacts):
    """NlpArtifacts whose ``keywords`` list is computed only if someone reads it.

    Presidio builds it eagerly (a stop-word look-up per token); Beacon's context enhancer
    does not use it, and on a 4,096-character message it is a measurable share of the time.
    """

    def __init__(self, **kwargs: Any) -> None:
        engine = kwargs["nlp_engine"]
        kwargs["nlp_engine"] = None  # makes the base class skip set_keywords
        super().__init__(**kwargs)
        self.nlp_engine = engine
        self._language: str = kwargs["language"]
        self._keywords: list[str] | None = None
        # Filled by OfflineNlpEngine: per token its end offset, and the indexes of tokens
        # that are not space, punctuation or stop words (what context windows count).
        self.token_ends: list[int] | None = None
        self.meaningful: list[int] | None = None

    @property
    def keywords(self) -> list[str]:
        """Lowercased lemmas that are neither stop words nor punctuation."""
        if self._keywords is None:
            self._keywords = self.set_keywords(self.nlp_engine, self.lemmas, self._language)
        return self._keywords

    @keywords.setter
    def keywords(self, value: list[str]) -> None:
        self._keywords = value or None


# The lexeme attributes Beacon reads (token.lower_, is_space, is_punct, is_stop). spaCy
# computes every registered attribute for each string it has not seen before; a crafted
# message of hundreds of fresh numbers would pay for like_url, like_email, shape, prefix...
_USED_LEXEME_ATTRIBUTES = frozenset({IS_SPACE, IS_PUNCT, IS_STOP, LOWER, NORM})


def _keep_used_lexeme_attributes(vocab: Vocab) -> None:
    # ``lex_attr_getters`` is a public Vocab attribute that spaCy's type stubs leave out.
    getters = vocab.lex_attr_getters  # type: ignore[attr-defined]
    used = {key: getter for key, getter in getters.items() if key in _USED_LEXEME_ATTRIBUTES}
    vocab.lex_attr_getters = used  # type: ignore[attr-defined]


class OfflineNlpEngine(NlpEngine):
    """Tokenization and lowercase lemmas for "en" and "zh"; no NER, no network, no models."""

    engine_name = "beacon_offline"
    is_available = True

    def __init__(self, segmenter: ChineseSegmenter | None = None) -> None:
        self._segmenter = segmenter
        self.nlp: dict[str, Language] | None = None

    @property
    def segmenter(self) -> ChineseSegmenter:
        """The Chinese segmenter (built on first use unless one was given)."""
        if self._segmenter is None:
            self._segmenter = ChineseSegmenter()
        return self._segmenter

    def load(self) -> None:
        """Build the blank pipelines (and load the jieba dictionary)."""
        english = spacy.blank("en")
        # No special cases: they split "id" into "i" + "d" (as in "I'd"), hiding "user id".
        tokenizer = english.tokenizer
        if isinstance(tokenizer, Tokenizer):
            tokenizer.rules = {}
        chinese = spacy.blank("zh")  # default "char" segmenter: needs nothing installed
        chinese.tokenizer = JiebaDocTokenizer(chinese.vocab, self.segmenter)
        for pipeline in (english, chinese):
            _keep_used_lexeme_attributes(pipeline.vocab)
        self.nlp = {"en": english, "zh": chinese}

    def is_loaded(self) -> bool:
        """Return True once ``load`` has run."""
        return self.nlp is not None

    def _pipeline(self, language: str) -> Language:
        if self.nlp is None:
            raise ValueError("NLP engine is not loaded. Call load() first.")
        if language not in self.nlp:
            raise ValueError(f"Language {language!r} is not supported: {SUPPORTED_LANGUAGES}")
        return self.nlp[language]

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        """Tokenize ``text`` and wrap it as Presidio NlpArtifacts."""
        # Blank pipelines have no components: the tokenizer alone makes the Doc, without
        # Language.__call__'s per-call overhead.
        return self._to_artifacts(self._pipeline(language).tokenizer(text), language)

    def process_batch(
        self,
        texts: Iterable[str],
        language: str,
        batch_size: int = 1,
        n_process: int = 1,
        **kwargs: Any,
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        """Tokenize several texts (sequentially: tokenization is cheap)."""
        pipeline = self._pipeline(language)
        for text in texts:
            yield text, self._to_artifacts(pipeline.tokenizer(str(text)), language)

    def is_stopword(self, word: str, language: str) -> bool:
        """Return True for stop words and whitespace (neither is useful context)."""
        return not word.strip() or bool(self._pipeline(language).vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        """Return True for punctuation."""
        return bool(self._pipeline(language).vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        """No NER: every entity comes from a recognizer."""
        return []

    def get_supported_languages(self) -> list[str]:
        """Return ["en", "zh"]."""
        return list(SUPPORTED_LANGUAGES)

    def _to_artifacts(self, doc: Doc, language: str) -> NlpArtifacts:
        # One C-level pass over the Doc instead of a Token object per token and attribute.
        rows: list[list[int]] = (
            doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT, IS_STOP, LOWER]).tolist()
            if len(doc)
            else []
        )
        strings = doc.vocab.strings
        starts = [row[0] for row in rows]
        artifacts = LazyKeywordsNlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=starts,
            lemmas=[strings[row[5]] for row in rows],
            nlp_engine=self,
            language=language,
            scores=[],
        )
        artifacts.token_ends = [row[0] + row[1] for row in rows]
        artifacts.meaningful = [i for i, row in enumerate(rows) if not (row[2] or row[3] or row[4])]
        return artifacts


__all__ = [
    "SUPPORTED_LANGUAGES",
    "USER_DICTIONARY",
    "ChineseSegmenter",
    "JiebaDocTokenizer",
    "LazyKeywordsNlpArtifacts",
    "OfflineNlpEngine",
]
