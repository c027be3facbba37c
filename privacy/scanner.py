"""``PrivacyScanner``: normalise, take the fast path when possible, else run Presidio."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from presidio_analyzer import AnalyzerEngine, RecognizerResult

from privacy.context import TokenWindowContextEnhancer
from privacy.engine import BeaconAnalyzerEngine
from privacy.entities import ACCOUNT_ID, SEED_PHRASE, SPECIFICITY, VERIFICATION_CODE
from privacy.examples import ExampleMarkers
from privacy.language import detect_language
from privacy.nlp import SUPPORTED_LANGUAGES, OfflineNlpEngine
from privacy.normalize import (
    NormalizedText,
    has_invisible_between_letters,
    normalize,
    to_normalized,
)
from privacy.prefilter import CONTEXT_GATES, Prefilter
from privacy.recognizers.account_id_recognizer import BeaconAccountIdRecognizer
from privacy.recognizers.crypto_address_recognizer import is_public_address
from privacy.recognizers.seed_phrase_recognizer import BeaconSeedPhraseRecognizer
from privacy.recognizers.verification_code_recognizer import BeaconVerificationCodeRecognizer
from privacy.redact import redact
from privacy.registry import all_recognizers, build_registry
from privacy.severity import DEFAULT_THRESHOLD, DEFAULT_THRESHOLDS, Severity, severity_of

# The score of a number with no context, per context-gated type.
_BARE_NUMBER_SCORES = {
    VERIFICATION_CODE: max(p.score for p in BeaconVerificationCodeRecognizer.PATTERNS),
    ACCOUNT_ID: max(p.score for p in BeaconAccountIdRecognizer.PATTERNS),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of private data: its type, where it is in the original text, how sure."""

    type: str
    start: int
    end: int
    score: float
    severity: Severity


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan found. ``private`` is what the bot acts on in a public group."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def private(self) -> bool:
        """True if any finding reached its type's threshold (only those are kept)."""
        return bool(self.findings)

    @property
    def critical(self) -> bool:
        """True if a finding is CRITICAL (a password, key, seed, API secret or code)."""
        return any(f.severity is Severity.CRITICAL for f in self.findings)


class PrivacyScanner:
    """Finds private data in chat messages. Build once (``build_scanner``), then inject."""

    def __init__(
        self,
        analyzer: AnalyzerEngine,
        prefilter: Prefilter | None = None,
        thresholds: Mapping[str, float] | None = None,
    ) -> None:
        """``thresholds`` overrides the default score line per entity type."""
        self._analyzer = analyzer
        self.prefilter = prefilter
        self._thresholds = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
        self._floor = min(self._thresholds.values(), default=DEFAULT_THRESHOLD)
        self._examples = ExampleMarkers.load()

    @property
    def analyzer(self) -> AnalyzerEngine:
        """The Presidio engine underneath (for diagnostics and tests)."""
        return self._analyzer

    def threshold(self, entity_type: str) -> float:
        """The score at which a finding of this type counts."""
        return self._thresholds.get(entity_type, DEFAULT_THRESHOLD)

    def scan(self, text: str) -> ScanResult:
        """Scan one message; offsets in the result index ``text`` itself."""
        normalized = normalize(text)
        if self.prefilter is None:
            return self._analyze(normalized)
        candidates = self.prefilter.candidates(normalized.text)
        if has_invisible_between_letters(text):
            candidates |= {SEED_PHRASE}  # words joined by zero-width spaces (see below)
        if not candidates:
            return ScanResult()
        return self._analyze(normalized, sorted(candidates))

    def scan_full(self, text: str) -> ScanResult:
        """Scan without the fast path (what the fast path must agree with)."""
        return self._analyze(normalize(text))

    def redact(self, text: str) -> str:
        """``text`` with every finding of ``scan`` replaced by its type label: what may be
        stored or relayed (the fast path finds what the full scan finds)."""
        return redact(text, self.scan(text).findings)

    def _analyze(self, normalized: NormalizedText, entities: list[str] | None = None) -> ScanResult:
        text = normalized.text
        if not text.strip():
            return ScanResult()
        language = detect_language(text)
        results = self._analyzer.analyze(
            text=text, language=language, entities=entities, score_threshold=self._floor
        )
        if has_invisible_between_letters(normalized.original) and (
            entities is None or SEED_PHRASE in entities
        ):
            results = [*results, *self._spaced_seed_phrases(normalized, language)]
        # A well-known contract or burn address is public whatever it is called ("api key
        # 0xdAC1...", "my deposit address 0xdAC1..."); a value framed as an example ("比如
        # 12345678 这样的") is nobody's.
        kept = [
            r
            for r in results
            if r.score >= self.threshold(r.entity_type)
            and not is_public_address(text[r.start : r.end])
            and not self._examples.frames(text, r.start, r.end)
        ]
        findings = []
        for result in resolve_overlaps(kept):
            start, end = normalized.to_original(result.start, result.end)
            findings.append(
                Finding(
                    type=result.entity_type,
                    start=start,
                    end=end,
                    score=round(float(result.score), 4),
                    severity=severity_of(result.entity_type),
                )
            )
        return ScanResult(findings=findings)

    def _spaced_seed_phrases(
        self, normalized: NormalizedText, language: str
    ) -> list[RecognizerResult]:
        """Seed phrases whose words only zero-width characters separate ("abandon\u200b
        ability..." fuses into one token once they are dropped): read the original once more
        with those characters as spaces, and report the spans in the normalised text."""
        spaced = normalize(normalized.original, invisible_as_space=True)
        found: list[RecognizerResult] = []
        for recognizer in self._analyzer.registry.get_recognizers(
            language=language, entities=[SEED_PHRASE]
        ):
            if not isinstance(recognizer, BeaconSeedPhraseRecognizer):
                continue
            for result in recognizer.analyze(spaced.text, [SEED_PHRASE]):
                original = spaced.to_original(result.start, result.end)
                result.start, result.end = to_normalized(normalized, *original)
                found.append(result)
        return found


