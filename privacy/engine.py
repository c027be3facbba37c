"""Presidio's AnalyzerEngine with one hot loop made linear."""

from __future__ import annotations

from collections import defaultdict

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

_ID = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY


class BeaconAnalyzerEngine(AnalyzerEngine):
    """``AnalyzerEngine`` whose recognizer-level context step is O(results), not O(R x N).

    Presidio filters the whole result list twice per recognizer to hand each one its own
    results and everybody else's. On a crafted 4,096-character message (hundreds of number
    candidates x 13 recognizers) that is most of the time. Here results are grouped once, and
    "everybody else's" is only built for recognizers that override ``enhance_using_context``;
    the calls and their order are otherwise Presidio's.
    """

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        by_recognizer: dict[str, list[RecognizerResult]] = defaultdict(list)
        for result in raw_results:
            by_recognizer[result.recognition_metadata[_ID]].append(result)
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            own = by_recognizer.get(recognizer.id, [])
            overrides = (
                type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context
            )
            if not overrides:
                results.extend(own)
                continue
            others = [r for r in raw_results if r.recognition_metadata[_ID] != recognizer.id]
            results.extend(
                recognizer.enhance_using_context(
                    text=text,
                    raw_recognizer_results=own,
                    other_raw_recognizer_results=others,
                    nlp_artifacts=nlp_artifacts,
                    context=context,
                )
            )
        return self.context_aware_enhancer.enhance_using_context(
            text=text,
            raw_results=results,
            nlp_artifacts=nlp_artifacts,
            recognizers=recognizers,
            context=context,
        )


__all__ = ["BeaconAnalyzerEngine"]
