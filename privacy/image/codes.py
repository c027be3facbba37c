"""QR codes and barcodes in an image (zxing-cpp), as their decoded text."""

from __future__ import annotations

import numpy as np
import zxingcpp

__all__ = ["decode_codes"]

# Text-bearing symbologies; retail barcodes (EAN/UPC) carry product numbers, nothing private.
_FORMATS = zxingcpp.BarcodeFormats(
    [
        zxingcpp.BarcodeFormat.QRCode,
        zxingcpp.BarcodeFormat.MicroQRCode,
        zxingcpp.BarcodeFormat.DataMatrix,
        zxingcpp.BarcodeFormat.Aztec,
        zxingcpp.BarcodeFormat.PDF417,
        zxingcpp.BarcodeFormat.Code128,
    ]
)


def decode_codes(pixels: np.ndarray) -> tuple[str, ...]:
    """Every readable code's text, top to bottom (`pixels`: grayscale); unreadable codes
    are left out."""
    found = zxingcpp.read_barcodes(pixels, formats=_FORMATS, try_rotate=True, try_downscale=True)
    ordered = sorted(found, key=lambda code: (code.position.top_left.y, code.position.top_left.x))
    return tuple(code.text for code in ordered if code.valid and code.text)
