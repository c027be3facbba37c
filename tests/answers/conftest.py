from __future__ import annotations

import pytest

from bot.answers import Matcher, load_default_matcher
from tests.answers.devset import DEVSET_BRAND


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    """The matcher over the shipped content, built once for the whole session."""
    return load_default_matcher(DEVSET_BRAND)
