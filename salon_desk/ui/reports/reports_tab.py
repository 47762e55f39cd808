"""The Reports tab (managers): pick a day or a range, preview the figures table by table,
open the PDF in the PC's viewer to print it, save it, or export CSV / Excel.

Building the figures and rendering files run off the UI thread; the buttons wait while
one runs, and a change of days made meanwhile is built as soon as it finishes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.clock import local_day
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.reports.layout import Layout, Table, layout_of
from salon_desk.reports.model import DailyReport, PeriodReport
from salon_desk.reports.service import ReportService
from salon_desk.ui.context import UiContext
from salon_desk.ui.reports.period_picker import PeriodPicker
from salon_desk.ui.reports.report_job import ReportJob
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

ChoosePath = Callable[[QWidget, str, str], str | None]
FILTERS = {"pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)"}


def _choose_path(parent: QWidget, suggested: str, fmt: str) -> str | None:
    path, _f = QFileDialog.getSaveFileName(parent, _("Save the report"), suggested, FILTERS[fmt])
    return path or None


def _open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reports = ctx.service(ReportService)
        self.choose_path: ChoosePath = _choose_path
        self.open_file: Callable[[Path], bool] = _open_file
        self.report: DailyReport | PeriodReport | None = None
        self.layout_: Layout | None = None
        self.jobs: list[ReportJob] = []
        self._stale = True
        self._again = False
        today = local_day(ctx.core.clock.now(), ctx.core.settings.tz())

        self.picker = PeriodPicker(today, self)
        self.picker.changed.connect(self.refresh)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "title")
        self.tables = TouchTable(self)
        self.tables.setFixedWidth(300)
        self.titles = RowsModel([Column(N_("Tables"), attrgetter("title"))], parent=self)
        self.tables.setModel(self.titles)
        self.tables.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_table(current.row())
        )
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setProperty("role", "muted")
        self.view = TouchTable(self)
        self.model = RowsModel([], parent=self)
        self.view.setModel(self.model)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.open_button = BigButton(_("Open / print PDF"), self, role="primary")
        self.save_pdf = BigButton(_("Save PDF…"), self)
        self.save_csv = BigButton(_("Export CSV…"), self)
        self.save_xlsx = BigButton(_("Export Excel…"), self)
        self.rates_button = BigButton(_("Commission rates…"), self)
        self.rates_button.clicked.connect(self.edit_rates)
        self.open_button.clicked.connect(self.open_pdf)
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self.save_csv.clicked.connect(lambda: self.save("csv"))
        self.save_xlsx.clicked.connect(lambda: self.save("xlsx"))

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.view, 1)
        right.addWidget(self.notes)
        body = QHBoxLayout()
        body.addWidget(self.tables)
        body.addLayout(right, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        for b in (
            self.rates_button,
            self.open_button,
            self.save_pdf,
            self.save_csv,
            self.save_xlsx,
        ):
            actions.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.picker)
        layout.addLayout(body, 1)
        layout.addLayout(actions)
        ctx.hub.changed.connect(self._data_changed)
        self._set_busy(False)

    # --- building -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _data_changed(self, _topic: str) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def busy(self) -> bool:
        """Work started and not yet handed back (its result, then its end, arrive on the UI
        thread in that order)."""
        return bool(self.jobs)

    def refresh(self) -> None:
        if self.busy():
            self._again = True
            return
        self._stale = False
        start, end, is_day = self.picker.start, self.picker.end, self.picker.is_day()
        actor = self.ctx.actor
        if is_day:
            work: Callable[[], Any] = lambda: self.reports.daily(actor, start)  # noqa: E731
        else:
            work = lambda: self.reports.period(actor, start, end)  # noqa: E731
        self.status.setText(_("Working…"))
        self.status.setProperty("role", "muted")
        self._run(work, self._built, building=True)

    def _built(self, report: DailyReport | PeriodReport) -> None:
        self.report = report
        self.layout_ = layout_of(report)
        shown = max(self.tables.currentIndex().row(), 0)
        self.titles.set_rows(self.layout_.tables())
        self.select_table(min(shown, self.titles.rowCount() - 1))
        self.status.setText(f"{self.layout_.title}  {self.layout_.subtitle}")

    def select_table(self, row: int) -> None:
        self.tables.setCurrentIndex(self.titles.index(row, 0))
        self._show_table(row)

    def _show_table(self, row: int) -> None:
        if self.layout_ is None or row < 0:
            return
        section = next(s for s in self.layout_.sections if s.tables and self._has(s, row))
        table = self.layout_.tables()[row]
        self.heading.setText(f"{section.title} · {table.title}" if section.title != table.title
                             else table.title)  # fmt: skip
        self.notes.setText("\n".join(section.notes) or (table.empty if not table.rows else ""))
        self._fill(table)

    def _has(self, section: Any, row: int) -> bool:
        assert self.layout_ is not None
        return self.layout_.tables()[row] in section.tables

    def _fill(self, table: Table) -> None:
        columns = [
            Column(c.title, itemgetter(i), "right" if c.kind != "text" else "left")
            for i, c in enumerate(table.columns)
        ]
        # One model for the view, its columns changed with a reset: swapping models under
        # a live view crashes Qt.
        self.model.columns = columns
        self.model.set_rows(list(table.rows) + ([table.total] if table.total else []))
        header = self.view.horizontalHeader()
        for i in range(len(columns)):
            last = i == len(columns) - 1
            header.setSectionResizeMode(
                i,
                QHeaderView.ResizeMode.Stretch if last else QHeaderView.ResizeMode.ResizeToContents,
            )

    def edit_rates(self) -> None:
        from salon_desk.ui.reports.commission_dialog import CommissionDialog

        dialog = CommissionDialog(self.ctx, self)
        dialog.exec()  # each change is announced on the hub, which rebuilds the report
        dialog.deleteLater()

    # --- files --------------------------------------------------------------------------
    def _suggested(self, fmt: str) -> str:
        assert self.layout_ is not None and self.report is not None
        h = self.report.header
        days = h.start.isoformat() if h.start == h.end else f"{h.start}_{h.end}"
        return str(Path.home() / f"{self.layout_.title}-{days}.{fmt}")

    def save(self, fmt: str) -> None:
        if self.report is None or self.busy():
            return
        chosen = self.choose_path(self, self._suggested(fmt), fmt)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        report, actor = self.report, self.ctx.actor
        self.status.setText(_("Working…"))
        self._run(
            lambda: self.reports.save(actor, report, path, fmt),
            lambda written: self.status.setText(_("Saved: {file}", file=str(written))),
        )

    def open_pdf(self) -> None:
        if self.report is None or self.busy():
            return
        folder = Path(tempfile.gettempdir()) / "salon-desk-reports"
        report, actor = self.report, self.ctx.actor

        def work() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            name = Path(self._suggested("pdf")).name
            return self.reports.save(actor, report, folder / name, "pdf")

        def opened(path: Path) -> None:
            self.status.setText(_("Saved: {file}", file=str(path)))
            if not self.open_file(path):
                self.ctx.error(self, _("No program to open PDF files was found: {file}",
                                       file=str(path)))  # fmt: skip

        self.status.setText(_("Working…"))
        self._run(work, opened)

    # --- running off the UI thread --------------------------------------------------------
    def _run(
        self, work: Callable[[], Any], done: Callable[[Any], None], *, building: bool = False
    ) -> None:
        job = ReportJob(work, done, building=building)
        self.jobs.append(job)
        self._set_busy(True)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.ended.connect(self._ended)
        job.begin()

    def _succeeded(self, job: ReportJob, result: Any) -> None:
        job.done(result)

    def _failed(self, job: ReportJob, exc: Exception) -> None:
        if not isinstance(exc, SalonError):
            raise exc
        if job.building:  # what is shown no longer matches the days chosen
            self.report = self.layout_ = None
            self.titles.set_rows([])
            self.heading.clear()
            self.notes.clear()
            self.model.columns = []
            self.model.set_rows([])
        text = error_text(exc)
        self.status.setText(text)
        self.ctx.error(self, text)

    def _ended(self, job: ReportJob) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        self._set_busy(self.busy())
        if self._again and not self.busy():
            self._again = False
            self.refresh()

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.report is not None
        for b in (self.open_button, self.save_pdf, self.save_csv, self.save_xlsx):
            b.setEnabled(ready)

    def today(self) -> date:
        return self.picker.today
