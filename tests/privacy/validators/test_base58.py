from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.validators.base58 import b58decode, b58decode_check, b58encode, b58encode_check


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(b"Hello World!", "2NEpo7TZRRrLZSi2U", id="ietf-draft-hello-world"),
        pytest.param(bytes.fromhex("0000287fb4cd"), "11233QC4", id="ietf-draft-leading-zeros"),
        pytest.param(b"", "", id="empty"),
        pytest.param(b"\x00", "1", id="one-zero-byte"),
    ],
)
def test_known_vectors(data: bytes, text: str) -> None:
    assert b58encode(data) == text
    assert b58decode(text) == data


@pytest.mark.parametrize(
    ("address", "payload_hex"),
    [
        pytest.param(
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "0062e907b15cbf27d5425399ebf6f0fb50ebb88f18",
            id="btc-genesis-p2pkh",
        ),
        pytest.param(
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            "41a614f803b6fd780986a42c78ec9c7f77e6ded13c",
            id="tron-usdt-contract",
        ),
    ],
)
def test_decode_check_returns_payload(address: str, payload_hex: str) -> None:
    assert b58decode_check(address) == bytes.fromhex(payload_hex)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", id="last-char-changed"),
        pytest.param("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0", id="zero-not-in-alphabet"),
        pytest.param("1Il0O", id="ambiguous-characters"),
        pytest.param("1111", id="too-short-for-checksum"),
    ],
)
def test_decode_check_rejects(text: str) -> None:
    assert b58decode_check(text) is None


@given(st.binary(max_size=64))
def test_roundtrip(data: bytes) -> None:
    assert b58decode(b58encode(data)) == data
    assert b58decode_check(b58encode_check(data)) == data
