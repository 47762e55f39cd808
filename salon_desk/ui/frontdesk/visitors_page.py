"""Visitor log: name, people, reason, whom they visit; sign out; today's list."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.frontdesk.logs_service import VisitorService
from salon_desk.frontdesk.rows import VisitorRow
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.page import LogPage, line
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.rows_model import Column

COLUMNS = [
    Column(N_("Name"), lambda r: r.name),
    Column(N_("People"), lambda r: r.people, align="center"),
    Column(N_("Reason"), lambda r: r.reason),
    Column(N_("Visiting"), lambda r: r.visiting),
    Column(N_("Time in"), lambda r: r.signed_in_at),
    Column(N_("Time out"), lambda r: r.signed_out_at),
]


class VisitorsPage(LogPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, COLUMNS, parent)
        self.svc = ctx.service(VisitorService)
        self.people = 1
        form = QGridLayout()
        self.name = line(self, _("Name"))
        self.phone = line(self, _("Phone (optional)"), 20)
        self.reason = line(self, _("Reason"), 200)
        self.visiting = line(self, _("Visiting (optional)"))
        self.people_button = BigButton("", self)
        self.people_button.clicked.connect(self._ask_people)
        self.sign_in_button = BigButton(_("Sign in"), self, role="primary")
        self.sign_in_button.clicked.connect(self._sign_in)
        form.addWidget(self.name, 0, 0)
        form.addWidget(self.phone, 0, 1)
        form.addWidget(self.people_button, 0, 2)
        form.addWidget(self.reason, 1, 0)
        form.addWidget(self.visiting, 1, 1)
        form.addWidget(self.sign_in_button, 1, 2)
        self.body.addLayout(form)
        self.body.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.sign_out_button = BigButton(_("Sign out the chosen visitor"), self)
        self.sign_out_button.clicked.connect(self._sign_out)
        actions.addWidget(self.sign_out_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        self._show_people()
        self.refresh()

    def _show_people(self) -> None:
        self.people_button.setText(_("People: {n}", n=self.people))

    def _ask_people(self) -> None:
        value = NumPadDialog.ask(
            self,
            _("Number of people"),
            mode="int",
            initial=str(self.people),
            minimum=1,
            maximum=99,
        )
        if isinstance(value, int):
            self.people = value
            self._show_people()

    def _sign_in(self) -> None:
        row = self.ctx.guard(
            self,
            self.svc.sign_in,
            name=self.name.text(),
            people=self.people,
            reason=self.reason.text(),
            visiting=self.visiting.text(),
            phone=self.phone.text(),
        )
        if row is None:
            return
        for edit in (self.name, self.phone, self.reason, self.visiting):
            edit.clear()
        self.people = 1
        self._show_people()
        self.refresh()
        self.changed()

    def _sign_out(self) -> None:
        row: VisitorRow | None = self.selected()
        if row is None:
            return
        if self.ctx.guard(self, self.svc.sign_out, row.id) is not None:
            self.refresh()
            self.changed()

    def refresh(self) -> None:
        self.model.set_rows(self.svc.day())
