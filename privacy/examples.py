"""Values presented as examples ("比如 12345678 这样的", "e.g. 482913") are not private data.

The markers are data a support team edits: ``privacy/data/example_markers.txt``. They are
matched with ``ContextWords`` in a tight window (a few characters) on both sides, so "my
code, e.g. the one from the SMS, is 482913" still counts: the marker is not next to it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from privacy.context import ContextWords

# Characters between a marker and the value it frames: "比如 12345678", "e.g.: 482913".
_BEFORE_WINDOW = 8
_AFTER_WINDOW = 4


@cache
def example_markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(before markers, after markers) from ``privacy/data/example_markers.txt``."""
    text = resources.files("privacy").joinpath("data/example_markers.txt").read_text("utf-8")
    sides: dict[str, list[str]] = {"before": [], "after": []}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        side, _, word = line.partition(":")
        if side.strip() not in sides or not word.strip():
            raise ValueError(f"example_markers.txt: bad line {line!r}")
        sides[side.strip()].append(word.strip())
    return tuple(sides["before"]), tuple(sides["after"])


class ExampleMarkers:
    """Tells whether a span of text is framed as an example."""

    def __init__(self, before: tuple[str, ...], after: tuple[str, ...]) -> None:
        self._before = ContextWords(before, before=_BEFORE_WINDOW, after=0)
        self._after = ContextWords(after, before=0, after=_AFTER_WINDOW)

    @classmethod
    def load(cls) -> ExampleMarkers:
        """The markers of the data file."""
        return cls(*example_markers())

    def frames(self, text: str, start: int, end: int) -> bool:
        """True if an example marker stands right before or right after ``text[start:end]``."""
        return self._before.near(text, start, end) or self._after.near(text, start, end)


__all__ = ["ExampleMarkers", "example_markers"]
