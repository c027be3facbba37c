"""The one place that decides which recognizers Beacon runs, for which languages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

from privacy.nlp import SUPPORTED_LANGUAGES
from privacy.recognizers.account_id_recognizer import AccountIdRecognizer
from privacy.recognizers.api_secret_recognizer import ApiSecretRecognizer
from privacy.recognizers.password_recognizer import PasswordRecognizer
from privacy.recognizers.private_key_recognizer import PrivateKeyRecognizer
from privacy.recognizers.seed_phrase_recognizer import SeedPhraseRecognizer
from privacy.recognizers.verification_code_recognizer import VerificationCodeRecognizer

SECRET_RECOGNIZERS: tuple[type[EntityRecognizer], ...] = (
    PasswordRecognizer,
    SeedPhraseRecognizer,
    PrivateKeyRecognizer,
    ApiSecretRecognizer,
    VerificationCodeRecognizer,
    AccountIdRecognizer,
)


def identifier_recognizers() -> tuple[type[EntityRecognizer], ...]:
    """The six identifier recognizers (hashes, addresses, contact and identity data)."""
    from privacy.recognizers.bank_card_recognizer import BankCardRecognizer
    from privacy.recognizers.crypto_address_recognizer import CryptoAddressRecognizer
    from privacy.recognizers.email_recognizer import EmailRecognizer
    from privacy.recognizers.id_number_recognizer import IdNumberRecognizer
    from privacy.recognizers.phone_recognizer import PhoneRecognizer
    from privacy.recognizers.tx_hash_recognizer import TxHashRecognizer

    return (
        TxHashRecognizer,
        CryptoAddressRecognizer,
        EmailRecognizer,
        PhoneRecognizer,
        IdNumberRecognizer,
        BankCardRecognizer,
    )


def all_recognizers() -> tuple[type[EntityRecognizer], ...]:
    """All twelve recognizer classes."""
    return SECRET_RECOGNIZERS + identifier_recognizers()


def build_registry(
    recognizers: Sequence[type[EntityRecognizer]] | None = None,
    languages: Iterable[str] = SUPPORTED_LANGUAGES,
    options: dict[type[EntityRecognizer], dict[str, Any]] | None = None,
) -> RecognizerRegistry:
    """Build a registry with one instance of each recognizer class per language.

    ``options`` passes extra constructor arguments to one class, e.g.
    ``{EmailRecognizer: {"official_domains": ["example.com"]}}``.
    """
    classes = all_recognizers() if recognizers is None else tuple(recognizers)
    language_list = list(languages)
    extra = options or {}
    instances: list[EntityRecognizer] = [
        cls(supported_language=language, **extra.get(cls, {}))
        for language in language_list
        for cls in classes
    ]
    return RecognizerRegistry(recognizers=instances, supported_languages=language_list)


__all__ = [
    "SECRET_RECOGNIZERS",
    "all_recognizers",
    "build_registry",
    "identifier_recognizers",
]
