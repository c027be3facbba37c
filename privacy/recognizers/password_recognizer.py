"""PASSWORD: a value written right after a password keyword ("password: hunter2!")."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.context import ContextMatcher, WindowIndex
from privacy.entities import PASSWORD
from privacy.recognizers.base import NOT_AFTER_ALNUM, AnchoredSecretRecognizer, has_mixed_classes

# Every match contains one of these (case-insensitive substrings); the fast path relies on it.
# (LOOSE_TOKEN matches cover the one pattern without a keyword.)
REQUIRED_KEYWORDS: tuple[str, ...] = ("pass", "pw", "pin", "密码", "口令")

# A printable ASCII token of 8-32 characters with a letter and a digit: what a chosen
# password looks like. Tokens longer than 32 are keys, hashes or addresses.
LOOSE_TOKEN = regex.compile(
    r"(?<![!-~])(?=[!-~]{8,32}+(?![!-~]))(?=[!-~]*?[0-9])(?=[!-~]*?[A-Za-z])[!-~]{8,32}+"
)
_URL_OR_EMAIL = regex.compile(r"://|^www\.|@[A-Za-z0-9\-]+\.[A-Za-z]")
_MASKED_PART = regex.compile(r"\*\*|\.\.\.|…")
_NAMES_A_PASSWORD = regex.compile(r"(?i:pass(?:word|wd)|pwd)")
_LETTER = regex.compile(r"[A-Za-z]")
_DIGIT = regex.compile(r"[0-9]")
_LONG_KEYWORDS = (
    r"(?i:pass(?:word|wd|code)|pwd)"
    r"|(?:登录|登陆|交易|资金|支付|提现|账户|账号|邮箱)?密码|口令"
)
# Separator: ":", "=", "is", 是/为 (after NFKC, "：" is ":").
_SEPARATOR = r"[ \t]{0,3}(?P<sep>[:=]|(?i:is)(?=[ \t])|[是为為]|就是)[ \t]{0,3}"
_VALUE = r"(?P<secret>[!-~]{4,128}+)"


class PasswordRecognizer(AnchoredSecretRecognizer):
    """Recognize passwords given after a keyword, in English and Chinese.

    A keyword alone is not enough ("忘记密码怎么办", "reset my password"): a printable
    ASCII value must follow. Values with digits, symbols or mixed case score high; a plain
    lowercase word only counts after an explicit ":" or "=" ("password is wrong" does not).
    """

    ENTITY = PASSWORD
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "password keyword, separator, value",
            NOT_AFTER_ALNUM + rf"(?:{_LONG_KEYWORDS}){_SEPARATOR}{_VALUE}",
            0.85,
        ),
        # No separator: "密码Abc12345", "password hunter2!" (only chosen-looking values).
        Pattern(
            "password keyword, value",
            NOT_AFTER_ALNUM + rf"(?:{_LONG_KEYWORDS})[ \t]{{0,3}}{_VALUE}",
            0.7,
        ),
        # Short keywords: "pw=...", "pass: ...", "pass Qq1977139", "PIN 370254".
        Pattern(
            "short password keyword",
            NOT_AFTER_ALNUM
            + r"(?i:pw|pass|pin)(?![A-Za-z0-9])[ \t]{0,2}(?P<sep>[:=]|(?i:is|was)(?=[ \t]))?"
            + r"[ \t]{0,2}"
            + _VALUE,
            0.7,
        ),
        # No keyword: a password-shaped token, raised by context or by its own shape.
        Pattern("password-shaped token", LOOSE_TOKEN.pattern, 0.15),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "password",
        "passwords",
        "passwd",
        "passcode",
        "pwd",
        "pw",
        "pass",
        "pin",
        "login",
        "密码",
        "口令",
    ]

    # Words around a login attempt: enough for a token that has letters, digits and a symbol
    # ("tried monkey520# and summer666#, neither works"), not for plainer tokens.
    ATTEMPT_CONTEXT: ClassVar[list[str]] = [
        "tried",
        "try",
        "trying",
        "login",
        "log in",
        "sign in",
        "locked",
        "登录",
        "登陆",
        "登不上",
        "试了",
    ]

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(supported_language, patterns, context, name)
        self._attempt = ContextMatcher(self.ATTEMPT_CONTEXT)

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Lift symbol-bearing tokens near a login attempt; the engine adds keyword context."""
        if nlp_artifacts is None or not nlp_artifacts.tokens_indices:
            return raw_recognizer_results
        index = WindowIndex.of(nlp_artifacts)
        for result in raw_recognizer_results:
            metadata = result.recognition_metadata
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue  # keyword-anchored
            token = text[result.start : result.end]
            has_symbol = any(not c.isalnum() for c in token)
            if not (has_symbol and _LETTER.search(token) and _DIGIT.search(token)):
                continue
            word, _ = index.find_near(self._attempt, result.start, result.end, 6, 3)
            if word:
                result.score = max(result.score, 0.55)
                metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return raw_recognizer_results

    def score_match(self, secret: str, match: regex.Match[str], pattern: Pattern) -> float:
        """Grade the value: chosen-looking values are passwords, plain words rarely are."""
        if pattern.name == "password-shaped token":
            return self._score_token(secret, pattern.score)
        separator = match.groupdict().get("sep")
        # A question mark or full stop ends the sentence, not the password ("manager?").
        if has_mixed_classes(secret.rstrip("?.!,")):
            return pattern.score
        if separator in (":", "="):
            return 0.6
        # "password is wrong", "password reset": a plain lowercase word is no password.
        return 0.2

    @staticmethod
    def _score_token(token: str, base: float) -> float:
        """Upper, lower, digit and symbol together is a password even without context."""
        if _URL_OR_EMAIL.search(token) or _MASKED_PART.search(token):
            return 0.0
        if _NAMES_A_PASSWORD.search(token):
            # "password123" talks about passwords ("don't use password123"); one actually
            # given as a password comes after a keyword and is caught there.
            return 0.0
        classes = (
            any(c.isupper() for c in token)
            + any(c.islower() for c in token)
            + any(c.isdigit() for c in token)
            # "=", ":" and "/" join a name to a value ("ratio=Max10") rather than spice a
            # password.
            + any(not c.isalnum() and c not in "=:/" for c in token)
        )
        if classes == 4 and len(token) >= 8:
            return 0.55
        return base + 0.05 * (classes - 1)


__all__ = ["LOOSE_TOKEN", "REQUIRED_KEYWORDS", "PasswordRecognizer"]
