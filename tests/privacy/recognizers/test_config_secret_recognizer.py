"""Secrets in code and config (API_SECRET): named matches and non-matches."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy.prefilter import Prefilter
from privacy.recognizers.config_secret_recognizer import BeaconConfigSecretRecognizer
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconConfigSecretRecognizer(supported_language="en")

POSITIVES = [
    ("quoted json field", '"client_token": "k3Jd9sQm2LpX8vRt"', "k3Jd9sQm2LpX8vRt"),
    ("python assignment", "BOT_SECRET = 'q8Zr2mXv5NcT1bLw9kPd'", "q8Zr2mXv5NcT1bLw9kPd"),
    ("getenv default", 'os.getenv("auth_token", "5f1c2e9a-77b4-4c1e-9d02-6a1b3c4d5e6f")',
     "5f1c2e9a-77b4-4c1e-9d02-6a1b3c4d5e6f"),
    ("bare key=", "key=Hq7vT2mZ9xLc4NbR8sWd", "Hq7vT2mZ9xLc4NbR8sWd"),
    ("random base64 on any field", "mimo=Zx81Kp0qLm3Vb7Nc2Td5Rf9Gh4Jw6Ys1",
     "Zx81Kp0qLm3Vb7Nc2Td5Rf9Gh4Jw6Ys1"),
    ("issued key pasted alone", "Nq0lDk3sV8zR2xTy6WmB1cPfH9gJ4uLe7aOiQ5nSbXrK0tYwZ2vC8dMh3jF6pGqE",
     "Nq0lDk3sV8zR2xTy6WmB1cPfH9gJ4uLe7aOiQ5nSbXrK0tYwZ2vC8dMh3jF6pGqE"),
]  # fmt: skip

NEGATIVES = [
    ("placeholder", "apiKey: 'YOUR_API_KEY'"),
    ("template", "api_secret = '<api_secret>'"),
    ("documented example", "aws_access_key = 'AKIAIOSFODNN7EXAMPLE'"),
    ("repeated chunk", "value: AKIATESTTESTTESTTEST"),
    ("code reference", "secret_length = X25519.secret_length"),
    ("metadata field", 'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"'),
    ("version field", "MantleAPI_version=9a038989604e8da62ecddbe2094b16ce1b778be1"),
    ("an alphabet", 'const validKeyChars = "0123456789abcdefghijklmnopqrstuvwxyz_-."'),
    ("empty value", "GITHUB_API_KEY=\nDYNATRACE_API_KEY="),
    ("words", 'title = "GettingStartedWithTheApi2024"'),
    ("git sha without a secret name", 'SRCREV_moby = "43fc912ef59a83054ea7f6706df4d53a7dea4d80"'),
    ("a Solana signature (base58)",
     "5h6xBEauJ3PK6SWCZ1PGjBvj8vDdWG3KpwATGy1ARAXFSDwt8GFXM7W5Ncn16wmqokgpiKRLuS83KUxyZyv2sUYv"),
    ("chat", "hello, everyone: withdrawals are open again"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_the_config_secret(name: str, text: str, value: str) -> None:
    assert found(RECOGNIZER, text) == [value]


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_what_is_not_a_config_secret(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


@settings(max_examples=60, deadline=None)
@given(
    raw=st.binary(min_size=24, max_size=48),
    name=st.sampled_from(["api_token", "CLIENT_SECRET", "authKey", "mysecret"]),
    quote=st.sampled_from(['"', "'"]),
)
def test_any_random_secret_in_a_named_field_is_found_and_passes_the_fast_path(
    raw: bytes, name: str, quote: str
) -> None:
    value = base64.b64encode(raw).decode()
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return
    text = f"{name} = {quote}{value}{quote}"
    assert found(RECOGNIZER, text) == [value]
    assert "API_SECRET" in Prefilter().candidates(text)
