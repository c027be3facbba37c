"""Images over a limit, or not images at all, are skipped before OCR spends anything."""

from __future__ import annotations

import io
import pickle

import pytest
from PIL import Image

from privacy.image import ImageLimits, ImageSkipped, SkipReason
from privacy.image.picture import load_picture
from privacy.image.reader import ImageReader
from tests.privacy.image.screens import render


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "limits", "reason"),
    [
        (_png(100, 100), ImageLimits(max_bytes=50), SkipReason.TOO_LARGE),
        # A few kilobytes of PNG that declare 36 million pixels.
        (_png(6000, 6000), ImageLimits(max_pixels=20_000_000), SkipReason.TOO_MANY_PIXELS),
        (b"GIF89a not really", ImageLimits(), SkipReason.NOT_AN_IMAGE),
        (b"", ImageLimits(), SkipReason.NOT_AN_IMAGE),
    ],
)
def test_an_image_over_a_limit_is_not_decoded(
    data: bytes, limits: ImageLimits, reason: SkipReason
) -> None:
    with pytest.raises(ImageSkipped) as raised:
        load_picture(data, limits)
    assert raised.value.reason is reason


def test_a_large_image_is_shrunk_for_ocr() -> None:
    picture = load_picture(render(["hello"]), ImageLimits(ocr_long_side=960))
    assert max(picture.for_ocr.shape[:2]) == 960
    assert picture.for_ocr.shape[2] == 3 and picture.for_codes.ndim == 2


def test_a_read_over_its_time_limit_is_skipped(image_reader: ImageReader) -> None:
    reader = ImageReader(ImageLimits(time_limit_seconds=0.01))
    with pytest.raises(ImageSkipped) as raised:
        reader.read(render(["a slow read"] * 30))
    assert raised.value.reason is SkipReason.TIMED_OUT


def test_a_skip_crosses_a_process_boundary_with_its_reason() -> None:
    copy = pickle.loads(pickle.dumps(ImageSkipped(SkipReason.TIMED_OUT)))
    assert copy.reason is SkipReason.TIMED_OUT
