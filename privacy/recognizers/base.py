"""Shared pieces for Beacon's own recognizers.

``AnchoredSecretRecognizer`` is a Presidio ``PatternRecognizer`` whose patterns may contain
the context keyword itself ("password: <secret>"). Only the named group ``secret`` is
reported, so redaction keeps the keyword, and such a result is marked as already
context-enhanced: the keyword is part of the match, so the engine must not boost it a second
time. Patterns without a ``secret`` group report the whole match and get the engine's usual
context boost.

Boundaries: Python's ``\\b`` treats CJK characters as word characters, so "密码是abc" has no
``\\b`` between 是 and a. Patterns use explicit ASCII lookarounds instead.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from functools import cache
from importlib import resources
from typing import ClassVar

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.context import ContextMatcher, WindowIndex

# Boundaries that work next to Chinese characters (unlike \b).
NOT_AFTER_ALNUM = r"(?<![A-Za-z0-9])"
NOT_BEFORE_ALNUM = r"(?![A-Za-z0-9])"
# A number is not part of a longer number, a decimal, or a masked value ("4829****8291").
# A comma continues a number only before a group of exactly three digits ("12,345,678"):
# after NFKC the Chinese comma is "," too, and "验证码231961，10分钟内有效" holds two numbers.
DECIMAL_OR_GROUP_AFTER = r"\.[0-9]|,[0-9]{3}(?![0-9])"
NUMBER_START = r"(?<![A-Za-z0-9*]|[0-9]\.|(?<![0-9])[0-9]{1,3},|[=(\[:]-)"
NUMBER_END = rf"(?![A-Za-z0-9*]|{DECIMAL_OR_GROUP_AFTER})"
# Characters that wrap a value without belonging to it.
_WRAPPERS = "\"'`“”‘’<>()[]{}"
_TRAILING = ",.;:" + _WRAPPERS
_PLACEHOLDER_OPENERS = ("<", "{", "[")
# Values that are a placeholder or already masked.
_MASK = regex.compile(r"[*•●·xX#._\-]+|<[^>]*>|\[[^\]]*\]|\{[^}]*\}")
_REGEX_TIMEOUT_SECONDS = 1.0


def is_masked(value: str) -> bool:
    """True for placeholders and masked values: "******", "xxxx", "<your password>"."""
    return bool(_MASK.fullmatch(value)) or value.count("*") * 2 >= len(value)


@cache
def placeholder_words() -> tuple[str, ...]:
    """Lower-case words that mark a placeholder (``privacy/data/placeholder_words.txt``)."""
    text = resources.files("privacy").joinpath("data/placeholder_words.txt").read_text("utf-8")
    return tuple(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


# A value mostly made of one short chunk repeated ("TESTTESTTEST", "abcabcabc").
_REPEATED_CHUNK = regex.compile(r"(.{1,6}?)\1{2,}")
_TEMPLATE = regex.compile(r"\$\{|\{\{|%s|<[^>]*>")


def is_placeholder(value: str) -> bool:
    """True for a value that stands in for a real one: masked ("****"), a template
    ("<api_key>", "${TOKEN}"), a marked example ("YOUR_API_KEY", "AKIA...EXAMPLE", "xxxx"),
    one chunk repeated over most of it, or a run of consecutive characters ("0123456789")."""
    if not value or is_masked(value) or _TEMPLATE.search(value):
        return True
    lowered = value.lower()
    if any(word in lowered for word in placeholder_words()):
        return True
    repeated = sum(len(m.group()) for m in _REPEATED_CHUNK.finditer(value))
    if len(value) >= 8 and repeated * 2 >= len(value):
        return True
    return is_sequential(value, share=0.9)


def is_sequential(value: str, share: float = 0.75, min_length: int = 6) -> bool:
    """True when most neighbours are consecutive characters: "123456", "654321", "abcdef"."""
    if len(value) < min_length:
        return False
    steps = [ord(b) - ord(a) for a, b in itertools.pairwise(value)]
    return max(steps.count(1), steps.count(-1)) >= share * len(steps)


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value`` (a random base64 key: about 5; a word: about 3)."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def has_mixed_classes(value: str) -> bool:
    """True when a value looks chosen rather than spoken: digits, symbols or mixed case."""
    has_digit = any(c.isdigit() for c in value)
    has_symbol = any(not c.isalnum() for c in value)
    mixed_case = any(c.isupper() for c in value) and any(c.islower() for c in value)
    return has_digit or has_symbol or mixed_case


class AnchoredSecretRecognizer(PatternRecognizer):
    """A pattern recognizer that reports only the ``secret`` group of each match."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]]
    name: str
    patterns: list[Pattern]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=name or type(self).__name__,
            supported_language=supported_language,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=list(context if context is not None else self.CONTEXT),
            # Keyword parts carry their own (?i:...); value classes are case-sensitive.
            global_regex_flags=0,
        )
        self._compiled = [(p, regex.compile(p.regex, regex.V0)) for p in self.patterns]

    def score_match(self, secret: str, match: regex.Match[str], pattern: Pattern) -> float:
        """Return the score of a (trimmed, not invalidated) secret; 0 drops it."""
        validation = self.validate_result(secret)
        if validation is None:
            return pattern.score
        return EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """Masked values, placeholders and documented examples are not secrets."""
        return is_placeholder(pattern_text)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Match every pattern and report the trimmed ``secret`` group."""
        results: list[RecognizerResult] = []
        for pattern, compiled in self._compiled:
            try:
                matches = list(compiled.finditer(text, timeout=_REGEX_TIMEOUT_SECONDS))
            except TimeoutError:  # a pathological input must not take the bot down
                continue
            for match in matches:
                group = "secret" if "secret" in compiled.groupindex else 0
                start, end = match.span(group)
                if text[start:end][:1] in _PLACEHOLDER_OPENERS:
                    continue  # "<your password>", "{api_key}", "[secret]"
                while start < end and text[start] in _WRAPPERS:
                    start += 1
                while end > start and text[end - 1] in _TRAILING:
                    end -= 1
                secret = text[start:end]
                if not secret or self.invalidate_result(secret):
                    continue
                score = self.score_match(secret, match, pattern)
                if score <= EntityRecognizer.MIN_SCORE:
                    continue
                anchored = group == "secret"
                results.append(self._result(start, end, score, pattern, anchored))
        return EntityRecognizer.remove_duplicates(results)

    def _result(
        self, start: int, end: int, score: float, pattern: Pattern, anchored: bool
    ) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=pattern.score,
            pattern_name=pattern.name,
            pattern=pattern.regex,
            textual_explanation=f"Detected by `{self.name}` using pattern `{pattern.name}`",
        )
        explanation.score = score
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                # A keyword inside the match is context already accounted for; patterns
                # without a ``secret`` group are left to the engine's context enhancer.
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: anchored,
            },
        )


# A number followed by a unit or currency is an amount or a count, not an id or a code
# ("12345678 sats", "500000 USDT", "3821 人").
_AMOUNT_UNIT = regex.compile(
    r"[ \t]{0,2}(?:(?i:sats?|satoshis?|usdt|usdc|usd|btc|eth|bnb|trx|sol|doge|xrp|ton|u|"
    r"shib|pepe|floki|bonk|ada|matic|ltc|bch|avax|arb|apt|sui|atom|fil|fdusd|busd|dai|tusd|"
    r"okb|kcs|hmstr|"
    r"coins?|tokens?|dollars?|bucks|cny|rmb|eur|gwei|wei|x|times|views|people|users|"
    r"members|seconds?|secs?|mins?|minutes?|hours?|days?|ms|kb|mb|gb)(?![A-Za-z])"
    r"|[聪元块刀美人个次天秒分倍张笔单枚%])"
)
_CURRENCY_BEFORE = regex.compile(r"[$¥€£][ \t]?$")


def is_amount(text: str, start: int, end: int) -> bool:
    """True if the number at ``text[start:end]`` carries a unit or currency sign."""
    return (
        _AMOUNT_UNIT.match(text, end) is not None
        or _CURRENCY_BEFORE.search(text, max(0, start - 2), start) is not None
    )


_DATE_DIGITS = regex.compile(r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")


def is_date_number(digits: str) -> bool:
    """True for an 8-digit YYYYMMDD date ("20240315"): an id or code looks like one rarely."""
    return _DATE_DIGITS.fullmatch(digits) is not None


def block_boost_on_negative_context(
    results: list[RecognizerResult],
    nlp_artifacts: NlpArtifacts | None,
    negative: ContextMatcher,
    prefix: int = 4,
    suffix: int = 1,
    positive: ContextMatcher | None = None,
    text: str | None = None,
    negative_after: ContextMatcher | None = None,
) -> list[RecognizerResult]:
    """Mark results near a negative context word as already enhanced, so no boost applies.

    "referral code 48291735" or "order id 1234567" carry a context word ("code", "id") that
    would otherwise lift an ordinary number into a secret. With ``positive`` (the
    recognizer's own context words) the nearer word decides: "提现卡住了 UID 48291034" is an
    id, "withdrawal id 98765432" is not (a negative word right before the positive one
    qualifies it). With ``text``, numbers carrying a unit ("12345678 sats") are blocked too.
    ``negative_after`` (default ``negative``) are the words that name a number when they
    follow it ("code 30032 from the API").
    """
    if nlp_artifacts is None or not nlp_artifacts.tokens_indices:
        return results
    index = WindowIndex.of(nlp_artifacts)
    for result in results:
        if text is not None and is_amount(text, result.start, result.end):
            blocked = True
        elif positive is None:
            blocked = bool(index.find_near(negative, result.start, result.end, prefix, suffix)[0])
        else:
            blocked = _negative_is_nearer(
                index, negative, negative_after or negative, positive, result, prefix, suffix
            )
        if blocked:
            metadata = result.recognition_metadata
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
    return results


def _negative_is_nearer(
    index: WindowIndex,
    negative: ContextMatcher,
    negative_after: ContextMatcher,
    positive: ContextMatcher,
    result: RecognizerResult,
    prefix: int,
    suffix: int,
) -> bool:
    # A negative word right after the number names it ("code 30032 from the API").
    if suffix > 0 and index.find_near(negative_after, result.start, result.end, 0, suffix)[0]:
        return True
    bad = index.distance_before(negative, result.start, result.end, prefix)
    if bad is None:
        return False
    good = index.distance_before(positive, result.start, result.end, prefix)
    return good is None or bad <= good + 1


__all__ = [
    "DECIMAL_OR_GROUP_AFTER",
    "NOT_AFTER_ALNUM",
    "NOT_BEFORE_ALNUM",
    "NUMBER_END",
    "NUMBER_START",
    "AnchoredSecretRecognizer",
    "block_boost_on_negative_context",
    "has_mixed_classes",
    "is_amount",
    "is_date_number",
    "is_masked",
    "is_placeholder",
    "is_sequential",
    "placeholder_words",
    "shannon_entropy",
]
