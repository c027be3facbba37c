"""Pure validators for identifiers: checksums and encodings."""

from __future__ import annotations

from privacy.validators.base58 import (
    BASE58_ALPHABET,
    b58decode,
    b58decode_check,
    b58encode,
    b58encode_check,
)
from privacy.validators.cn_id import PROVINCE_CODES, cn_id_check_char, is_valid_cn_resident_id
from privacy.validators.eip55 import is_checksummed, to_checksum_address
from privacy.validators.luhn import has_card_iin, is_luhn_valid, luhn_check_digit
from privacy.validators.segwit import is_segwit_address

__all__ = [
    "BASE58_ALPHABET",
    "PROVINCE_CODES",
    "b58decode",
    "b58decode_check",
    "b58encode",
    "b58encode_check",
    "cn_id_check_char",
    "has_card_iin",
    "is_checksummed",
    "is_luhn_valid",
    "is_segwit_address",
    "is_valid_cn_resident_id",
    "luhn_check_digit",
    "to_checksum_address",
]
