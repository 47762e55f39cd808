"""Add or change a service on the price list: names, category, minutes and price (with the
keypad), which beauticians perform it, and whether it is shown."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.booking.catalogue_service import CatalogueService, ServiceDraft
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import CATEGORY_LABELS, ServiceRow
from salon_desk.core.errors import Invalid, SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.core.money import Money
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad

N_MINUTES = N_("Enter the minutes as a whole number.")


class ServiceDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: UiContext, row: ServiceRow | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.saved: ServiceRow | None = None
        self.setWindowTitle(_("Service"))
        self.resize(1000, 600)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 3)
        form = QFormLayout()
        left.addLayout(form)
        self.code = QLineEdit(row.code if row else "", self)
        form.addRow(_("Code"), self.code)
        self.name_zh = QLineEdit(row.name_zh if row else "", self)
        form.addRow(_("Chinese name"), self.name_zh)
        self.name_en = QLineEdit(row.name_en if row else "", self)
        form.addRow(_("English name"), self.name_en)
        self.category = QComboBox(self)
        for key, label in CATEGORY_LABELS.items():
            self.category.addItem(_(label), key)
        if row:
            self.category.setCurrentIndex(self.category.findData(row.category))
        form.addRow(_("Category"), self.category)
        self.minutes = QLineEdit(str(row.duration_min) if row else "60", self)
        form.addRow(_("Minutes"), self.minutes)
        self.price = QLineEdit(row.price.plain() if row else "", self)
        form.addRow(_("Amount"), self.price)
        left.addWidget(QLabel(_("Performed by (none ticked: every beautician)"), self))
        staff_grid = QGridLayout()
        left.addLayout(staff_grid)
        self.staff: dict[int, QCheckBox] = {}
        chosen = set(row.staff_ids) if row else set()
        for i, (staff_id, number, name) in enumerate(ctx.service(RosterService).beauticians()):
            box = QCheckBox(f"{number}号 {name}", self)
            box.setChecked(staff_id in chosen)
            box.setMinimumHeight(44)
            staff_grid.addWidget(box, i // 4, i % 4)
            self.staff[staff_id] = box
        self.active = QCheckBox(_("Shown on the price list"), self)
        self.active.setChecked(row.active if row else True)
        self.active.setMinimumHeight(44)
        left.addWidget(self.active)
        left.addStretch(1)
        right = QVBoxLayout()
        outer.addLayout(right, 2)
        self.pad = NumPad(self.price, self, mode="money")
        right.addWidget(QLabel(_("Keypad (price)"), self))
        right.addWidget(self.pad)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        right.addWidget(self.message, 1)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        save = BigButton(_("Save"), self, role="primary")
        save.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        right.addLayout(buttons)

    def draft(self) -> ServiceDraft:
        text = self.minutes.text().strip()
        if not text.isdigit():
            raise Invalid(N_MINUTES, field="duration_min")
        return ServiceDraft(
            code=self.code.text(),
            name_zh=self.name_zh.text(),
            name_en=self.name_en.text(),
            category=str(self.category.currentData()),
            duration_min=int(text),
            price=Money.parse(self.price.text(), field="price"),
            staff_ids=tuple(s for s, box in self.staff.items() if box.isChecked()),
            sort=None,
        )

    def save(self) -> None:
        try:
            draft = self.draft()
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        catalogue = self.ctx.service(CatalogueService)
        row = self.row
        if row is None:
            saved = self.ctx.guard(self, catalogue.create, draft)
        else:
            saved = self.ctx.guard(self, catalogue.update, row.id, draft)
            if saved is not None and saved.active != self.active.isChecked():
                saved = self.ctx.guard(self, catalogue.set_active, row.id, self.active.isChecked())
        if saved is None:
            return
        self.saved = saved
        self.ctx.hub.notify("catalogue")
        self.accept()
