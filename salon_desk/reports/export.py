"""The report's tables as CSV (UTF-8 with a byte-order mark, so Excel on a Chinese
Windows opens it right) or as an XLSX workbook (one sheet per table, money as numbers)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from salon_desk.core.money import Money
from salon_desk.reports.layout import Layout, cell_text


def render_csv(layout: Layout) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([layout.shop, layout.title, layout.subtitle])
    w.writerow([layout.printed])
    for table in layout.tables():
        w.writerow([])
        w.writerow([table.title])
        w.writerow([c.title for c in table.columns])
        for row in table.rows:
            w.writerow([cell_text(v, grouping=False) for v in row])
        if table.total:
            w.writerow([cell_text(v, grouping=False) for v in table.total])
        if not table.rows and table.empty:
            w.writerow([table.empty])
    return out.getvalue().encode("utf-8-sig")


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _SHEET_BAD.sub(" ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        name = f"{base[:26]}-{n}"
        n += 1
    taken.add(name.lower())
    return name


def render_xlsx(layout: Layout) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    shade = PatternFill("solid", fgColor="EBE7E1")
    for table in layout.tables():
        ws = wb.create_sheet(_sheet_name(table.title, taken))
        ws.append([f"{layout.shop} {layout.title} {layout.subtitle}"])
        ws.append([table.title])
        ws.append([c.title for c in table.columns])
        for cell in ws[3]:
            cell.font = bold
            cell.fill = shade
        body = list(table.rows) + ([table.total] if table.total else [])
        for row in body:
            ws.append([_value(v) for v in row])
            for col, v in enumerate(row, start=1):
                if isinstance(v, Money):
                    ws.cell(ws.max_row, col).number_format = "#,##0.00"
        if table.total:
            for cell in ws[ws.max_row]:
                cell.font = bold
        if not table.rows and table.empty:
            ws.append([table.empty])
        for i, c in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(10, 9 * c.width + 4)
            if c.kind != "text":
                ws.cell(3, i).alignment = Alignment(horizontal="right")
        ws.freeze_panes = "A4"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _value(v: object) -> object:
    if isinstance(v, Money):
        return Decimal(v.fen) / 100
    return v
