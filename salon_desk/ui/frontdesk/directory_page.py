"""Phone directory: staff, suppliers and services. The list shows only what the signed-in
person may see (the service leaves confidential lines out for counter staff)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.frontdesk.directory_service import DirectoryService
from salon_desk.frontdesk.rows import DirectoryRow
from salon_desk.frontdesk.rules import CATEGORIES
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.page import LogPage, combo, line
from salon_desk.ui.style import TOUCH, WARN
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column

COLUMNS = [
    Column(N_("Name"), lambda r: r.name),
    Column(N_("Category"), lambda r: _(CATEGORIES[r.category])),
    Column(N_("Phone"), lambda r: r.phone),
    Column(N_("Confidential"), lambda r: r.confidential, align="center"),
    Column(N_("Note"), lambda r: r.note),
]


class DirectoryPage(LogPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, COLUMNS, parent)
        self.svc = ctx.service(DirectoryService)
        form = QGridLayout()
        self.name = line(self, _("Name"))
        self.phone = line(self, _("Phone"))
        self.entry_note = line(self, _("Note (optional)"), 200)
        self.category = combo(self, [(_(label), key) for key, label in CATEGORIES.items()])
        self.confidential = QCheckBox(_("Confidential (managers only)"), self)
        self.confidential.setMinimumHeight(TOUCH)
        self.add_button = BigButton(_("Add"), self, role="primary")
        self.add_button.clicked.connect(self._add)
        form.addWidget(self.name, 0, 0)
        form.addWidget(self.phone, 0, 1)
        form.addWidget(self.category, 0, 2)
        form.addWidget(self.entry_note, 1, 0, 1, 2)
        form.addWidget(self.confidential, 1, 2)
        form.addWidget(self.add_button, 0, 3, 2, 1)
        self.body.addLayout(form)
        self.body.addWidget(self.note)
        self.body.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.remove_button = BigButton(_("Remove the chosen line"), self, role="danger")
        self.remove_button.clicked.connect(self._remove)
        self.review_button = BigButton(_("Directory checked through"), self)
        self.review_button.clicked.connect(self._reviewed)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        actions.addWidget(self.review_button)
        self.body.addLayout(actions)
        self.refresh()

    def _add(self) -> None:
        row = self.ctx.guard(
            self,
            self.svc.add,
            name=self.name.text(),
            category=self.category.currentData(),
            phone=self.phone.text(),
            note=self.entry_note.text(),
            confidential=self.confidential.isChecked(),
        )
        if row is None:
            return
        for edit in (self.name, self.phone, self.entry_note):
            edit.clear()
        self.confidential.setChecked(False)
        self.refresh()
        self.changed()

    def _remove(self) -> None:
        row: DirectoryRow | None = self.selected()
        if row is None:
            return
        if not self.ctx.prompts.confirm(
            self, _("Remove {name} from the directory?", name=row.name)
        ):
            return
        self.ctx.guard(self, self.svc.remove, row.id)
        self.refresh()
        self.changed()

    def _reviewed(self) -> None:
        if self.ctx.guard(self, self.svc.mark_reviewed) is not None:
            self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.svc.entries(self.ctx.actor))
        state = self.svc.review_state()
        if state.due:
            self.note.setText(
                _("The directory has not been checked for a month: check every number.")
            )
            self.note.setStyleSheet(f"color: {WARN}; font-weight: bold;")
            self.note.show()
        else:
            self.note.hide()
