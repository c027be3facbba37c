"""OCR lines into rows, and wrapped keys joined back, from boxes made by hand."""

from __future__ import annotations

from privacy.image.assemble import assemble_text
from privacy.image.ocr import OcrLine

H = 24  # line height in pixels


def _line(text: str, left: float, row: int, width: float) -> OcrLine:
    top = 100 + row * H * 1.4
    return OcrLine(text, left, top, left + width, top + H)


def test_rows_read_top_to_bottom_and_left_to_right() -> None:
    lines = [_line("USDT", 400, 1, 60), _line("Amount", 20, 1, 90), _line("Details", 20, 0, 90)]
    assert assemble_text(lines) == "Details\nAmount USDT"


def test_a_wrapped_key_is_joined_after_its_rows() -> None:
    lines = [
        _line("Private key", 20, 0, 150),
        _line("5HueCGU8rMjxEXxiPuD5BDk", 20, 1, 300),
        _line("u4MkFqeZyd4dZ1jvhTVqvbT", 20, 2, 296),
        _line("LvyTJ", 20, 3, 60),
    ]
    text = assemble_text(lines)
    assert text.splitlines()[-1] == "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
    assert "LvyTJ" in text.splitlines()[3]


def test_lines_that_do_not_wrap_are_not_joined() -> None:
    short_first = [_line("0x3f5a9c21d4e58b06", 20, 0, 150), _line("a1c2f3e4d5b6", 20, 1, 300)]
    other_column = [_line("0x3f5a9c21d4e58b06a1c2", 20, 0, 300), _line("d5b697", 200, 1, 80)]
    with_label = [_line("0x3f5a9c21d4e58b06a1c2", 20, 0, 300), _line("Fee: 1 USDT", 20, 1, 290)]
    for lines in (short_first, other_column, with_label):
        assert len(assemble_text(lines).splitlines()) == 2
