"""The price list (各项服务收费标准): every treatment by category with its time and price,
in large type to turn towards the member. Managers add, change and hide services here."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.booking.rows import CATEGORY_LABELS, ServiceRow
from salon_desk.core.auth import Perm
from salon_desk.core.i18n import N_, _
from salon_desk.ui.appointments.service_dialog import ServiceDialog
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

BIG_PT = 20


class PriceList(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: ServiceDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        layout.addLayout(bar)
        title = QLabel(_("Price list"), self)
        title.setProperty("role", "title")
        bar.addWidget(title)
        bar.addStretch(1)
        self.big = BigButton(_("Show to the member"), self)
        self.big.setCheckable(True)
        self.big.toggled.connect(self.set_big)
        bar.addWidget(self.big)
        self.show_hidden = BigButton(_("Show hidden"), self)
        self.show_hidden.setCheckable(True)
        self.show_hidden.toggled.connect(lambda _on: self.refresh())
        bar.addWidget(self.show_hidden)
        self.add = BigButton(_("New service"), self, role="primary")
        self.add.clicked.connect(lambda: self.edit(None))
        bar.addWidget(self.add)
        self.model = RowsModel(
            [
                Column(N_("Category"), lambda r: _(CATEGORY_LABELS.get(r.category, r.category))),
                Column(N_("Service"), lambda r: r.name_zh),
                Column(N_("English name"), lambda r: r.name_en),
                Column(N_("Minutes"), lambda r: r.duration_min, align="right"),
                Column(N_("Amount"), lambda r: r.price),
                Column(
                    N_("Status"),
                    lambda r: "" if r.active else _("Hidden"),
                    colour=lambda r: None if r.active else "#b3261e",
                ),
            ],
            parent=self,
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.clicked.connect(self.tapped)
        layout.addWidget(self.table, 1)
        self.hint = QLabel(_("Managers: tap a service to change it."), self)
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)

    def refresh(self) -> None:
        manager = self.ctx.actor.can(Perm.CATALOGUE_EDIT)
        self.add.setVisible(manager and not self.big.isChecked())
        self.show_hidden.setVisible(manager and not self.big.isChecked())
        self.hint.setVisible(manager and not self.big.isChecked())
        everything = self.show_hidden.isChecked() and manager
        rows = self.ctx.service(CatalogueService).list(active_only=not everything)
        self.model.set_rows(rows)
        self.table.setColumnHidden(2, self.big.isChecked())
        self.table.setColumnHidden(5, not everything)
        self.table.resizeColumnsToContents()

    def set_big(self, on: bool) -> None:
        font = QFont(self.font())
        if on:
            font.setPointSize(BIG_PT)
        self.table.setFont(font)
        self.table.verticalHeader().setDefaultSectionSize(64 if on else 48)
        self.refresh()

    def tapped(self, index: QModelIndex) -> None:
        if self.big.isChecked():
            return
        self.edit(self.model.row_at(index.row()))

    def edit(self, row: ServiceRow | None) -> None:
        if not self.ctx.actor.can(Perm.CATALOGUE_EDIT) and row is not None:
            return  # counter staff only read the list
        self.dialog = ServiceDialog(self, self.ctx, row)
        self.dialog.finished.connect(lambda _r: self.refresh())
        self.dialog.open()
