"""The private-data entity types Beacon detects (Presidio entity names)."""

from __future__ import annotations

PASSWORD = "PASSWORD"
SEED_PHRASE = "SEED_PHRASE"
PRIVATE_KEY = "PRIVATE_KEY"
API_SECRET = "API_SECRET"
VERIFICATION_CODE = "VERIFICATION_CODE"
ACCOUNT_ID = "ACCOUNT_ID"
TX_HASH = "TX_HASH"
CRYPTO_ADDRESS = "CRYPTO_ADDRESS"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
ID_NUMBER = "ID_NUMBER"
BANK_CARD = "BANK_CARD"

# Most specific first: when two findings overlap with the same score, the earlier one wins
# (a 64-hex string that is a private key is more specific than "some hash").
ALL_ENTITIES: tuple[str, ...] = (
    PRIVATE_KEY,
    SEED_PHRASE,
    API_SECRET,
    PASSWORD,
    VERIFICATION_CODE,
    BANK_CARD,
    ID_NUMBER,
    CRYPTO_ADDRESS,
    TX_HASH,
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    ACCOUNT_ID,
)

SPECIFICITY: dict[str, int] = {entity: rank for rank, entity in enumerate(ALL_ENTITIES)}

__all__ = [
    "ACCOUNT_ID",
    "ALL_ENTITIES",
    "API_SECRET",
    "BANK_CARD",
    "CRYPTO_ADDRESS",
    "EMAIL_ADDRESS",
    "ID_NUMBER",
    "PASSWORD",
    "PHONE_NUMBER",
    "PRIVATE_KEY",
    "SEED_PHRASE",
    "SPECIFICITY",
    "TX_HASH",
    "VERIFICATION_CODE",
]
