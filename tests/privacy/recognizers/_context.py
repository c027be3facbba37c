"""Run one recognizer the way the engine does: analyze, its own context step, then boost."""

from __future__ import annotations

from functools import cache

from presidio_analyzer import EntityRecognizer, RecognizerResult

from privacy.context import TokenWindowContextEnhancer
from privacy.language import detect_language
from privacy.nlp import OfflineNlpEngine
from privacy.normalize import normalize

THRESHOLD = 0.5


@cache
def nlp_engine() -> OfflineNlpEngine:
    engine = OfflineNlpEngine()
    engine.load()
    return engine


def analyze(recognizer: EntityRecognizer, text: str) -> list[RecognizerResult]:
    """Results for ``text`` (normalised, as the scanner does), context boost included."""
    text = normalize(text).text
    artifacts = nlp_engine().process_text(text, detect_language(text))
    results = recognizer.analyze(text, recognizer.supported_entities, artifacts)
    for result in results:
        result.recognition_metadata.setdefault(
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id
        )
    results = recognizer.enhance_using_context(text, results, [], artifacts, None)
    return TokenWindowContextEnhancer().enhance_using_context(
        text, results, artifacts, [recognizer], None
    )


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    """The values (normalised text) found at or above the threshold."""
    normalized = normalize(text).text
    return [normalized[r.start : r.end] for r in analyze(recognizer, text) if r.score >= THRESHOLD]


def best_score(recognizer: EntityRecognizer, text: str) -> float:
    return max((r.score for r in analyze(recognizer, text)), default=0.0)
