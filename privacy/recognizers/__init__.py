"""One Presidio recognizer per entity type; ``privacy.registry`` puts them together."""

from __future__ import annotations

from privacy.recognizers.account_id_recognizer import AccountIdRecognizer
from privacy.recognizers.api_secret_recognizer import ApiSecretRecognizer
from privacy.recognizers.bank_card_recognizer import BankCardRecognizer
from privacy.recognizers.crypto_address_recognizer import CryptoAddressRecognizer
from privacy.recognizers.email_recognizer import EmailRecognizer
from privacy.recognizers.id_number_recognizer import IdNumberRecognizer
from privacy.recognizers.password_recognizer import PasswordRecognizer
from privacy.recognizers.phone_recognizer import PhoneRecognizer
from privacy.recognizers.private_key_recognizer import PrivateKeyRecognizer
from privacy.recognizers.seed_phrase_recognizer import SeedPhraseRecognizer
from privacy.recognizers.tx_hash_recognizer import TxHashRecognizer
from privacy.recognizers.verification_code_recognizer import VerificationCodeRecognizer

__all__ = [
    "AccountIdRecognizer",
    "ApiSecretRecognizer",
    "BankCardRecognizer",
    "CryptoAddressRecognizer",
    "EmailRecognizer",
    "IdNumberRecognizer",
    "PasswordRecognizer",
    "PhoneRecognizer",
    "PrivateKeyRecognizer",
    "SeedPhraseRecognizer",
    "TxHashRecognizer",
    "VerificationCodeRecognizer",
]
