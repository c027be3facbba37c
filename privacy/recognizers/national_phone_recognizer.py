"""PHONE_NUMBER: numbers written the national way (no "+"), by a phone word or region label."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, ClassVar

import phonenumbers
import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from privacy.entities import PHONE_NUMBER
from privacy.recognizers.base import DECIMAL_OR_GROUP_AFTER, is_amount
from privacy.validators.context import ContextWords

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_START = r"(?<![0-9A-Za-z+\-.,_/])"
_END = rf"(?![0-9A-Za-z]|{DECIMAL_OR_GROUP_AFTER})"
# 9-12 digits in up to four groups: "090-1234-5678", "09-7625400", "05321234567", "(0)20 7946 0958".
_NATIONAL = (
    _START
    + r"(?=(?:[ .\-()]{0,2}[0-9]){9,12}(?![ .\-]?[0-9]))"
    + r"\(?[0-9]{1,12}+\)?(?:[ .\-]{1,2}[0-9]{1,8}+){0,3}+"
    + _END
)
# "US: 415-555-0132", "JP 090-1234-5678": a region's label right before its number.
_REGION_LABEL = regex.compile(r"(?<![A-Za-z])(?P<region>[A-Z]{2})[ \t]*[:：]?[ \t]*\(?$")
_LABEL_ALIASES = {"UK": "GB"}


@cache
def phone_regions() -> tuple[str, ...]:
    """The regions in ``privacy/data/phone_regions.txt``."""
    text = resources.files("privacy").joinpath("data/phone_regions.txt").read_text("utf-8")
    return tuple(
        line.split("#", 1)[0].strip().upper()
        for line in text.splitlines()
        if line.split("#", 1)[0].strip()
    )


@lru_cache(maxsize=4096)
def national_regions(digits: str) -> tuple[str, ...]:
    """The listed regions where ``digits`` (as dialled at home) is a valid number."""
    found = []
    for region in phone_regions():
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number_for_region(number, region):
            found.append(region)
    return tuple(found)


class BeaconNationalPhoneRecognizer(PatternRecognizer):
    """Recognize phone numbers written without a country code, as people write their own.

    "My Japanese number is 090-1234-5678", "Cep no: 05321234567", "Phone: 5321234567": 9-12
    digits that libphonenumber accepts as a national number of a listed region
    (``privacy/data/phone_regions.txt``). Most such digit runs are ids, amounts or order
    numbers, so only a phone word within a few words before the number ("phone", "mobile",
    "cep", "telepono", "電話", "手机"), or the region's own label ("US: 415-555-0132"),
    makes it one. (Mainland mobiles and "+"/"00" numbers are BeaconPhoneRecognizer's.)
    """

    PATTERNS: ClassVar[list[Pattern]] = [Pattern("national number", _NATIONAL, 0.3)]
    CONTEXT: ClassVar[list[str]] = [
        "phone",
        "phone number",
        "mobile",
        "cell",
        "cellphone",
        "tel",
        "telephone",
        "number",
        "call me",
        "whatsapp",
        "viber",
        "telepono",
        "telefono",
        "teléfono",
        "telefon",
        "telefone",
        "celular",
        "cep",
        "handy",
        "numéro",
        "电话",
        "手机",
        "手机号",
        "号码",
        "電話",
        "携帯",
        "전화",
        "휴대폰",
    ]
    # Words after which such a number is an order, account or transaction number.
    NOT_PHONE_CONTEXT: ClassVar[list[str]] = [
        "order",
        "uid",
        "id",
        "txid",
        "account",
        "invoice",
        "ticket",
        "block",
        "订单",
        "单号",
        "编号",
        "账号",
        "流水号",
    ]
    CONTEXT_SCORE = 0.85

    def __init__(
        self,
        supported_language: str = "en",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_entity: str = PHONE_NUMBER,
    ) -> None:
        context = list(context if context is not None else self.CONTEXT)
        self._phone_words = ContextWords(context, before=32, after=0)
        self._not_phone_words = ContextWords(self.NOT_PHONE_CONTEXT, before=16, after=0)
        super().__init__(
            supported_entity=supported_entity,
            supported_language=supported_language,
            patterns=list(patterns if patterns is not None else self.PATTERNS),
            context=context,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Keep valid national numbers named as phones by a word or a region label."""
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            if is_amount(text, result.start, result.end) or self._not_phone_words.near(
                text, result.start, result.end
            ):
                continue
            digits = "".join(c for c in text[result.start : result.end] if c.isdigit())
            if digits.endswith("0000"):
                continue  # "the number of users is 150000000": a count, not a line
            regions = national_regions(digits)
            if not regions:
                continue
            label = _REGION_LABEL.search(text, max(0, result.start - 8), result.start)
            labelled = label is not None and (
                _LABEL_ALIASES.get(label["region"], label["region"]) in regions
            )
            if labelled or self._phone_words.near(text, result.start, result.end):
                result.score = self.CONTEXT_SCORE
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = (
                    True
                )
                kept.append(result)
        return kept

    def validate_result(self, pattern_text: str) -> bool | None:
        """9-12 digits (validity per region is checked in ``analyze``)."""
        digits = sum(c.isdigit() for c in pattern_text)
        return None if 9 <= digits <= 12 else False


__all__ = ["BeaconNationalPhoneRecognizer", "national_regions", "phone_regions"]
