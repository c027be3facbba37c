"""How much one image may cost: bytes, pixels and seconds, and why an image was skipped."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ImageLimits", "ImageSkipped", "SkipReason"]


class SkipReason(StrEnum):
    TOO_LARGE = "too_large"  # over the byte limit
    TOO_MANY_PIXELS = "too_many_pixels"
    NOT_AN_IMAGE = "not_an_image"
    TIMED_OUT = "timed_out"
    BACKLOG = "backlog"  # a newer image took its place in a flood
    READER_FAILED = "reader_failed"  # the worker died or the OCR engine raised
    DOWNLOAD_FAILED = "download_failed"


class ImageSkipped(Exception):
    """The image was not read; `reason` says why (never anything about its content)."""

    def __init__(self, reason: SkipReason | str) -> None:
        # Built again from its value when it crosses from a worker process (pickling).
        self.reason = SkipReason(reason)
        super().__init__(self.reason.value)


@dataclass(frozen=True)
class ImageLimits:
    """Defaults fit a phone or desktop screenshot with room to spare, and keep a decoded
    image well under 200 MB (4 bytes a pixel)."""

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 40_000_000
    time_limit_seconds: float = 10.0
    # The long side OCR works at: a phone screenshot's text stays 12+ px tall at 960, and
    # detection time grows with the square of it.
    ocr_long_side: int = 960
    # QR codes are decoded at up to this long side (small codes in big screenshots).
    code_long_side: int = 2000
