"""A report table as one reportlab flowable that draws its rows itself.

It looks like the ``platypus.Table`` it replaces: a shaded header row that may wrap onto
several lines, a thin rule under every row, money and counts right-aligned, a shaded total
row under a dark rule, the header repeated on every page the table runs onto. What it
leaves out is what a report table never needs (cell styles per cell, spans, nested
flowables, measuring columns), which is most of what platypus spends on a table: every
cell's text goes into one PDF text object per table instead of one per cell, and each
cell's width is measured once, when it is fitted to its column.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from salon_desk.core.pdf_font import clip_text

SIZE = 8.5
LEADING = SIZE * 1.2
PAD_X = 3.0
PAD_Y = 2.0
ROW = LEADING + 2 * PAD_Y

HEAD_FILL = colors.HexColor("#ebe7e1")
HEAD_RULE = colors.HexColor("#1f6f78")
ROW_RULE = colors.HexColor("#e2ddd5")
TOTAL_FILL = colors.HexColor("#f1efe9")
TOTAL_RULE = colors.HexColor("#1c1b1f")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    width: float  # of the text, in points


def fit(text: str, font: str, width: float) -> Cell:
    """``text`` as it fits ``width`` points (cut with an ellipsis if it does not) and
    its width: measured once, since the drawing needs it again to right-align."""
    w = stringWidth(text, font, SIZE)
    if w <= width:
        return Cell(text, w)
    cut = clip_text(text, font, SIZE, width)
    return Cell(cut, stringWidth(cut, font, SIZE))


class Grid(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """``head``: each column's title lines; ``rows``: fitted cells, the total row last
    when ``total`` is set; ``right``: which columns are right-aligned."""

    def __init__(
        self,
        font: str,
        widths: list[float],
        right: list[bool],
        head: list[list[Cell]],
        rows: list[list[Cell]],
        *,
        total: bool,
    ) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as platypus tables: the full width, over the frame's padding
        self.font = font
        self.widths = widths
        self.right = right
        self.head = head
        self.rows = rows
        self.total = total
        self.head_height = max(len(lines) for lines in head) * LEADING + 2 * PAD_Y
        self.width = sum(widths)
        self.height = self.head_height + len(rows) * ROW

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int((avail_height - self.head_height) // ROW)
        if fits < 1:
            return []
        if fits >= len(self.rows):
            return [self]
        first = Grid(self.font, self.widths, self.right, self.head, self.rows[:fits], total=False)
        rest = self.rows[fits:]
        return [first, Grid(self.font, self.widths, self.right, self.head, rest, total=self.total)]

    def draw(self) -> None:
        c: Any = self.canv
        top = self.height
        body_top = top - self.head_height
        bottom = body_top - len(self.rows) * ROW
        c.saveState()
        c.setFillColor(HEAD_FILL)
        c.rect(0, body_top, self.width, self.head_height, stroke=0, fill=1)
        if self.total:
            c.setFillColor(TOTAL_FILL)
            c.rect(0, bottom, self.width, ROW, stroke=0, fill=1)
        c.setLineWidth(0.25)
        c.setStrokeColor(ROW_RULE)
        c.lines(
            [
                (0, body_top - i * ROW, self.width, body_top - i * ROW)
                for i in range(1, len(self.rows) + 1)
            ]
        )
        c.setLineWidth(0.6)
        c.setStrokeColor(HEAD_RULE)
        c.line(0, body_top, self.width, body_top)
        if self.total:
            c.setStrokeColor(TOTAL_RULE)
            c.line(0, bottom + ROW, self.width, bottom + ROW)
        c.setFillColor(colors.black)
        text = c.beginText()
        text.setFont(self.font, SIZE, LEADING)
        lefts = [0.0, *accumulate(self.widths[:-1])]
        for i, cells in enumerate(self.head):  # bottom-aligned like the cells below
            y = body_top + PAD_Y + len(cells) * LEADING - SIZE
            for cell in cells:
                self._put(text, cell, lefts[i], i, y)
                y -= LEADING
        y = body_top - ROW + PAD_Y + LEADING - SIZE
        for row in self.rows:
            for i, cell in enumerate(row):
                if cell.text:
                    self._put(text, cell, lefts[i], i, y)
            y -= ROW
        c.drawText(text)
        c.restoreState()

    def _put(self, text: Any, cell: Cell, left: float, column: int, y: float) -> None:
        x = left + self.widths[column] - PAD_X - cell.width if self.right[column] else left + PAD_X
        text.setTextOrigin(x, y)
        # textOut would measure the text again only to move a cursor no one reads
        text._textOut(cell.text)
