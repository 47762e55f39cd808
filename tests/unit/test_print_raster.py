"""The raster fallback for printers without a Chinese font: the slip as ``GS v 0``
pictures drawn with a CJK font, same columns as the text receipt."""

from __future__ import annotations

import pytest

from salon_desk.pos.receipt import receipt_lines, render
from salon_desk.pos.receipt_layout import Line
from salon_desk.pos.receipt_raster import find_cjk_font, line_image

SALE = {
    "shop": {"name": "美丽人生美容院"},
    "number": "20261128-0007",
    "lines": [{"name": "面部深层清洁护理", "qty": 1, "unit_fen": 29800, "amount_fen": 29800}],
    "total_fen": 29800,
    "payments": [{"tender": "cash", "amount_fen": 29800}],
    "qr": "https://salon.example.cn/r/20261128-0007",
}

pytestmark = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK font installed")


def black_dots(image: object) -> int:
    return int(image.histogram()[0])  # type: ignore[attr-defined]


@pytest.mark.parametrize(("width_mm", "dots"), [(58, 384), (80, 576)])
def test_a_receipt_prints_as_pictures_with_the_same_layout(width_mm: int, dots: int) -> None:
    data = render("receipt", SALE, width_mm=width_mm, raster=True)
    assert data.startswith(b"\x1b@") and b"\x1c&" not in data  # no Chinese text mode
    assert data.count(b"\x1dv0") >= 1
    at = data.index(b"\x1dv0")
    width_bytes = data[at + 4] + 256 * data[at + 5]
    assert width_bytes * 8 == dots
    assert b"\x1bp" in data  # the drawer still opens on cash
    assert b"https://salon.example.cn/r/20261128-0007" in data  # QR as the printer's command
    assert data.endswith(b"\x1dV\x00")  # cut
    reprint = render("receipt", {**SALE, "reprint": True}, width_mm=width_mm, raster=True)
    assert b"\x1bp" not in reprint


def test_each_line_is_drawn_in_its_columns() -> None:
    font = find_cjk_font()
    assert font is not None
    lines = receipt_lines(SALE, width_mm=58)
    title = lines[0]
    assert title.width == 2
    image = line_image(title, 32, font)
    assert image.size == (384, 48) and black_dots(image) > 300
    blank = line_image(Line(""), 32, font)
    assert black_dots(blank) == 0
    left = line_image(Line("中"), 32, font)
    right = line_image(Line(" " * 30 + "中"), 32, font)
    assert black_dots(left) > 30
    assert left.crop((0, 0, 24, 24)).getbbox() is not None
    assert right.crop((0, 0, 360, 24)).convert("L").getextrema() == (255, 255)
