"""`ImageTextScanner`: what an image's text holds, found by the same scanner as messages.

The text scanned is one document: the OCR rows, then each seed phrase the BIP39 step
found in them (spaced the way the scanner reads phrases), then each code's text on its own
line. A code that holds a wallet secret is a finding whatever the scanner makes of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from privacy.image.key_payloads import secret_in_code
from privacy.image.seed_words import Segment, seed_phrases
from privacy.image.text import ImageText
from privacy.nlp import OfflineNlpEngine
from privacy.scanner import Finding, PrivacyScanner
from privacy.severity import severity_of

__all__ = ["ImageScan", "ImageTextScanner", "chinese_segmenter"]


@dataclass(frozen=True)
class ImageScan:
    """The findings, with offsets into `text` (the document that was scanned)."""

    text: str = field(repr=False)
    findings: list[Finding] = field(default_factory=list)

    @property
    def private(self) -> bool:
        return bool(self.findings)


class ImageTextScanner:
    def __init__(self, scanner: PrivacyScanner, segment: Segment | None = None) -> None:
        """`segment` cuts Chinese into words (unspaced Chinese seed phrases need it)."""
        self._scanner = scanner
        self._segment = segment

    def scan(self, image: ImageText) -> ImageScan:
        parts = [image.text, *seed_phrases(image.text, self._segment)]
        code_spans: list[tuple[int, int, str]] = []
        offset = sum(len(p) + 1 for p in parts)
        for code in image.codes:
            kind = secret_in_code(code, self._segment)
            if kind is not None:
                code_spans.append((offset, offset + len(code), kind))
            parts.append(code)
            offset += len(code) + 1
        document = "\n".join(parts)
        found = [
            f
            for f in self._scanner.scan(document).findings
            if not any(f.start < end and start < f.end for start, end, _ in code_spans)
        ]
        for start, end, kind in code_spans:
            found.append(Finding(kind, start, end, 1.0, severity_of(kind)))
        return ImageScan(document, sorted(found, key=lambda f: f.start))


def chinese_segmenter(scanner: PrivacyScanner) -> Segment | None:
    """The scanner's own Chinese segmenter (already loaded), when it has one."""
    engine = getattr(scanner.analyzer, "nlp_engine", None)
    return engine.segmenter.segment if isinstance(engine, OfflineNlpEngine) else None
