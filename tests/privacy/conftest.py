"""One scanner for the privacy tests: building it loads jieba's dictionary (about a second)."""

from __future__ import annotations

import pytest

from privacy import PrivacyScanner, build_scanner


@pytest.fixture(scope="session")
def privacy_scanner() -> PrivacyScanner:
    return build_scanner()
