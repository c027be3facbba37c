"""Command-line entry points behind ``beacon scan`` and ``beacon scan --jsonl``.

Neither prints a secret: the human output shows the text with secrets replaced by labels,
the JSON output shows types, offsets and scores only.
"""

from __future__ import annotations

from typing import IO, Any

from bot.jsonl import run_jsonl
from privacy.redact import redact
from privacy.scanner import PrivacyScanner, ScanResult, build_scanner


def run_scan(text: str, out: IO[str], scanner: PrivacyScanner | None = None) -> int:
    """Scan one text and write a human-readable report to ``out``; return 0."""
    scanner = scanner or build_scanner()
    result = scanner.scan(text)
    verdict = "PRIVATE" if result.private else "clean"
    out.write(f"{verdict}: {len(result.findings)} finding(s)\n")
    for finding in result.findings:
        out.write(
            f"  {finding.type:<18} {finding.severity.value:<9} "
            f"[{finding.start}:{finding.end}] score {finding.score:.2f}\n"
        )
    out.write(f"redacted: {redact(text, result.findings)}\n")
    return 0


def result_record(record_id: Any, result: ScanResult) -> dict[str, Any]:
    """The JSON record for one scanned line."""
    return {
        "id": record_id,
        "private": result.private,
        "findings": [
            {"type": f.type, "start": f.start, "end": f.end, "score": round(f.score, 4)}
            for f in result.findings
        ],
    }


def run_scan_jsonl(stdin: IO[str], stdout: IO[str], scanner: PrivacyScanner) -> int:
    """Scan JSON lines ``{"id": ..., "text": ...}``; one JSON line out per input, in order
    (the stream rules are in `bot.jsonl`)."""
    return run_jsonl(
        stdin,
        stdout,
        lambda record_id, text: result_record(record_id, scanner.scan(text)),
        empty={"private": False, "findings": []},  # nothing was scanned, so nothing was found
    )
