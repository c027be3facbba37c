from __future__ import annotations

import pytest
from bech32 import encode as bech32_encode
from hypothesis import given
from hypothesis import strategies as st

from privacy.validators.segwit import is_segwit_address

# BIP-173 / BIP-350 test vectors (mainnet ones) and addresses quoted in wallet documentation.
VALID = [
    pytest.param("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", id="bip173-v0-p2wpkh-upper"),
    pytest.param("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", id="v0-p2wpkh"),
    pytest.param(
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        id="bip350-v1-40-bytes",
    ),
    pytest.param("BC1SW50QGDZ25J", id="bip350-v16"),
    pytest.param("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", id="bip350-v2"),
    pytest.param(
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", id="bip350-taproot"
    ),
]

INVALID = [
    pytest.param(
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
        id="bip350-v1-with-bech32-checksum",
    ),
    pytest.param(
        "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
        id="bip350-v16-with-bech32-checksum",
    ),
    pytest.param("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", id="bip350-v0-with-bech32m"),
    pytest.param("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", id="bip350-v2-with-bech32"),
    pytest.param("bc1gmk9yu", id="bip350-empty-data"),
    pytest.param("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", id="bip173-bad-v0-length"),
    pytest.param("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr", id="checksum-typo"),
    pytest.param("bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", id="mixed-case"),
    pytest.param("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", id="testnet-hrp"),
]


@pytest.mark.parametrize("address", VALID)
def test_valid(address: str) -> None:
    assert is_segwit_address(address)


@pytest.mark.parametrize("address", INVALID)
def test_invalid(address: str) -> None:
    assert not is_segwit_address(address)


@given(st.sampled_from([20, 32]).flatmap(lambda n: st.binary(min_size=n, max_size=n)))
def test_any_v0_program_encoded_by_the_reference_code_is_valid(program: bytes) -> None:
    address = bech32_encode("bc", 0, program)
    assert address is not None
    assert is_segwit_address(address)
    assert is_segwit_address(address.upper())
