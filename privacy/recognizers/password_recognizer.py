"""PASSWORD: a value written right after a password keyword ("password: hunter2!")."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from privacy.context import ContextMatcher, WindowIndex
from privacy.entities import PASSWORD
from privacy.recognizers.base import (
    NOT_AFTER_ALNUM,
    NUMBER_END,
    NUMBER_START,
    AnchoredSecretRecognizer,
    block_boost_on_negative_context,
    has_mixed_classes,
    is_placeholder,
)

# Every match contains one of these (case-insensitive substrings); the fast path relies on it.
# (LOOSE_TOKEN matches cover the one pattern without a keyword.)
REQUIRED_KEYWORDS: tuple[str, ...] = (
    "pass",
    "pw",
    "pin",
    "密码",
    "口令",
    "try",
    "tried",
    "试",
    "://",
)

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
# Separator: ":", "=", "is", "was", "-", "->", 是/为 (after NFKC, "：" is ":").
_SEPARATOR = (
    r"[ \t]{0,3}(?P<sep>[:=]|(?i:is|was)(?=[ \t])|-{1,2}>?(?=[ \t])|[是为為]|就是)[ \t]{0,3}"
)
_VALUE = r"(?P<secret>[!-~]{4,128}+)"
# A login attempt: "tried Qwer981", "试了 abc123", "试过abc123".
_ATTEMPT = (
    r"(?i:tried|trying|try)(?:[ \t]+(?i:with|using|again))?[ \t]*:?"
    r"|试(?:了|过|试)(?:下|一下)?[ \t:]*"
)
_VERSION = regex.compile(r"[vV]?[0-9]+(?:\.[0-9]+)+[A-Za-z0-9.\-]*")
# "u: kevin_538 p: Tiger444": a one-letter password field right after a user field.
_USER_FIELD = r"(?i:u|user(?:name)?|login|acc(?:ount)?|e?mail|id)[ \t]*[:=][ \t]*[^\s]{2,64}+"
_P_FIELD = r"(?<![A-Za-z0-9])[pP][ \t]*[:=]"
# Every credential-pair match contains this; the fast path relies on it.
PASSWORD_FIELD = regex.compile(_P_FIELD)
# A 6-digit number: the shape of Chinese fund, trade and payment passwords.
_PIN_PATTERN = "six-digit number"
_CREDENTIAL_PAIR = "user field, p field"
_URL_CREDENTIALS = "URL credentials"
# Words joined by apostrophes or hyphens: "doesn't", "case-sensitive", "Forgot".
_WORDS = regex.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*")
_INNER_JOINER = regex.compile(r"(?<=[A-Za-z])['\-](?=[A-Za-z])")
# A curly apostrophe ends the ASCII value: "doesn’t" arrives as "doesn" followed by "’t".
_CURLY_TAIL = regex.compile(r"[’‘`][A-Za-z]{1,2}(?![A-Za-z])")
_CONTRACTION_ENDINGS = frozenset({"s", "d", "ll", "re", "ve", "m", "t"})
# After a field value: the end of the line, or punctuation that closes the field.
_FIELD_END = regex.compile(r"[\"'`”’)\]>]?[.!]?[ \t]*(?:$|[\n\r,;(|/]|[\-–—][ \t])")
# Four or more words joined by hyphens are a passphrase ("correct-horse-battery-staple").
_MAX_COMPOUND_PARTS = 3


@cache
def english_words() -> frozenset[str]:
    """Common English words and contractions (``privacy/data/english_words.txt``, SCOWL)."""
    text = resources.files("privacy").joinpath("data/english_words.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def is_english_words(value: str, tail: str = "") -> bool:
    """True for a plain English word as written in a sentence: a dictionary word in lower,
    title or upper case, a contraction ("isn't", "doesn’t" with ``tail`` "’t") or a
    hyphenated compound of up to three dictionary words ("case-sensitive")."""
    if not _WORDS.fullmatch(value):
        return False
    rest = value[1:]
    if rest != rest.lower() and value != value.upper():
        return False  # "SunShine", "HelloWorld": chosen, not written
    word = value.lower()
    words = english_words()
    if tail:
        word += "'" + tail[1:].lower()
    if word in words:
        return True
    if "'" in word:
        stem, _, ending = word.rpartition("'")
        if ending not in _CONTRACTION_ENDINGS or "'" in stem or "-" in stem:
            return False
        if ending == "t" and stem.endswith("n"):
            stem = stem[:-1]  # "mustn't" -> "must"
        return stem in words
    parts = word.split("-")
    return len(parts) <= _MAX_COMPOUND_PARTS and all(part in words for part in parts)


# The pieces a value reads as when it is made of words: "NEXUS", "GPT", "Api", "Key", "2024".
_PIECES = regex.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# A reference in code: "X25519.secret_length", "os.environ", "self.api_key".
CODE_REFERENCE = regex.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
# A call or an expression in code: "APIError(code=-2015)", "get(key)".
_CODE_CALL = regex.compile(r"[A-Za-z_][A-Za-z0-9_.]*\([^()]*(?:\)|$)")
_SENTENCE_PUNCTUATION = "?!.,;:"
_CJK_KEYWORD = regex.compile(r"[\u4e00-\u9fff]")


def reads_as_words(value: str) -> bool:
    """True when most letters of ``value`` belong to dictionary words or short acronyms
    ("NEXUS-GPT4-API-KEY", "2018-Low", "rc0.13.0_SNAPSHOT"): written, not drawn at random."""
    words = english_words()
    letters = sum(c.isalpha() for c in value)
    if not letters:
        return False
    covered = 0
    for piece in _PIECES.findall(value):
        if piece.isalpha() and (
            (len(piece) >= 3 and piece.lower() in words)
            or (piece.isupper() and 2 <= len(piece) <= 5)
        ):
            covered += len(piece)
    return covered >= 0.6 * letters


_HYPHEN_COMPOUND = regex.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")


def _is_hyphen_compound(token: str) -> bool:
    """ "2018-Low", "24-hour", "COVID-19": words and numbers joined by hyphens are prose."""
    if _HYPHEN_COMPOUND.fullmatch(token) is None:
        return False
    words = english_words()
    return all(
        part.isdigit() or part.lower() in words or (part.isupper() and 2 <= len(part) <= 5)
        for part in token.split("-")
    )


def _stands_alone(secret: str, match: regex.Match[str], separator: str | None) -> bool:
    """True for a value written as a field after ":" or "=" that nothing but punctuation or
    the end of the line follows ("password: sunshine", "pw=dragon, pls help")."""
    if separator not in (":", "=") or secret.endswith("?"):
        return False
    raw = match.group("secret")
    end = match.start("secret") + raw.rfind(secret) + len(secret)
    rest = match.string[end : end + 6]
    return _FIELD_END.match(rest) is not None


def _glued_tail(match: regex.Match[str]) -> str:
    """What a curly apostrophe adds right after the value ("’t" in "doesn’t")."""
    tail = _CURLY_TAIL.match(match.string, match.end("secret"))
    return tail.group() if tail else ""


class BeaconPasswordRecognizer(AnchoredSecretRecognizer):
    """Recognize passwords given after a keyword, in English and Chinese.

    A keyword alone is not enough ("忘记密码怎么办", "reset my password"): a printable
    ASCII value must follow. Values with digits, symbols or mixed case score high; a plain
    lowercase word only counts after an explicit ":" or "=" ("password is wrong" does not).

    Without the word itself: a credential pair ("u: kevin_538 p: Tiger444"), a value typed in
    a login attempt ("tried Qwer981", "试了 abc123"), a 6-digit number after a password word
    (Chinese fund and trade passwords), and password-shaped tokens raised by context.
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
            NOT_AFTER_ALNUM + rf"(?:{_LONG_KEYWORDS})[ \t]{{0,3}}(?![:=]){_VALUE}",
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
        Pattern(
            _CREDENTIAL_PAIR,
            NOT_AFTER_ALNUM
            + _USER_FIELD
            + r"[ \t]*[,;|/]?[ \t]*"
            + _P_FIELD
            + r"[ \t]{0,3}(?P<secret>[!-~]{4,64}+)",
            0.7,
        ),
        # "https://user:s3cret@host": the password of a URL's credentials.
        Pattern(
            _URL_CREDENTIALS,
            r"(?i:[a-z][a-z0-9+.\-]{1,15})://[^\s:/@'\"]{1,64}:(?P<secret>[^\s:/@'\"]{3,128})@"
            r"[A-Za-z0-9\-.]+",
            0.85,
        ),
        # "tried Qwer981": a value that was typed into a login form.
        Pattern(
            "login attempt, value",
            NOT_AFTER_ALNUM + rf"(?:{_ATTEMPT})[ \t]{{0,3}}(?P<secret>[!-~]{{6,32}}+)",
            0.6,
        ),
        # "资金密码是多少来着 我设置的应该是907288": raised only by a password word nearby.
        Pattern(_PIN_PATTERN, NUMBER_START + r"[0-9]{6}" + NUMBER_END, 0.2),
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

    # Words that name a 6-digit number as a password (not "login": "login error 100012").
    PIN_CONTEXT: ClassVar[list[str]] = [
        "password",
        "passwd",
        "passcode",
        "pwd",
        "pin",
        "密码",
        "口令",
    ]
    # Words that name a 6-digit number as something else.
    NOT_PIN_CONTEXT: ClassVar[list[str]] = [
        "code",
        "otp",
        "2fa",
        "error",
        "order",
        "uid",
        "id",
        "block",
        "验证码",
        "错误",
        "订单",
        "工单",
        "区块",
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
        self._pin = ContextMatcher(self.PIN_CONTEXT)
        self._not_pin = ContextMatcher(self.NOT_PIN_CONTEXT)

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: list[RecognizerResult],
        other_raw_recognizer_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Lift symbol-bearing tokens near a login attempt and 6-digit numbers right after a
        password word; the engine adds keyword context to the other tokens."""
        if nlp_artifacts is None or not nlp_artifacts.tokens_indices:
            return raw_recognizer_results
        index = WindowIndex.of(nlp_artifacts)
        pins = [r for r in raw_recognizer_results if _is_pin(r)]
        block_boost_on_negative_context(
            pins, nlp_artifacts, self._not_pin, prefix=6, suffix=0, positive=self._pin, text=text
        )
        for result in raw_recognizer_results:
            metadata = result.recognition_metadata
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue  # keyword-anchored, or a number named as something else
            if _is_pin(result):
                # Only a password word before the number counts; "login" or "pass" in
                # "passed" do not, so the engine's context step must not run on it.
                if index.distance_before(self._pin, result.start, result.end, 6) is not None:
                    result.score = max(result.score, 0.55)
                metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
                continue
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
        if pattern.name in (_PIN_PATTERN, _URL_CREDENTIALS):
            return pattern.score
        if pattern.name == "login attempt, value":
            # Something typed in: lowercase letters and digits together; not a version
            # number, and not an upper-case ticker or network name ("TRC20USDT").
            chosen = any(c.islower() for c in secret) and _DIGIT.search(secret)
            return pattern.score if chosen and not _VERSION.fullmatch(secret) else 0.0
        separator = match.groupdict().get("sep")
        # A question mark or full stop ends the sentence, not the password ("manager?").
        value = secret.rstrip("?.!,")
        if (
            pattern.name != _CREDENTIAL_PAIR
            and is_english_words(value, _glued_tail(match))
            and not _stands_alone(secret, match, separator)
        ):
            # "password: forgot it", "password doesn't match", "is case-sensitive?": an
            # English word that carries the sentence on. ("password: sunshine" on its own,
            # or a value in a "u: ... p: ..." pair, is given as the password.)
            return 0.0
        # An apostrophe or hyphen inside a word ("o'brien", "letme-in") is no symbol; more
        # hyphens make a passphrase ("correct-horse-battery-staple").
        if value.count("-") < _MAX_COMPOUND_PARTS:
            value = _INNER_JOINER.sub("", value)
        if has_mixed_classes(value):
            return pattern.score
        if separator in (":", "="):
            return 0.6
        if (
            _CJK_KEYWORD.match(match.group())
            and value.isalpha()
            and len(value) >= 6
            and not is_english_words(value)
        ):
            # "密码 woaiwojia": after a Chinese keyword, Latin letters that are no English
            # word are the password itself (pinyin, a name), not the sentence going on.
            return pattern.score
        # "password is wrong", "password reset": a plain lowercase word is no password.
        return 0.2

    @staticmethod
    def _score_token(token: str, base: float) -> float:
        """Upper, lower, digit and symbol together is a password even without context;
        code ("X25519.KeyPair", "APIError(code=-2015)") and words joined to numbers
        ("2018-Low", "Token2049?") are not."""
        if _URL_OR_EMAIL.search(token) or _MASKED_PART.search(token):
            return 0.0
        token = token.rstrip(_SENTENCE_PUNCTUATION) or token
        if (
            CODE_REFERENCE.fullmatch(token)
            or _CODE_CALL.search(token)
            or _is_hyphen_compound(token)
            or is_placeholder(token)
        ):
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


def _is_pin(result: RecognizerResult) -> bool:
    explanation = result.analysis_explanation
    return explanation is not None and explanation.pattern_name == _PIN_PATTERN


__all__ = [
    "CODE_REFERENCE",
    "LOOSE_TOKEN",
    "PASSWORD_FIELD",
    "REQUIRED_KEYWORDS",
    "BeaconPasswordRecognizer",
    "english_words",
    "is_english_words",
    "reads_as_words",
]
