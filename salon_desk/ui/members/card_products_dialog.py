"""The card products on file (护理卡种类): see them with their price and terms, add one or
change one (a manager saves)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.members.card_labels import CATEGORY_LABELS, KIND_LABELS
from salon_desk.members.card_rows import CardProductRow
from salon_desk.members.card_service import CardService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.card_product_dialog import CardProductDialog
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


def amount_text(p: CardProductRow) -> str:
    if p.kind == "sessions":
        return _("{n} sessions", n=p.sessions)
    if p.kind == "value" and p.bonus:
        return _("bonus {amount}", amount=p.bonus.format())
    return ""


def validity_text(p: CardProductRow) -> str:
    if p.valid_days is None:
        return _("No expiry")
    if p.from_first_use:
        return _("{n} days from the first use", n=p.valid_days)
    return _("{n} days from the sale", n=p.valid_days)


class CardProductsDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards = ctx.service(CardService)
        self.setWindowTitle(_("Card products"))
        self.resize(1200, 640)
        layout = QVBoxLayout(self)
        self.model = RowsModel(
            [
                Column(N_("Code"), lambda p: p.code),
                Column(N_("Card name"), lambda p: p.name),
                Column(N_("Card kind"), lambda p: _(KIND_LABELS.get(p.kind, p.kind))),
                Column(N_("Category"), lambda p: _(CATEGORY_LABELS.get(p.category, p.category))),
                Column(N_("Card price"), lambda p: p.price),
                Column(N_("Contents"), amount_text),
                Column(N_("Validity"), validity_text),
                Column(
                    N_("On sale"),
                    lambda p: p.active,
                    colour=lambda p: None if p.active else "#9c6b00",
                ),
            ]
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        close = BigButton(_("Close"), self)
        close.clicked.connect(self.accept)
        self.edit_button = BigButton(_("Edit"), self)
        self.edit_button.clicked.connect(self.edit)
        self.new_button = BigButton(_("New card product"), self, role="primary")
        self.new_button.clicked.connect(self.new)
        buttons.addWidget(close)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.new_button)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.ctx.attempt(self, self.cards.products, active_only=False) or [])
        self.table.resizeColumnsToContents()
        self._update()

    def selected(self) -> CardProductRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def _open(self, row: CardProductRow | None) -> None:
        dialog = CardProductDialog(self.ctx, row, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.ctx.hub.notify("cards")
            self.refresh()

    def new(self) -> None:
        self._open(None)

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(row)
