"""Reading stock counts (盘点): the count in progress, one by id or number, its sheet
(blind while counting) also as a PDF, the history and the approval threshold.
:class:`~salon_desk.stock.count_service.StockCountService` adds the changes."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from sqlalchemy import select

from salon_desk.core.context import Core
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.core.pdf_font import PdfFont
from salon_desk.stock import count_rows
from salon_desk.stock.count_sheet import write_count_sheet
from salon_desk.stock.models import StockCount
from salon_desk.stock.rows import CountLineRow, CountRow

OPEN = ("counting", "review")


class StockCountReads:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- reading ---------------------------------------------------------------------
    def current(self) -> CountRow | None:
        """The count in progress (counting or checking), if any: after a restart the
        counter carries on where it stopped."""
        with self.core.db.read() as s:
            c = s.scalar(select(StockCount).where(StockCount.status.in_(OPEN)))
            return None if c is None else count_rows.count_row(s, c)

    def get(self, count_id: int) -> CountRow:
        with self.core.db.read() as s:
            return count_rows.count_row(s, count_rows.get_count(s, count_id))

    def find(self, number: str) -> CountRow:
        """A count by its number (``20261128-0001``)."""
        with self.core.db.read() as s:
            c = s.scalar(select(StockCount).where(StockCount.number == (number or "").strip()))
            if c is None:
                raise NotFound(N_("No such stock count."))
            return count_rows.count_row(s, c)

    def lines(self, count_id: int) -> list[CountLineRow]:
        """The count sheet; expected quantities and variances stay hidden while counting."""
        with self.core.db.read() as s:
            c = count_rows.get_count(s, count_id)
            return count_rows.line_rows(s, c)

    def history(self, limit: int = 100) -> list[CountRow]:
        """Past and current counts, newest first."""
        with self.core.db.read() as s:
            q = select(StockCount).order_by(StockCount.id.desc()).limit(limit)
            return [count_rows.count_row(s, c) for c in s.scalars(q)]

    def sheet_pdf(
        self, count_id: int, out: Path | IO[bytes], *, font_path: str | None = None
    ) -> PdfFont:
        """The count sheet as a PDF (blind while counting)."""
        count = self.get(count_id)
        lines = self.lines(count_id)
        return write_count_sheet(
            count,
            lines,
            out,
            shop=str(self.core.settings.get("shop.name")),
            tz=self.core.settings.tz(),
            font_path=font_path or self.core.settings.get("pdf.font"),
        )

    def threshold(self) -> Money:
        return Money.yuan(int(self.core.settings.get("stock.count_approval_yuan")))
