"""Write a closed day's Z report as an A4 PDF into the export folder and open it in the
PDF viewer, from where the counter prints it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.reports.z_report import ZReportPdf
from salon_desk.stock.exports import export_folder, safe_name
from salon_desk.ui.context import UiContext

Opener = Callable[[Path], bool]


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def write_z_pdf(
    parent: QWidget, ctx: UiContext, day: date, number: str, opener: Opener | None
) -> Path | None:
    """Save the Z of ``day``; open it with ``opener`` (or say where it is when the viewer
    cannot be started)."""
    try:
        target = export_folder() / f"{safe_name(_('Z report'))}-{number}.pdf"
    except SalonError as exc:
        ctx.error(parent, error_text(exc))
        return None
    written = ctx.guard(parent, ctx.service(ZReportPdf).save, day, target)
    if written is None:
        return None
    if opener is None or not opener(written):
        ctx.prompts.info(parent, _("Saved: {file}", file=str(written)))
    return written
