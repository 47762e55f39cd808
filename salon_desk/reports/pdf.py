"""A report as an A4 PDF (reportlab platypus) with an embedded TrueType Chinese font.

Every page carries the shop name, the report title and its day or range, who printed it
and when, and the page number. Tables put money and counts right-aligned; a total row is
shaded. The font is looked for as described in ``salon_desk.core.pdf_font`` (the setting
``pdf.font``, then Microsoft YaHei / SimHei / SimSun on Windows, WenQuanYi on Linux);
without an embeddable Chinese font no PDF is made, because one whose Chinese prints blank
on the manager's PC is worse than a clear message.
"""

from __future__ import annotations

import io
import re
from typing import Any

from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_, _
from salon_desk.core.pdf_font import cjk_font, clip_text
from salon_desk.reports.charts import drawing
from salon_desk.reports.layout import Layout, Table, cell_text

MM = 72 / 25.4
MARGIN = 14 * MM
N_NO_FONT = N_(
    'No Chinese TrueType font was found for the PDF. On Windows, add "Chinese (Simplified) '
    'Supplemental Fonts" (Settings → Apps → Optional features) or set a .ttf/.ttc font '
    "file in Settings (Chinese font for PDFs); on Linux install fonts-wqy-microhei."
)


def report_font(configured: str | None) -> str:
    """The registered name of an embeddable Chinese font, or :class:`Unavailable`."""
    font = cjk_font(configured)
    if not font.embedded:
        raise Unavailable(N_NO_FONT)
    return font.name


def render_pdf(layout: Layout, *, font_path: str | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RlTable

    font = report_font(font_path)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 16 * MM,
        bottomMargin=MARGIN + 4 * MM,
        title=f"{layout.shop} {layout.title} {layout.subtitle}",
        author=layout.shop,
        invariant=1,
    )
    width = doc.width
    h2 = ParagraphStyle("h2", fontName=font, fontSize=13, leading=17, spaceBefore=8,
                        spaceAfter=4, textColor=colors.HexColor("#1f6f78"))  # fmt: skip
    h3 = ParagraphStyle("h3", fontName=font, fontSize=10.5, leading=14, spaceBefore=4,
                        spaceAfter=2)  # fmt: skip
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    muted = ParagraphStyle("muted", parent=body, textColor=colors.HexColor("#5f5b66"))

    story: list[Any] = []
    for section in layout.sections:
        lead: list[Any] = [Paragraph(_esc(section.title), h2)]
        lead += [Paragraph(_esc(note), body) for note in section.notes]
        if section.charts:
            each = width / len(section.charts)
            pictures = [drawing(c, font, each - 4) for c in section.charts]
            if len(pictures) == 1:
                lead.append(pictures[0])
            else:
                lead.append(RlTable([pictures], colWidths=[each] * len(pictures)))
        for table in section.tables:
            block: list[Any] = [Paragraph(_esc(table.title), h3)]
            if table.rows:
                block.append(_table(table, font, width))
            else:
                block.append(Paragraph(_esc(table.empty), muted))
            if lead:  # a section's heading stays with its first table
                block = lead + block
                lead = []
            if len(table.rows) < 25:
                story.append(KeepTogether(block))
            else:
                story.extend(block)
            story.append(Spacer(1, 3 * MM))
        story.extend(lead)

    def page(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        w, h = A4
        top = h - MARGIN
        canvas.setFont(font, 15)
        canvas.drawString(MARGIN, top - 4 * MM, f"{layout.shop}  {layout.title}")
        canvas.setFont(font, 11)
        canvas.drawRightString(w - MARGIN, top - 4 * MM, layout.subtitle)
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#5f5b66"))
        if layout.address:
            canvas.drawString(MARGIN, top - 9 * MM, layout.address)
        canvas.drawRightString(w - MARGIN, top - 9 * MM, layout.printed)
        canvas.setStrokeColor(colors.HexColor("#1f6f78"))
        canvas.setLineWidth(1)
        canvas.line(MARGIN, top - 11 * MM, w - MARGIN, top - 11 * MM)
        canvas.drawCentredString(w / 2, MARGIN, _("Page {n}", n=doc_.page))
        canvas.restoreState()

    doc.build(story, onFirstPage=page, onLaterPages=page)
    return out.getvalue()


#: a Chinese character (or full-width sign) may end a line anywhere; other words at spaces
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_TOKENS = re.compile(f"[{_WIDE}]|[^\\s{_WIDE}]+\\s*|\\s+")


def wrap_text(text: str, font: str, size: float, width: float, lines: int = 3) -> str:
    """``text`` broken into lines that fit ``width`` points (at spaces, or between Chinese
    characters; a word too long for a line is cut), at most ``lines`` lines, the last one
    cut with an ellipsis when the text does not fit them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(t: str) -> bool:
        return bool(stringWidth(t.rstrip(), font, size) <= width)

    if fits(text):
        return text
    out: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if fits(line + token):
            line += token
            continue
        if line.strip():
            out.append(line.rstrip())
        line = token.lstrip()
        while line and not fits(line):  # a word wider than the column: cut it
            cut = len(line) - 1
            while cut > 1 and not fits(line[:cut]):
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
    if line.strip():
        out.append(line.rstrip())
    if len(out) > lines:
        out = [*out[: lines - 1], clip_text(" ".join(out[lines - 1 :]), font, size, width)]
    return "\n".join(out)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(table: Table, font: str, width: float) -> Any:
    from salon_desk.reports.grid import PAD_X, SIZE, Grid, fit

    weights = [c.width for c in table.columns]
    widths = [width * w / sum(weights) for w in weights]
    head = [
        [
            fit(line, font, w - 2 * PAD_X)
            for line in wrap_text(c.title, font, SIZE, w - 2 * PAD_X).split("\n")
        ]
        for c, w in zip(table.columns, widths, strict=True)
    ]
    body = list(table.rows) + ([table.total] if table.total else [])
    rows = [
        [fit(cell_text(v), font, w - 2 * PAD_X) for v, w in zip(row, widths, strict=True)]
        for row in body
    ]
    right = [c.kind in ("money", "int") for c in table.columns]
    return Grid(font, widths, right, head, rows, total=table.total is not None)
