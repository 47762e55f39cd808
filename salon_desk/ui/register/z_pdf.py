"""Write a closed day's Z report as an A4 PDF into the export folder, off the UI thread
(the first PDF loads reportlab and the Chinese font: about a second), then open it in the
PDF viewer, from where the counter prints it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.stock.exports import export_folder, safe_name
from salon_desk.ui.context import UiContext
from salon_desk.ui.reports.report_job import ReportJob

Opener = Callable[[Path], bool]


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ZPdfWriter(QObject):
    """Saves one Z PDF at a time for ``parent``; ``busy`` says when it starts and ends."""

    busy = Signal(bool)
    written = Signal(object)  # the Path

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = parent
        self.opener: Opener | None = open_in_viewer
        self.job: ReportJob | None = None

    def write(self, day: date, number: str) -> bool:
        """Start saving the Z of ``day``; ``False`` when it cannot start."""
        if self.job is not None:
            return False
        try:
            target = export_folder() / f"{safe_name(_('Z report'))}-{number}.pdf"
        except SalonError as exc:
            self.ctx.error(self.view, error_text(exc))
            return False
        # the report modules load here, once a day, not with the register tab
        from salon_desk.reports.z_report import ZReportPdf

        service, actor = self.ctx.service(ZReportPdf), self.ctx.actor
        self.job = ReportJob(lambda: service.save(actor, day, target), lambda _r: None)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)
        self.job.ended.connect(self._ended)
        self.busy.emit(True)
        self.job.begin()
        return True

    @Slot(object, object)
    def _succeeded(self, _job: Any, path: Any) -> None:
        if self.opener is None or not self.opener(path):
            self.ctx.prompts.info(self.view, _("Saved: {file}", file=str(path)))
        self.written.emit(path)

    @Slot(object, object)
    def _failed(self, _job: Any, exc: Any) -> None:
        if not isinstance(exc, SalonError):
            raise exc
        self.ctx.error(self.view, error_text(exc))

    @Slot(object)
    def _ended(self, _job: Any) -> None:
        self.job = None
        self.busy.emit(False)
