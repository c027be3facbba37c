from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.validators.eip55 import is_checksummed, to_checksum_address

# The test vectors published in EIP-55 (including its all-caps and all-lower examples).
EIP55_VECTORS = [
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]


@pytest.mark.parametrize("address", EIP55_VECTORS)
def test_eip55_vectors(address: str) -> None:
    assert to_checksum_address(address.lower()) == address
    assert to_checksum_address(address.upper().replace("0X", "0x")) == address
    assert is_checksummed(address)


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", id="last-letter-case-flipped"),
        pytest.param("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", id="first-letter-case-flipped"),
        pytest.param("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", id="39-digits"),
        pytest.param("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", id="not-hex"),
    ],
)
def test_rejects(address: str) -> None:
    assert not is_checksummed(address)


def test_to_checksum_address_rejects_non_addresses() -> None:
    with pytest.raises(ValueError):
        to_checksum_address("0x1234")


@given(st.binary(min_size=20, max_size=20), st.data())
def test_random_casing_passes_only_when_it_is_the_checksum(raw: bytes, data: st.DataObject) -> None:
    body = raw.hex()
    upper = data.draw(st.lists(st.booleans(), min_size=40, max_size=40))
    cased = "0x" + "".join(c.upper() if u else c for c, u in zip(body, upper, strict=True))
    assert is_checksummed(cased) == (cased == to_checksum_address(cased))
    assert is_checksummed(to_checksum_address(cased))
