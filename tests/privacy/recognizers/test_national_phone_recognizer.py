"""Phone numbers in national formats (PHONE_NUMBER): matches and non-matches."""

from __future__ import annotations

import pytest

from privacy import build_scanner
from privacy.recognizers.national_phone_recognizer import BeaconNationalPhoneRecognizer
from tests.privacy.recognizers._context import found

RECOGNIZER = BeaconNationalPhoneRecognizer(supported_language="en")

POSITIVES = [
    ("Japan mobile", "My Japanese number is 090-1234-5678", "090-1234-5678"),
    ("Turkey mobile with trunk 0", "Cep no: 05321234567", "05321234567"),
    ("Turkey mobile without it", "Phone: 5321234567", "5321234567"),
    ("Philippines", "Telepono: 09171234567", "09171234567"),
    ("Israel", "My Israeli number is 09-7625400", "09-7625400"),
    ("UK with spaces", "mobile 07700 900123 call after 6", "07700 900123"),
    ("region label", "US: 415-555-0132", "415-555-0132"),
    ("zh word", "我的电话 090-1234-5678", "090-1234-5678"),
]

NEGATIVES = [
    ("no phone word", "ref 090-1234-5678"),
    ("order number", "order number 0312345678"),
    ("a count", "the number of users is 150000000"),
    ("an amount", "phone bill 0901234567 USDT"),
    ("not valid anywhere listed", "phone 0000000000"),
    ("label of a region where it is no number", "JP: 415-555-0132"),
]


@pytest.mark.parametrize(("name", "text", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_the_national_number(name: str, text: str, value: str) -> None:
    assert found(RECOGNIZER, text) == [value]


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores_what_is_not_a_national_number(name: str, text: str) -> None:
    assert found(RECOGNIZER, text) == []


def test_the_scanner_finds_it_through_the_fast_path() -> None:
    text = "Cep no: 05321234567"
    assert [f.type for f in build_scanner().scan(text).findings] == ["PHONE_NUMBER"]
