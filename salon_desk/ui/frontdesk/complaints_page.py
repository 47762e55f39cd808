"""Complaints: register, pass on, follow up, resolve with the resolution, and the month's
summary PDF for the manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from salon_desk.core.auth import Role
from salon_desk.core.i18n import N_, _
from salon_desk.frontdesk.complaints_service import ComplaintService
from salon_desk.frontdesk.rows import ComplaintRow
from salon_desk.frontdesk.rules import SEVERITIES, STATUSES
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.page import LogPage, combo, line
from salon_desk.ui.style import DANGER, OK, WARN
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column

_COLOURS = {"open": DANGER, "in_progress": WARN, "resolved": OK}

COLUMNS = [
    Column(N_("Complaint no."), lambda r: r.number),
    Column(N_("Registered"), lambda r: r.received_at),
    Column(N_("Customer"), lambda r: r.customer),
    Column(N_("Severity"), lambda r: _(SEVERITIES[r.severity])),
    Column(N_("Status"), lambda r: _(STATUSES[r.status]), colour=lambda r: _COLOURS[r.status]),
    Column(N_("Assigned to"), lambda r: r.assigned_name),
    Column(N_("What happened"), lambda r: r.resolution or r.what),
]


def summary_folder() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "Salon Desk"


class ComplaintsPage(LogPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, COLUMNS, parent)
        self.svc = ctx.service(ComplaintService)
        self.folder = summary_folder()
        form = QGridLayout()
        self.customer = line(self, _("Customer"))
        self.contact = line(self, _("Contact (optional)"))
        self.what = line(self, _("What happened"), 2000)
        self.severity = combo(self, [(_(label), key) for key, label in SEVERITIES.items()])
        staff = [s for s in ctx.core.auth.list_staff() if s.role in (Role.MANAGER, Role.OWNER)] + [
            s for s in ctx.core.auth.list_staff() if s.role not in (Role.MANAGER, Role.OWNER)
        ]
        self.assignee = combo(
            self, [(_("Not assigned yet"), None)] + [(s.name, s.id) for s in staff]
        )
        self.register_button = BigButton(_("Register the complaint"), self, role="primary")
        self.register_button.clicked.connect(self._register)
        form.addWidget(self.customer, 0, 0)
        form.addWidget(self.contact, 0, 1)
        form.addWidget(self.severity, 0, 2)
        form.addWidget(self.what, 1, 0, 1, 2)
        form.addWidget(self.assignee, 1, 2)
        form.addWidget(self.register_button, 0, 3, 2, 1)
        self.body.addLayout(form)
        self.body.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.progress_button = BigButton(_("In progress / pass on"), self)
        self.progress_button.clicked.connect(self._in_progress)
        self.resolve_button = BigButton(_("Resolved…"), self, role="primary")
        self.resolve_button.clicked.connect(self._resolve)
        self.pdf_button = BigButton(_("Monthly summary PDF"), self)
        self.pdf_button.clicked.connect(self._summary)
        for button in (self.progress_button, self.resolve_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.pdf_button)
        self.body.addLayout(actions)
        self.refresh()

    def _register(self) -> None:
        row = self.ctx.guard(
            self,
            self.svc.register,
            customer=self.customer.text(),
            contact=self.contact.text(),
            what=self.what.text(),
            severity=self.severity.currentData(),
            assigned_to=self.assignee.currentData(),
        )
        if row is None:
            return
        for edit in (self.customer, self.contact, self.what):
            edit.clear()
        self.refresh()
        self.changed()

    def _step(self, status: str, note: str, assigned_to: int | None = None) -> None:
        row: ComplaintRow | None = self.selected()
        if row is None:
            return
        done = self.ctx.guard(
            self, self.svc.update, row.id, status=status, note=note, assigned_to=assigned_to
        )
        if done is not None:
            self.refresh()
            self.changed()

    def _in_progress(self) -> None:
        """Being followed up, passed on to the person chosen in the list (if any)."""
        self._step("in_progress", _("Being followed up"), self.assignee.currentData())

    def _resolve(self) -> None:
        if self.table.selectionModel().selectedRows():
            text = self.ctx.prompts.text(self, _("Resolved"), _("How was it resolved?"))
            if text is not None:
                self._step("resolved", text)
        else:
            self.selected()

    def _summary(self) -> None:
        today = self.ctx.core.clock.now().astimezone(self.ctx.core.settings.tz()).date()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"complaints-{today:%Y-%m}.pdf"
        summary = self.ctx.guard(self, self.svc.summary_pdf, today, path)
        if summary is not None:
            self.ctx.prompts.info(
                self, _("{n} complaints this month. Saved to {path}", n=summary.total, path=path)
            )

    def refresh(self) -> None:
        self.model.set_rows(self.svc.recent())
