"""The fast path: a cheap test of which private data a message might hold.

Most chat messages ("gm", "when listing?", "提现审核要多久") hold nothing private and must
not pay for a full Presidio analysis. ``Prefilter.candidates`` evaluates necessary
conditions, one or more per entity type: a type left out cannot produce a finding that
reaches its threshold, so only the recognizers of the returned types run, and an empty set
means no analysis at all. The conditions:

- "@": e-mail addresses;
- a card security code's name with 3-4 digits right after it ("cvv 318", "安全码是318"): the
  recognizer's own pattern, cheap because it is anchored on the name;
- 6 digits in a row, two 4-digit groups, a 3-3-4 number, or "+"/"00" with 7 digits after it:
  cards, phones, ID numbers, passports; with a password word anywhere also passwords (a 6-digit
  fund password); a letter, 3 digits, a letter and 4 digits: a Korean passport;
- the same plus an account word anywhere (UID, 用户ID, account id...): account ids; with an
  account word, a 3+3 split ("482 913 738") too: an id read out in groups;
- 4 digits in a row, a 3+3 split ("388 667") or 4 single digits ("4 0 0 6"), plus a
  verification-code word anywhere (验证码, code, OTP...): codes.
  Codes and account ids never reach their threshold without a context word; these gates
  are off for a type whose threshold is at or below its base score;
- an ASCII alphanumeric run of 11+ with a digit, or 20+ letters: hashes, addresses, keys,
  an exchange API key pasted alone;
- 4+ hex groups separated by single spaces or dashes, or "[" and numbers with commas: a
  private key written in groups, a Solana keypair's byte array;
- an authenticator setup key's shape (base32 in one piece or in groups, "otpauth://"):
  verification codes;
- a field assigned a value with a digit ("key=...", "'token': '...'"): config secrets;
- a keyword of the keyword-anchored recognizers (password, API secret, PEM header), matched
  as a case-insensitive substring through a trie-shaped regex, with 4 printable ASCII
  characters within 16 characters after it: the value those recognizers require;
- a printable ASCII token of 8+ characters with a letter and a digit: a password on its own;
- a one-letter password field ("p:", "P="): a credential pair;
- 12+ BIP39 words in a row as the seed phrase recognizer counts them (simplified or
  traditional Chinese, English words or their four-letter prefixes); for Chinese written
  without spaces, only if some 12-24 character window has a valid BIP39 checksum; or a
  base64 string long enough to encode a phrase.

``tests/privacy/test_prefilter.py`` checks the promise against the full analysis with
hypothesis-generated messages and the labeled corpus.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from privacy import entities as E
from privacy.recognizers.account_id_recognizer import BeaconAccountIdRecognizer
from privacy.recognizers.api_secret_recognizer import REQUIRED_KEYWORDS as API_KEYWORDS
from privacy.recognizers.card_security_code_recognizer import SECURITY_CODE_REGEX
from privacy.recognizers.config_secret_recognizer import ASSIGNMENT_SHAPE
from privacy.recognizers.password_recognizer import (
    LOOSE_TOKEN,
    PASSWORD_FIELD,
    BeaconPasswordRecognizer,
)
from privacy.recognizers.password_recognizer import REQUIRED_KEYWORDS as PASSWORD_KEYWORDS
from privacy.recognizers.seed_phrase_recognizer import (
    GAP_CHARACTERS,
    MNEMONIC_LENGTHS,
    UNSPACED_SEARCH_LIMIT,
    Bip39Wordlists,
    base64_candidates,
    checksum_is_valid,
    find_all_word_runs,
)
from privacy.recognizers.solana_key_recognizer import BYTE_ARRAY_START
from privacy.recognizers.totp_key_recognizer import TOTP_KEY_SHAPE
from privacy.recognizers.verification_code_recognizer import BeaconVerificationCodeRecognizer

# Keywords whose presence a keyword-anchored recognizer requires.
REQUIRED_KEYWORDS: dict[str, tuple[str, ...]] = {
    E.PASSWORD: PASSWORD_KEYWORDS,
    E.API_SECRET: API_KEYWORDS,
    E.PRIVATE_KEY: ("private key",),  # PEM: "-----BEGIN ... PRIVATE KEY-----"
}
# A keyword-anchored value: printable ASCII, at most 16 characters after the keyword.
_VALUE_AFTER_KEYWORD = r"[^\n]{0,16}?[!-~]{4}"

_NUMBERS = regex.compile(
    r"[0-9]{6}|[0-9]{4}[ \-]?[0-9]{4}|(?:\+|00)(?=(?:[ .\-()]{0,2}[0-9]){7})"
    r"|[0-9]{3}\)?[ .\-]{1,2}[0-9]{3}[ .\-][0-9]{4}"
)
# A passport number with a letter among its digits (Korean: M123A4567).
_LETTERED_PASSPORT = regex.compile(
    r"(?<![A-Za-z0-9])[A-Za-z][0-9]{3}[A-Za-z][0-9]{4}(?![A-Za-z0-9])"
)
# An id read out in groups ("4829 1738", "482-913-738").
_SPLIT_NUMBER = regex.compile(r"[0-9]{3}[ \-][0-9]{3}")
_SHORT_NUMBERS = regex.compile(r"[0-9]{4}|[0-9]{3}[ \-][0-9]{3}|[0-9](?:[ \-][0-9]){3}")
_LONG_ALNUM = regex.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]{11})[A-Za-z]*+[0-9]|[A-Za-z]{20}")
_HEX_GROUPS = regex.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{4,}+(?:[ \-][0-9A-Fa-f]{4,}+){3}")
_GAP = rf"[{GAP_CHARACTERS}]"
# Twelve words (or CJK characters) in a row with only separators between them: the cheap
# shape test before the word lists are consulted.
_TWELVE_WORDS = regex.compile(
    rf"(?:[A-Za-z]++{_GAP}{{1,8}}+){{11}}[A-Za-z]|[\u4e00-\u9fff](?:{_GAP}{{0,8}}+[\u4e00-\u9fff]){{11}}"
)

NUMERIC_ENTITIES = frozenset({E.BANK_CARD, E.PHONE_NUMBER, E.ID_NUMBER})
# A bare number of these types scores below the line; only a context word lifts it over.
CONTEXT_GATES: dict[str, tuple[str, ...]] = {
    E.VERIFICATION_CODE: tuple(BeaconVerificationCodeRecognizer.CONTEXT),
    E.ACCOUNT_ID: tuple(BeaconAccountIdRecognizer.CONTEXT),
}
LONG_TOKEN_ENTITIES = frozenset({E.TX_HASH, E.CRYPTO_ADDRESS, E.PRIVATE_KEY, E.API_SECRET})


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped like a trie (shared prefixes written once)."""
    trie: dict[str, dict] = {}
    for word in {w.lower() for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [
            regex.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


def trie_regex(words: Iterable[str]) -> regex.Pattern[str]:
    """Compile words into one case-insensitive trie-shaped regex."""
    return regex.compile(trie_pattern(words), regex.IGNORECASE)


class Prefilter:
    """Decides, cheaply, which entity types a (normalised) message could hold."""

    def __init__(
        self,
        keywords: dict[str, tuple[str, ...]] | None = None,
        wordlists: Bip39Wordlists | None = None,
        context_gates: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """``context_gates`` maps an entity type to the words one of which must appear for
        that type to be a candidate (default ``CONTEXT_GATES``). Leave a type out when its
        threshold is at or below its base score: then a bare number counts."""
        self._keyword_values = [
            (
                entity,
                regex.compile(f"(?:{trie_pattern(words)}){_VALUE_AFTER_KEYWORD}", regex.IGNORECASE),
            )
            for entity, words in (keywords or REQUIRED_KEYWORDS).items()
        ]
        gates = CONTEXT_GATES if context_gates is None else context_gates
        self._gates = {entity: trie_regex(words) for entity, words in gates.items()}
        self._pin_words = trie_regex(BeaconPasswordRecognizer.PIN_CONTEXT)
        self._wordlists = wordlists or Bip39Wordlists.load()

    def might_be_private(self, text: str) -> bool:
        """False only if no recognizer could find anything reaching its threshold."""
        return bool(self.candidates(text))

    def candidates(self, text: str) -> frozenset[str]:
        """The entity types whose recognizers could find something in ``text``.

        Empty means the message is clean; otherwise only these recognizers need to run.
        """
        found: set[str] = set()
        if "@" in text:
            found.add(E.EMAIL_ADDRESS)
        if SECURITY_CODE_REGEX.search(text) is not None:
            found.add(E.BANK_CARD)
        if _LETTERED_PASSPORT.search(text) is not None:
            found.add(E.ID_NUMBER)
        if _NUMBERS.search(text) is not None:
            found |= NUMERIC_ENTITIES
            found |= self._through_gate(text, (E.ACCOUNT_ID, E.VERIFICATION_CODE))
            if self._pin_words.search(text) is not None:
                found.add(E.PASSWORD)  # a 6-digit password after a password word
        elif _SHORT_NUMBERS.search(text) is not None:
            found |= self._through_gate(text, (E.VERIFICATION_CODE,))
            if _SPLIT_NUMBER.search(text) is not None:
                found |= self._through_gate(text, (E.ACCOUNT_ID,))
        if _LONG_ALNUM.search(text) is not None:
            found |= LONG_TOKEN_ENTITIES
        if _HEX_GROUPS.search(text) is not None or BYTE_ARRAY_START.search(text) is not None:
            found.add(E.PRIVATE_KEY)
        if TOTP_KEY_SHAPE.search(text) is not None:
            found.add(E.VERIFICATION_CODE)
        if ASSIGNMENT_SHAPE.search(text) is not None:
            found.add(E.API_SECRET)
        for entity, pattern in self._keyword_values:
            if pattern.search(text) is not None:
                found.add(entity)
        if LOOSE_TOKEN.search(text) is not None or PASSWORD_FIELD.search(text) is not None:
            found.add(E.PASSWORD)
        if self._has_seed_run(text):
            found.add(E.SEED_PHRASE)
        return frozenset(found)

    def _through_gate(self, text: str, entities: tuple[str, ...]) -> set[str]:
        passed = set()
        for entity in entities:
            gate = self._gates.get(entity)
            if gate is None or gate.search(text) is not None:
                passed.add(entity)
        return passed

    def _has_seed_run(self, text: str) -> bool:
        if _LONG_ALNUM.search(text) is not None and base64_candidates(text):
            return True  # a phrase may be base64-encoded
        if _TWELVE_WORDS.search(text) is None:
            return False
        return any(
            self._could_be_seed(run.indexes, run.spaced or run.language == "en")
            for run in find_all_word_runs(text, self._wordlists)
        )

    @staticmethod
    def _could_be_seed(indexes: tuple[int, ...], spaced: bool) -> bool:
        if spaced:
            return True
        # Unspaced Chinese counts only through a checksum-valid window (see the recognizer).
        count = len(indexes)
        if count > UNSPACED_SEARCH_LIMIT:
            return False
        return any(
            checksum_is_valid(indexes[offset : offset + length])
            for length in MNEMONIC_LENGTHS
            for offset in range(count - length + 1)
        )


__all__ = [
    "CONTEXT_GATES",
    "LONG_TOKEN_ENTITIES",
    "NUMERIC_ENTITIES",
    "REQUIRED_KEYWORDS",
    "Prefilter",
    "trie_pattern",
    "trie_regex",
]