def resolve_overlaps(results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """Keep non-overlapping results: higher score first, then the more specific type, then
    the longer span. Returned in text order."""
    ranked = sorted(
        results,
        key=lambda r: (-r.score, SPECIFICITY.get(r.entity_type, len(SPECIFICITY)), r.start - r.end),
    )
    # Kept spans never overlap, so sorted by start they are also sorted by end: one bisect
    # finds the only neighbours that could overlap a candidate.
    starts: list[int] = []
    kept: list[RecognizerResult] = []
    for result in ranked:
        at = bisect.bisect_right(starts, result.start)
        if at > 0 and kept[at - 1].end > result.start:
            continue
        if at < len(kept) and kept[at].start < result.end:
            continue
        starts.insert(at, result.start)
        kept.insert(at, result)
    return kept


def build_scanner(
    thresholds: Mapping[str, float] | None = None,
    official_email_domains: Iterable[str] = (),
    fast_path: bool = True,
) -> PrivacyScanner:
    """Build the scanner with all thirteen recognizers for English and Chinese, offline.

    ``official_email_domains``: the exchange's own domains; addresses there are public
    contact points, not private data.
    """
    from privacy.recognizers.email_recognizer import BeaconEmailRecognizer

    nlp_engine = OfflineNlpEngine()
    nlp_engine.load()
    registry = build_registry(
        all_recognizers(),
        options={
            BeaconEmailRecognizer: {"official_domains": tuple(official_email_domains)},
            BeaconSeedPhraseRecognizer: {"chinese_segmenter": nlp_engine.segmenter.segment},
        },
    )
    analyzer = BeaconAnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=list(SUPPORTED_LANGUAGES),
        context_aware_enhancer=TokenWindowContextEnhancer(),
    )
    scanner = PrivacyScanner(analyzer, thresholds=thresholds)
    if fast_path:
        # A type whose threshold is at or below a bare number's score needs no context word.
        gates = {
            entity: words
            for entity, words in CONTEXT_GATES.items()
            if scanner.threshold(entity) > _BARE_NUMBER_SCORES[entity]
        }
        scanner.prefilter = Prefilter(context_gates=gates)
    return scanner


__all__ = ["Finding", "PrivacyScanner", "ScanResult", "build_scanner", "resolve_overlaps"]
