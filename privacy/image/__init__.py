"""Private data in images: QR codes and OCR text, scanned like a message.

`ImageReader` turns bytes into `ImageText` (QR codes with zxing-cpp, OCR with RapidOCR's
bundled PP-OCR models on onnxruntime); `ImageReaderPool` does that in worker processes;
`ImageTextScanner` runs the message scanner over the text. Nothing here stores or logs
an image or what was read in it.

Only the light modules load with the package: the reader (numpy, Pillow, zxing-cpp,
RapidOCR) is imported where an image is actually read.
"""

from __future__ import annotations

from privacy.image.image_scan import ImageScan, ImageTextScanner, chinese_segmenter
from privacy.image.limits import ImageLimits, ImageSkipped, SkipReason
from privacy.image.pool import ImageReaderPool
from privacy.image.seed_words import seed_phrases
from privacy.image.text import ImageText

__all__ = [
    "ImageLimits",
    "ImageReaderPool",
    "ImageScan",
    "ImageSkipped",
    "ImageText",
    "ImageTextScanner",
    "SkipReason",
    "chinese_segmenter",
    "seed_phrases",
]
