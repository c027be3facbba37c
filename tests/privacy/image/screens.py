"""Screenshots and QR codes made for the image tests and the benchmark (Pillow, segno).

Text is set in Noto Sans SC (SIL Open Font License 1.1; Chinese and Latin), which the
`pylopdf-fonts-zh-cn` wheel ships. Every image is saved as a JPEG, as Telegram stores
photos, so OCR reads compression artefacts the way it will in a group.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pylopdf_fonts_zh_cn
import segno
from PIL import Image, ImageDraw, ImageFont

__all__ = ["DESKTOP", "PHONE", "Screen", "qr_png", "render"]

FONT = Path(pylopdf_fonts_zh_cn.__file__).parent / "NotoSansSC-Regular.otf"


@dataclass(frozen=True)
class Screen:
    width: int
    height: int
    font_px: int  # body text, as the device's UI sets it
    margin: int


PHONE = Screen(1080, 2340, 42, 64)
DESKTOP = Screen(1920, 1080, 20, 80)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def render(
    lines: list[str],
    screen: Screen = PHONE,
    *,
    qr: str | None = None,
    wrap_px: int | None = None,
    quality: int = 80,
    chart: bool = False,
) -> bytes:
    """A screenshot with `lines` top to bottom (a line wider than `wrap_px` wraps at a
    character, as a phone UI wraps a long key), an optional QR code below them, and an
    optional price chart behind everything."""
    image = Image.new("RGB", (screen.width, screen.height), (250, 250, 252))
    draw = ImageDraw.Draw(image)
    font = _font(screen.font_px)
    if chart:
        _draw_chart(draw, screen)
    y = screen.margin * 2
    limit = wrap_px or screen.width - 2 * screen.margin
    for line in lines:
        for part in _wrap(line, font, limit):
            draw.text((screen.margin, y), part, fill=(20, 20, 24), font=font)
            y += int(screen.font_px * 1.9)
    if qr is not None:
        code = segno.make(qr, error="m")
        png = io.BytesIO()
        code.save(png, kind="png", scale=max(4, screen.font_px // 5), border=4)
        image.paste(Image.open(png).convert("RGB"), (screen.margin, y + screen.font_px))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def qr_png(payload: str, scale: int = 8) -> bytes:
    """A QR code alone, as a PNG (an image document)."""
    out = io.BytesIO()
    segno.make(payload, error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def _wrap(line: str, font: ImageFont.FreeTypeFont, limit: int) -> list[str]:
    parts, current = [], ""
    for char in line:
        if current and font.getlength(current + char) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    return [*parts, current] if current else parts


def _draw_chart(draw: ImageDraw.ImageDraw, screen: Screen) -> None:
    """Candles and a price axis: what a member's chart screenshot looks like."""
    top, bottom = screen.height // 3, screen.height * 2 // 3
    left, right = screen.margin, screen.width - screen.margin * 3
    width = (right - left) // 40
    price = 0.5
    for n in range(40):
        step = ((n * 7919) % 13 - 6) / 60
        open_, price = price, min(0.95, max(0.05, price + step))
        high, low = max(open_, price) + 0.03, min(open_, price) - 0.03
        x = left + n * width
        colour = (38, 166, 91) if price >= open_ else (234, 57, 67)
        to_y = lambda v: bottom - int(v * (bottom - top))  # noqa: E731
        draw.line([(x + width // 2, to_y(high)), (x + width // 2, to_y(low))], fill=colour)
        draw.rectangle(
            [x + 2, to_y(max(open_, price)), x + width - 2, to_y(min(open_, price))], fill=colour
        )
    font = _font(max(14, screen.font_px // 2))
    for n in range(6):
        y = bottom - n * (bottom - top) // 5
        draw.text((right + 8, y - 10), f"{62000 + n * 450:,}.0", fill=(90, 90, 90), font=font)
