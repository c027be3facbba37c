"""One OCR reader and one image scanner for the image tests (the models load once)."""

from __future__ import annotations

import pytest

from privacy import PrivacyScanner
from privacy.image import ImageTextScanner, chinese_segmenter
from privacy.image.reader import ImageReader


@pytest.fixture(scope="session")
def image_reader() -> ImageReader:
    reader = ImageReader()
    reader.load()
    return reader


@pytest.fixture(scope="session")
def image_scanner(privacy_scanner: PrivacyScanner) -> ImageTextScanner:
    return ImageTextScanner(privacy_scanner, chinese_segmenter(privacy_scanner))
