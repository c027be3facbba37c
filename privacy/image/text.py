"""`ImageText`: what was read in one image. It lives in memory only, never stored or logged."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ImageText"]


@dataclass(frozen=True, slots=True)
class ImageText:
    text: str  # OCR rows, top to bottom (see `assemble.py`)
    codes: tuple[str, ...] = ()  # what each QR code or barcode decodes to

    def __repr__(self) -> str:  # a stray log of the object must not print what was read
        return f"ImageText(<{len(self.text)} characters>, <{len(self.codes)} codes>)"
