"""Property: invisible characters inserted anywhere in an official's name never hide it."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.impersonation.matcher import NameMatcher
from tests.bot.impersonation.conftest import STAFF

# Every format character (Cf: zero-width, bidi marks and embeddings, tags, the BOM, the
# soft hyphen...), plus the fillers that render blank without being Cf.
_FORMAT = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
_FILLERS = ["\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e", "\u034f"]
# RLO reorders what follows; it has its own cases in the tables (visual order).
INVISIBLE = [ch for ch in _FORMAT + _FILLERS if ch not in ("\u202e",)]

invisible_runs = st.lists(st.sampled_from(INVISIBLE), min_size=1, max_size=3).map("".join)


@st.composite
def disguised(draw: st.DrawFn, names: list[str]) -> tuple[str, str]:
    name = draw(st.sampled_from(names))
    positions = draw(st.lists(st.integers(0, len(name)), min_size=1, max_size=4))
    text = name
    for position in sorted(positions, reverse=True):
        text = text[:position] + draw(invisible_runs) + text[position:]
    return name, text


_NAMES = [o.name for o in STAFF] + [o.username for o in STAFF if o.username]


@settings(max_examples=300, deadline=None)
@given(disguised(_NAMES))
def test_invisible_characters_never_escape(matcher: NameMatcher, case: tuple[str, str]) -> None:
    original, text = case
    found = matcher.check(text, None)
    assert found.suspect, repr(text)
    assert found.resembles is not None
    assert original in (found.resembles.name, found.resembles.username)


@settings(max_examples=200, deadline=None)
@given(disguised([o.username for o in STAFF if o.username]))
def test_invisible_characters_never_escape_in_usernames(
    matcher: NameMatcher, case: tuple[str, str]
) -> None:
    """A handle through the username field (Telegram forbids them there, the CLI does not)."""
    _original, text = case
    assert matcher.check(None, text).suspect, repr(text)
