"""Price labels (价格标签) as a PDF: Chinese name, brand, specification, price, member
price and barcode, on A4 label sheets (3 × 8 labels of 70 × 37 mm) or on 40 × 30 mm
label rolls (one label per page, as roll printers expect). The Chinese font is embedded
(see :mod:`salon_desk.core.pdf_font`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_, _
from salon_desk.core.money import Money
from salon_desk.core.pdf_font import PdfFont, cjk_font, clip_text
from salon_desk.stock.rows import ProductRow
from salon_desk.stock.rules import is_ean13

MM = 72 / 25.4
YUAN = "￥"


@dataclass(frozen=True, slots=True)
class Layout:
    key: str
    title: str
    page_w: float  # mm
    page_h: float
    cols: int
    rows: int
    label_w: float
    label_h: float
    left: float = 0.0
    top: float = 0.0
    guides: bool = False  # thin cut lines (plain A4 paper)


LAYOUTS: dict[str, Layout] = {
    "a4-3x8": Layout(
        "a4-3x8", N_("A4 sheet, 3 × 8 labels"), 210, 297, 3, 8, 70, 37.125, guides=True
    ),
    "roll-40x30": Layout("roll-40x30", N_("Label roll, 40 × 30 mm"), 40, 30, 1, 1, 40, 30),
}


@dataclass(frozen=True, slots=True)
class LabelsResult:
    labels: int
    pages: int
    font: PdfFont


def _fit(c: Any, text: str, font: str, size: float, width: float, minimum: float = 5) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while size > minimum and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _barcode(c: Any, code: str, x: float, y: float, w: float, h: float) -> None:
    """Draw ``code`` into the box, its digits underneath (EAN-13 when it is one, else
    Code 128)."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode import createBarcodeDrawing

    digits = 6 if h > 25 else 5
    kind = "EAN13" if is_ean13(code) else "Code128"
    drawing = createBarcodeDrawing(
        kind, value=code, barHeight=h - digits - 1, humanReadable=False, quiet=False
    )
    scale = min(w / drawing.width, 1.6)
    c.saveState()
    c.translate(x + (w - drawing.width * scale) / 2, y + digits + 1)
    c.scale(scale, 1)
    renderPDF.draw(drawing, c, 0, 0)
    c.restoreState()
    c.setFont("Helvetica", digits)
    c.setFillGray(0)
    c.drawCentredString(x + w / 2, y, code)


def _draw_label(c: Any, p: ProductRow, font: str, x: float, y: float, lay: Layout) -> None:
    """One label with its lower-left corner at (x, y) points."""
    w, h = lay.label_w * MM, lay.label_h * MM
    small = lay.label_w < 50
    pad = (1.5 if small else 3) * MM
    inner = w - 2 * pad
    top = y + h - pad
    # brand and specification
    size = 5.5 if small else 8
    c.setFillGray(0.35)
    c.setFont(font, size)
    c.drawString(x + pad, top - size, clip_text(p.brand, font, size, inner * 0.6))
    if p.spec:
        c.drawRightString(x + w - pad, top - size, clip_text(p.spec, font, size, inner * 0.38))
    top -= size + (1 if small else 2)
    # Chinese name
    c.setFillGray(0)
    size = _fit(c, p.name_zh, font, 8.5 if small else 12, inner, 6 if small else 8)
    c.setFont(font, size)
    c.drawString(x + pad, top - size, clip_text(p.name_zh, font, size, inner))
    top -= size + (1 if small else 2.5)
    # prices
    price = f"{_('Price')} {_money(p.price)}"
    size = 9 if small else 13
    c.setFont(font, size)
    c.drawString(x + pad, top - size, price)
    top -= size + 1
    if p.member_price is not None:
        size = 6.5 if small else 9
        c.setFont(font, size)
        c.drawString(x + pad, top - size, f"{_('Member price')} {_money(p.member_price)}")
        top -= size + 1
    # barcode along the bottom
    if p.barcode:
        bar_h = max(min(top - y - pad - 6, (9 if small else 11) * MM), 4 * MM)
        _barcode(c, p.barcode, x + pad, y + pad, inner, bar_h)


def _money(m: Money) -> str:
    return m.format(YUAN)


def write_labels(
    items: Sequence[tuple[ProductRow, int]],
    out: Path | IO[bytes],
    *,
    layout: str = "a4-3x8",
    font_path: str | None = None,
    skip: int = 0,
) -> LabelsResult:
    """Write ``copies`` labels of each product. ``skip`` leaves the first labels of a
    partly used A4 sheet empty."""
    from reportlab.pdfgen.canvas import Canvas

    if layout not in LAYOUTS:
        raise Invalid(N_("Unknown label layout: {layout}"), field="layout", layout=layout)
    lay = LAYOUTS[layout]
    per_page = lay.cols * lay.rows
    if isinstance(skip, bool) or not isinstance(skip, int) or not 0 <= skip < per_page:
        raise Invalid(N_("Enter a whole number from 0 to {n}."), field="skip", n=per_page - 1)
    queue = [p for p, copies in items for _n in range(max(copies, 0))]
    if not queue:
        raise Invalid(N_("Choose at least one product for labels."))
    if len(queue) > 5000:
        raise Invalid(N_("Too many labels at once (at most {n})."), n=5000)
    font = cjk_font(font_path)
    target: Any = str(out) if isinstance(out, Path) else out
    try:
        c = Canvas(target, pagesize=(lay.page_w * MM, lay.page_h * MM), invariant=1)
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    c.setTitle(_("Price labels"))
    c.setAuthor("Salon Desk")
    slot = skip
    pages = 1
    for p in queue:
        if slot == per_page:
            c.showPage()
            pages += 1
            slot = 0
        col, row = slot % lay.cols, slot // lay.cols
        x = (lay.left + col * lay.label_w) * MM
        y = (lay.page_h - lay.top - (row + 1) * lay.label_h) * MM
        if lay.guides:
            c.setStrokeGray(0.85)
            c.setLineWidth(0.3)
            c.rect(x, y, lay.label_w * MM, lay.label_h * MM)
        _draw_label(c, p, font.name, x, y, lay)
        slot += 1
    try:
        c.save()
    except OSError as exc:
        raise Unavailable(N_("Cannot write the file: {detail}"), detail=str(exc)) from exc
    return LabelsResult(len(queue), pages, font)
