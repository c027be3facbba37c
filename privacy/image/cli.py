"""`beacon scan --image FILE`: what the privacy guard finds in an image.

Prints the findings and the text read, with every finding replaced by its label (as
`beacon scan` does for text); nothing is written anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from privacy.image.image_scan import ImageTextScanner, chinese_segmenter
from privacy.image.limits import ImageLimits, ImageSkipped
from privacy.redact import redact
from privacy.scanner import PrivacyScanner


def run_scan_image(path: Path, out: IO[str], scanner: PrivacyScanner) -> int:
    """Read and scan one image file; 0 when it was read, 1 when it was skipped."""
    from privacy.image.reader import ImageReader  # loads OCR: only when an image is read

    limits = ImageLimits()
    try:
        data = path.read_bytes()
        image = ImageReader(limits).read(data)
    except ImageSkipped as skipped:
        out.write(f"skipped: {skipped.reason.value}\n")
        return 1
    scan = ImageTextScanner(scanner, chinese_segmenter(scanner)).scan(image)
    verdict = "PRIVATE" if scan.private else "clean"
    out.write(
        f"{verdict}: {len(scan.findings)} finding(s) in {len(image.text)} characters of text"
        f" and {len(image.codes)} code(s)\n"
    )
    for finding in scan.findings:
        out.write(f"  {finding.type:<18} {finding.severity.value:<9} score {finding.score:.2f}\n")
    out.write(f"redacted:\n{redact(scan.text, scan.findings)}\n")
    return 0
