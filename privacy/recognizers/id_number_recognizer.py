"""ID_NUMBER: Chinese resident identity numbers (validated) and passport numbers (in context)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from privacy.validators.cn_id import is_valid_cn_resident_id
from privacy.validators.context import ContextWords

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["BeaconIdNumberRecognizer"]

_START = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9A-Za-z])"
_PASSPORT_PATTERN = "passport (1-2 letters + 7-8 digits, 9 digits, or Korean M123A4567)"


class BeaconIdNumberRecognizer(PatternRecognizer):
    """Recognize identity document numbers.

    A resident ID (18 characters: region, birth date, sequence, MOD 11-2 check character) is
    validated and needs no context; it may be split into region, birth date and sequence groups.
    A passport number (E12345678, G12345678, EA1234567, or 9 digits) has no checksum and looks
    like many other codes, so it is reported only next to a passport or document-number word.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "CN resident ID",
            # Also written as region / birth date / sequence: "350203 19690920 4775".
            _START
            + r"[1-8][0-9]{5}[ \-]?(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
            + r"[ \-]?[0-9]{3}[0-9Xx]"
            + _END,
            0.4,
        ),
        # Chinese passports (E12345678, EA1234567) and others with letters; 9 digits (US).
        # Korean passports put a letter among the digits (M123A4567).
        Pattern(
            _PASSPORT_PATTERN,
            _START
            + r"(?:[A-Za-z]{1,2}[0-9]{7,8}|[0-9]{9}|[A-Za-z][0-9]{3}[A-Za-z][0-9]{4})"
            + _END,
            0.4,
        ),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "id card",
        "id number",
        "identity",
        "national id",
        "resident id",
        "passport",
        "passport no",
        "身份证",
        "身份证号",
        "身份证号码",
        "证件号",
        "证件号码",
        "护照",
        "护照号",
        "护照号码",
    ]

    PASSPORT_CONTEXT: ClassVar[list[str]] = [
        "passport",
        "document number",
        "document no",
        "travel document",
        "护照",
        "证件号",
        "证件号码",
    ]

    CONTEXT_SCORE = 0.85

    def __init__(
        self,
        supported_language: str = "en",
        supported_entity: str = "ID_NUMBER",
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
    ) -> None:
        self._passport_words = ContextWords(self.PASSPORT_CONTEXT, before=24, after=16)
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns if patterns is not None else list(self.PATTERNS),
            context=context if context is not None else list(self.CONTEXT),
            supported_language=supported_language,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find IDs; keep a passport-shaped code only when a passport word is nearby."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        passports = [result for result in results if _is_passport(result)]
        kept = [result for result in results if not _is_passport(result)]
        with_context = [
            result
            for result in passports
            if self._passport_words.near(text, result.start, result.end)
        ]
        self._passport_words.boost(text, with_context, self.CONTEXT_SCORE)
        return kept + with_context

    def validate_result(self, pattern_text: str) -> bool | None:
        """Check region, birth date and check character of a resident ID."""
        compact = pattern_text.replace(" ", "").replace("-", "")
        if len(compact) == 18:
            return is_valid_cn_resident_id(compact)
        return None


def _is_passport(result: RecognizerResult) -> bool:
    explanation = result.analysis_explanation
    return explanation is not None and explanation.pattern_name == _PASSPORT_PATTERN
