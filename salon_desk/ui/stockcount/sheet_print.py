"""Write a count sheet PDF into the export folder and open it in the PDF viewer (from
where the counter prints it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.exports import export_folder, safe_name
from salon_desk.stock.rows import CountRow
from salon_desk.ui.context import UiContext


def write_sheet(
    parent: QWidget, ctx: UiContext, count: CountRow, path: Path | None, *, open_file: bool
) -> Path | None:
    try:
        target = path or export_folder() / f"{safe_name(_('Stock count'))}-{count.number}.pdf"
    except SalonError as exc:
        ctx.error(parent, error_text(exc))
        return None
    font = ctx.attempt(parent, ctx.service(StockCountService).sheet_pdf, count.id, target)
    if font is None:
        return None
    if font.warning:
        ctx.error(parent, _(font.warning, path=font.warning_path or ""))
    if open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    else:
        ctx.prompts.info(parent, _("Saved: {file}", file=str(target)))
    return target
