"""Lost property: what, where and when found, who found it, the manager it went to,
and who claimed it."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from salon_desk.core.auth import Role
from salon_desk.core.i18n import N_, _
from salon_desk.frontdesk.logs_service import LostPropertyService
from salon_desk.frontdesk.rows import LostItemRow
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.page import LogPage, combo, line
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column

COLUMNS = [
    Column(N_("Article"), lambda r: r.item),
    Column(N_("Where found"), lambda r: r.place),
    Column(N_("Found at"), lambda r: r.found_at),
    Column(N_("Found by"), lambda r: r.found_by),
    Column(N_("Handed to"), lambda r: r.handed_name),
    Column(N_("Claimed by"), lambda r: r.claimed_by),
    Column(N_("Claimed"), lambda r: r.claimed_at),
]


class LostPage(LogPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, COLUMNS, parent)
        self.svc = ctx.service(LostPropertyService)
        form = QGridLayout()
        self.item = line(self, _("Article"), 100)
        self.place = line(self, _("Where found"), 60)
        self.found_by = line(self, _("Found by"))
        managers = [s for s in ctx.core.auth.list_staff() if s.role in (Role.MANAGER, Role.OWNER)]
        self.manager = combo(
            self, [(_("Handed to which manager?"), None)] + [(s.name, s.id) for s in managers]
        )
        self.record_button = BigButton(_("Record"), self, role="primary")
        self.record_button.clicked.connect(self._record)
        form.addWidget(self.item, 0, 0)
        form.addWidget(self.place, 0, 1)
        form.addWidget(self.found_by, 1, 0)
        form.addWidget(self.manager, 1, 1)
        form.addWidget(self.record_button, 0, 2, 2, 1)
        self.body.addLayout(form)
        self.body.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.claim_button = BigButton(_("Claimed…"), self)
        self.claim_button.clicked.connect(self._claim)
        actions.addWidget(self.claim_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        self.refresh()

    def _record(self) -> None:
        row = self.ctx.guard(
            self,
            self.svc.record_found,
            item=self.item.text(),
            place=self.place.text(),
            found_by=self.found_by.text(),
            handed_to=self.manager.currentData(),
        )
        if row is None:
            return
        for edit in (self.item, self.place, self.found_by):
            edit.clear()
        self.refresh()
        self.changed()

    def _claim(self) -> None:
        row: LostItemRow | None = self.selected()
        if row is None:
            return
        if row.claimed:
            self.ctx.prompts.error(
                self, _("This item was already claimed by {name}.", name=row.claimed_by or "")
            )
            return
        name = self.ctx.prompts.text(self, _("Claimed"), _("Who claimed it?"))
        if name is None:
            return
        contact = self.ctx.prompts.text(self, _("Claimed"), _("Their phone or ID number"))
        if contact is None:
            return
        done = self.ctx.guard(self, self.svc.claim, row.id, claimed_by=name, contact=contact)
        if done is not None:
            self.refresh()
            self.changed()

    def refresh(self) -> None:
        self.model.set_rows(self.svc.items())
