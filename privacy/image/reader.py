"""`ImageReader`: bytes in, `ImageText` out (QR codes first, then OCR), within the limits.

A code that holds a wallet secret already decides the image, so OCR is skipped for it.

Runs in the calling thread; `ImageReaderPool` runs it in worker processes for the bot.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from privacy.image.assemble import assemble_text
from privacy.image.codes import decode_codes
from privacy.image.key_payloads import secret_in_code
from privacy.image.limits import ImageLimits, ImageSkipped, SkipReason
from privacy.image.ocr import OcrEngine
from privacy.image.picture import load_picture
from privacy.image.text import ImageText

__all__ = ["ImageReader"]


class ImageReader:
    def __init__(self, limits: ImageLimits | None = None, engine: OcrEngine | None = None):
        self.limits = limits or ImageLimits()
        self._engine = engine or OcrEngine()

    def load(self) -> None:
        """Load the OCR models now rather than on the first image."""
        self._engine.load()

    def read(self, data: bytes) -> ImageText:
        """Raises `ImageSkipped` when the image is over a limit, unreadable or too slow."""
        with _time_limit(self.limits.time_limit_seconds):
            picture = load_picture(data, self.limits)
            codes = decode_codes(picture.for_codes)
            if any(secret_in_code(code) for code in codes):
                return ImageText(text="", codes=codes)  # decided already: no need for OCR
            lines = self._engine.read(picture.for_ocr)
            return ImageText(text=assemble_text(lines), codes=codes)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the read after `seconds` (between native calls: OCR's model runs finish
    first). Only the main thread receives signals; elsewhere the caller enforces it."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise ImageSkipped(SkipReason.TIMED_OUT)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
