from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.deep_links import deep_link, is_valid_payload, start_payload_pattern


@pytest.mark.parametrize(
    ("payload", "valid"),
    [("priv_Ab3-x", True), ("a" * 64, True), ("a" * 65, False), ("", False),
     ("has space", False), ("中文", False), ("x/y", False)],
)
def test_payload_rules(payload: str, valid: bool) -> None:
    assert is_valid_payload(payload) is valid


def test_deep_link_rejects_bad_payload() -> None:
    assert deep_link("nova_bot", "art_find-uid_en") == "https://t.me/nova_bot?start=art_find-uid_en"
    with pytest.raises(ValueError, match="1-64 chars"):
        deep_link("nova_bot", "art find uid")


@given(st.text(alphabet="abcXYZ019_-", min_size=0, max_size=40))
def test_start_pattern_matches_only_its_prefix(rest: str) -> None:
    pattern = re.compile(start_payload_pattern("priv_"))
    assert pattern.match(f"/start priv_{rest}")
    assert pattern.match(f"/start@nova_bot priv_{rest}")
    assert not pattern.match(f"/start art_{rest}")
    assert not pattern.match("/start")
