"""The raster fallback: the receipt drawn as a picture with a CJK font, for printers that
have no Chinese font of their own (they print ``FS &`` text as garbage).

The picture keeps the text layout exactly: a printer column is 12 dots (Font A), a line
24 dots, a CJK character two columns; 58 mm paper is 384 dots wide, 80 mm 576. Lines are
drawn with a TrueType/OpenType CJK font found on this PC and sent with python-escpos'
``image()`` (``GS v 0``); the QR code stays the printer's own command.
"""

from __future__ import annotations

import copy
import os
from functools import cache
from pathlib import Path
from typing import Any

from salon_desk.pos.receipt_layout import INIT, Line, columns_for
from salon_desk.pos.receipt_text import cells

COLUMN_DOTS = 12
LINE_DOTS = 24

_FONT_NAMES = (
    "msyh.ttc",
    "msyh.ttf",
    "simhei.ttf",
    "simsun.ttc",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "SourceHanSansSC-Regular.otf",
    "PingFang.ttc",
)
_FONT_DIRS = (
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/System/Library/Fonts"),
    Path("/Library/Fonts"),
)


@cache
def find_cjk_font() -> Path | None:
    """The first CJK font file found on this PC, or ``None``."""
    for folder in _FONT_DIRS:
        if not folder.is_dir():
            continue
        for name in _FONT_NAMES:
            direct = folder / name
            if direct.is_file():
                return direct
            found = next(iter(sorted(folder.rglob(name))), None)
            if found is not None:
                return found
    return None


@cache
def _font(path: str, size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(path, size)


def line_image(line: Line, columns: int, font_path: Path) -> Any:
    """One printed line as a 1-bit picture, ``columns`` × 12 dots wide."""
    from PIL import Image, ImageDraw

    width = columns * COLUMN_DOTS
    image = Image.new("1", (width // line.width, LINE_DOTS), 1)
    draw = ImageDraw.Draw(image)
    font = _font(str(font_path), 22)
    x = 0
    for ch in line.text:
        span = cells(ch) * COLUMN_DOTS
        if ch != " ":
            glyph = font.getlength(ch)
            left = x + max(0, (span - glyph) / 2)
            draw.text((left, 0), ch, font=font, fill=0)
            if line.bold:
                draw.text((left + 1, 0), ch, font=font, fill=0)
        x += span
    if line.width > 1 or line.height > 1:
        image = image.resize((width, LINE_DOTS * line.height), Image.Resampling.NEAREST)
    return image


def raster_bytes(
    lines: list[Line], *, width_mm: int, drawer: bool = False, font_path: Path | None = None
) -> bytes:
    """The slip as pictures: reset, drawer kick, text lines as ``GS v 0`` rasters, QR
    codes as the printer's command, feed and cut."""
    from PIL import Image

    from salon_desk.pos.printer_escpos import command_buffer

    path = font_path or find_cjk_font()
    if path is None:
        raise LookupError("no CJK font on this PC")
    columns = columns_for(width_mm)
    out = command_buffer()
    # This printer's picture width, on a copy of the shared profile data.
    out.profile.profile_data = copy.deepcopy(out.profile.profile_data)
    out.profile.profile_data.setdefault("media", {}).setdefault("width", {})["pixels"] = (
        columns * COLUMN_DOTS
    )
    out._raw(INIT)
    if drawer:
        out.cashdraw(2)
    block: list[Any] = []

    def flush() -> None:
        if not block:
            return
        height = sum(img.height for img in block)
        sheet = Image.new("1", (columns * COLUMN_DOTS, height), 1)
        y = 0
        for img in block:
            sheet.paste(img, (0, y))
            y += img.height
        out.image(sheet, impl="bitImageRaster")
        block.clear()

    for line in lines:
        if line.qr:
            flush()
            out.set(align="center")
            out.qr(line.qr, native=True, size=6)
            out.set(align="left")
        else:
            block.append(line_image(line, columns, path))
    flush()
    out.cut()
    return bytes(out.output)
