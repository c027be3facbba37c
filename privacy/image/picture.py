"""Decode image bytes into the pixels OCR and QR decoding work on, within the limits.

The pixel limit is checked on the header, before anything is decoded (a small file can
declare a huge image); JPEGs are decoded at a reduced scale when that is all OCR needs.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

from privacy.image.limits import ImageLimits, ImageSkipped, SkipReason

__all__ = ["Picture", "load_picture"]


@dataclass(frozen=True)
class Picture:
    """The image at two sizes: grayscale for QR decoding, BGR (OpenCV's order) for OCR."""

    for_codes: np.ndarray
    for_ocr: np.ndarray
    width: int  # of the original
    height: int


def load_picture(data: bytes, limits: ImageLimits) -> Picture:
    if len(data) > limits.max_bytes:
        raise ImageSkipped(SkipReason.TOO_LARGE)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            width, height = opened.size
            if width * height > limits.max_pixels:
                raise ImageSkipped(SkipReason.TOO_MANY_PIXELS)
            opened.draft("RGB", _fit(width, height, limits.code_long_side))
            image = opened.convert("RGB")
    except ImageSkipped:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageSkipped(SkipReason.NOT_AN_IMAGE) from error
    except Image.DecompressionBombWarning as error:
        raise ImageSkipped(SkipReason.TOO_MANY_PIXELS) from error
    for_codes = _shrunk(image, limits.code_long_side)
    for_ocr = _shrunk(for_codes, limits.ocr_long_side)
    return Picture(
        for_codes=np.asarray(for_codes.convert("L")),
        for_ocr=np.ascontiguousarray(np.asarray(for_ocr)[:, :, ::-1]),
        width=width,
        height=height,
    )


def _fit(width: int, height: int, long_side: int) -> tuple[int, int]:
    scale = min(1.0, long_side / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _shrunk(image: Image.Image, long_side: int) -> Image.Image:
    if max(image.size) <= long_side:
        return image
    return image.resize(_fit(*image.size, long_side), Image.Resampling.LANCZOS)
