"""The one place that decides which recognizers Beacon runs, for which languages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerRegistry

from privacy.nlp import SUPPORTED_LANGUAGES
from privacy.recognizers.account_id_recognizer import BeaconAccountIdRecognizer
from privacy.recognizers.api_secret_recognizer import BeaconApiSecretRecognizer
from privacy.recognizers.config_secret_recognizer import BeaconConfigSecretRecognizer
from privacy.recognizers.password_recognizer import BeaconPasswordRecognizer
from privacy.recognizers.private_key_recognizer import BeaconPrivateKeyRecognizer
from privacy.recognizers.seed_phrase_recognizer import BeaconSeedPhraseRecognizer
from privacy.recognizers.solana_key_recognizer import BeaconSolanaKeyRecognizer
from privacy.recognizers.totp_key_recognizer import BeaconTotpKeyRecognizer
from privacy.recognizers.verification_code_recognizer import BeaconVerificationCodeRecognizer

SECRET_RECOGNIZERS: tuple[type[EntityRecognizer], ...] = (
    BeaconPasswordRecognizer,
    BeaconSeedPhraseRecognizer,
    BeaconPrivateKeyRecognizer,
    BeaconSolanaKeyRecognizer,
    BeaconApiSecretRecognizer,
    BeaconConfigSecretRecognizer,
    BeaconVerificationCodeRecognizer,
    BeaconTotpKeyRecognizer,
    BeaconAccountIdRecognizer,
)


def identifier_recognizers() -> tuple[type[EntityRecognizer], ...]:
    """The identifier recognizers (hashes, addresses, contact, identity and card data)."""
    from privacy.recognizers.bank_card_recognizer import BeaconBankCardRecognizer
    from privacy.recognizers.card_security_code_recognizer import (
        BeaconCardSecurityCodeRecognizer,
    )
    from privacy.recognizers.crypto_address_recognizer import BeaconCryptoAddressRecognizer
    from privacy.recognizers.email_recognizer import BeaconEmailRecognizer
    from privacy.recognizers.id_number_recognizer import BeaconIdNumberRecognizer
    from privacy.recognizers.national_id_recognizer import BeaconNationalIdRecognizer
    from privacy.recognizers.national_phone_recognizer import BeaconNationalPhoneRecognizer
    from privacy.recognizers.phone_recognizer import BeaconPhoneRecognizer
    from privacy.recognizers.tx_hash_recognizer import BeaconTxHashRecognizer

    return (
        BeaconTxHashRecognizer,
        BeaconCryptoAddressRecognizer,
        BeaconEmailRecognizer,
        BeaconPhoneRecognizer,
        BeaconNationalPhoneRecognizer,
        BeaconIdNumberRecognizer,
        BeaconNationalIdRecognizer,
        BeaconBankCardRecognizer,
        BeaconCardSecurityCodeRecognizer,
    )


def all_recognizers() -> tuple[type[EntityRecognizer], ...]:
    """All recognizer classes (a type may have several: BANK_CARD the number and the CVV,
    PRIVATE_KEY chain keys and Solana keys, API_SECRET keyword-anchored and config-style,
    VERIFICATION_CODE codes and authenticator setup keys)."""
    return SECRET_RECOGNIZERS + identifier_recognizers()


def build_registry(
    recognizers: Sequence[type[EntityRecognizer]] | None = None,
    languages: Iterable[str] = SUPPORTED_LANGUAGES,
    options: dict[type[EntityRecognizer], dict[str, Any]] | None = None,
) -> RecognizerRegistry:
    """Build a registry with one instance of each recognizer class per language.

    ``options`` passes extra constructor arguments to one class, e.g.
    ``{BeaconEmailRecognizer: {"official_domains": ["example.com"]}}``.
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
