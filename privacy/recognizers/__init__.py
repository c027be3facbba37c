"""One Presidio recognizer per entity type (two for BANK_CARD: the card number and its CVV);
``privacy.registry`` puts them together."""

from __future__ import annotations

from privacy.recognizers.account_id_recognizer import BeaconAccountIdRecognizer
from privacy.recognizers.api_secret_recognizer import BeaconApiSecretRecognizer
from privacy.recognizers.bank_card_recognizer import BeaconBankCardRecognizer
from privacy.recognizers.card_security_code_recognizer import BeaconCardSecurityCodeRecognizer
from privacy.recognizers.crypto_address_recognizer import BeaconCryptoAddressRecognizer
from privacy.recognizers.email_recognizer import BeaconEmailRecognizer
from privacy.recognizers.id_number_recognizer import BeaconIdNumberRecognizer
from privacy.recognizers.password_recognizer import BeaconPasswordRecognizer
from privacy.recognizers.phone_recognizer import BeaconPhoneRecognizer
from privacy.recognizers.private_key_recognizer import BeaconPrivateKeyRecognizer
from privacy.recognizers.seed_phrase_recognizer import BeaconSeedPhraseRecognizer
from privacy.recognizers.tx_hash_recognizer import BeaconTxHashRecognizer
from privacy.recognizers.verification_code_recognizer import BeaconVerificationCodeRecognizer

__all__ = [
    "BeaconAccountIdRecognizer",
    "BeaconApiSecretRecognizer",
    "BeaconBankCardRecognizer",
    "BeaconCardSecurityCodeRecognizer",
    "BeaconCryptoAddressRecognizer",
    "BeaconEmailRecognizer",
    "BeaconIdNumberRecognizer",
    "BeaconPasswordRecognizer",
    "BeaconPhoneRecognizer",
    "BeaconPrivateKeyRecognizer",
    "BeaconSeedPhraseRecognizer",
    "BeaconTxHashRecognizer",
    "BeaconVerificationCodeRecognizer",
]
