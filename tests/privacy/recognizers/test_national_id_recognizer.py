"""National IDs beyond China's (ID_NUMBER): Aadhaar, NRIC/FIN, Korean RRN."""

from __future__ import annotations

import pytest

from privacy.recognizers.national_id_recognizer import BeaconNationalIdRecognizer
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconNationalIdRecognizer(supported_language="en")

POSITIVES = [
    ("NRIC alone", "NRIC S1234567D was processed", "S1234567D"),
    ("FIN with a T prefix", "my IC is T0123456G", "T0123456G"),
    ("Aadhaar with its word", "My Aadhaar number is 2341 2341 2346", "2341 2341 2346"),
    ("Aadhaar glued", "aadhaar: 234123412346", "234123412346"),
    ("RRN with a check digit", "9601211021413", "9601211021413"),
    ("RRN without one, with its word", "His Korean RRN is 960121-1234567", "960121-1234567"),
]

NEGATIVES = [
    ("NRIC with a wrong letter", "S1234567A"),
    ("Aadhaar without its word", "ref 2341 2341 2346"),
    ("Aadhaar starting with 1", "aadhaar 123456789012"),
    ("Aadhaar failing Verhoeff", "aadhaar 2341 2341 2345"),
    ("RRN-shaped order number", "order 960121-1234567"),
    ("impossible birth date", "RRN 961321-1234567"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_the_national_id(name: str, text: str, value: str) -> None:
    assert found(RECOGNIZER, text) == [value]


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_what_is_not_a_national_id(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []
