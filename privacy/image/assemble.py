"""OCR lines into text that reads like a message: rows in reading order, wrapped keys whole.

A long key on a phone screen wraps over two or three lines, and each comes out of OCR as
its own fragment; the scanner needs the key whole to check it. A fragment run is joined
only when it looks like wrapping: lines of key characters and nothing else, one under the
other from the same left edge, every line but the last about as wide as the widest
(proportional fonts make equal character counts differ in width by a few per cent). The
joined line follows the rows as they were read, so a short word under a key that fitted
on one line ("Copy") cannot spoil the key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from privacy.image.ocr import OcrLine

__all__ = ["assemble_text"]

_KEY_START = re.compile(r"(?:0x)?[0-9A-Za-z+/=_-]{16,}")  # a wrapped key's first line
_KEY_PART = re.compile(r"[0-9A-Za-z+/=_-]+")


def assemble_text(lines: Sequence[OcrLine]) -> str:
    """Rows top to bottom, the lines of a row left to right; wrapped keys on one row."""
    rows = _rows(lines)
    out: list[str] = []
    index = 0
    while index < len(rows):
        run = _wrapped_run(rows, index)
        out.extend(" ".join(line.text.strip() for line in row) for row in run)
        if len(run) > 1:
            out.append("".join(row[0].text.strip() for row in run))
        index += len(run)
    return "\n".join(out)


def _rows(lines: Sequence[OcrLine]) -> list[list[OcrLine]]:
    """Lines whose vertical centres are within half a line height share a row."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda line: (line.top + line.bottom) / 2):
        centre = (line.top + line.bottom) / 2
        if rows:
            last = rows[-1][0]
            if abs((last.top + last.bottom) / 2 - centre) <= max(last.height, line.height) / 2:
                rows[-1].append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda line: line.left) for row in rows]


def _wrapped_run(rows: Sequence[Sequence[OcrLine]], start: int) -> list[Sequence[OcrLine]]:
    first = rows[start]
    if len(first) != 1 or not _KEY_START.fullmatch(first[0].text.strip()):
        return [first]
    head = first[0]
    run = [first]
    widest = head.right - head.left
    for row in rows[start + 1 :]:
        line, previous = row[0], run[-1][0]
        if len(row) != 1 or not _KEY_PART.fullmatch(line.text.strip()):
            break
        width = line.right - line.left
        same_left = abs(line.left - head.left) <= head.height * 0.6
        next_row = line.top - previous.bottom <= max(previous.height, line.height) * 0.9
        previous_full = previous.right - previous.left >= max(widest, width) * 0.85
        if not (same_left and next_row and previous_full):
            break
        widest = max(widest, width)
        run.append(row)
        if width < widest * 0.85:
            break  # a short line ends the key
    return run
