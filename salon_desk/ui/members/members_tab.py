"""The Members tab: search on the left, the chosen member on the right."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.members.rows import MemberRow
from salon_desk.members.service import MemberService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.card_products_dialog import CardProductsDialog
from salon_desk.ui.members.import_dialog import ImportDialog
from salon_desk.ui.members.member_dialog import MemberDialog
from salon_desk.ui.members.member_panel import MemberPanel
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.search_box import SearchBox
from salon_desk.ui.widgets.table import TouchTable


class MembersTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.members = ctx.service(MemberService)
        self.import_dialog: ImportDialog | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.search_box = SearchBox(_("Phone, last 4 digits, name, pinyin or number"), self)
        self.search_box.search.connect(self.search)
        left.addWidget(self.search_box)
        self.hint = QLabel("", self)
        self.hint.setProperty("role", "muted")
        left.addWidget(self.hint)
        self.model = RowsModel(
            [
                Column(N_("Name"), lambda r: r.name),
                Column(N_("Phone"), lambda r: _masked(r)),
                Column(N_("Member number"), lambda r: r.number),
            ]
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._picked)
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.new_button = BigButton(_("New member"), self, role="primary")
        self.new_button.clicked.connect(self.new_member)
        self.birthday_button = BigButton(_("Birthdays this month"), self)
        self.birthday_button.clicked.connect(self.birthdays)
        self.import_button = BigButton(_("Import"), self)
        self.import_button.clicked.connect(self.import_members)
        self.products_button = BigButton(_("Card products"), self)
        self.products_button.clicked.connect(self.card_products)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.birthday_button)
        left.addLayout(buttons)
        more = QHBoxLayout()
        more.addWidget(self.import_button)
        more.addWidget(self.products_button)
        left.addLayout(more)
        holder = QWidget(self)
        holder.setLayout(left)
        holder.setFixedWidth(440)
        layout.addWidget(holder)
        self.panel = MemberPanel(ctx, self)
        self.panel.open_member.connect(self.show_member)
        layout.addWidget(self.panel, 1)
        ctx.hub.changed.connect(self._on_changed)

    def _on_changed(self, topic: str) -> None:
        if topic == "members" and self.search_box.text():
            self.search(self.search_box.text())

    def search(self, text: str) -> None:
        rows = self.ctx.attempt(self, self.members.search, text) if text else []
        self.model.set_rows(rows or [])
        self.table.resizeColumnsToContents()
        if text and not rows:
            self.hint.setText(_("No member found for “{text}”.", text=text))
        elif rows:
            self.hint.setText(_("{n} found", n=len(rows)))
        else:
            self.hint.setText("")
        if rows and len(rows) == 1:
            self.table.selectRow(0)

    def _picked(self) -> None:
        chosen = self.table.selectionModel().selectedRows()
        if chosen:
            self.panel.show_member(self.model.row_at(chosen[0].row()))

    def show_member(self, member_id: int) -> None:
        row = self.ctx.attempt(self, self.members.get, member_id)
        if row is not None:
            self.panel.show_member(row)

    def new_member(self) -> None:
        created = MemberDialog.ask(self, self.ctx, None)
        if created is None:
            return
        if isinstance(created, int):  # the phone belongs to a member on file
            self.show_member(created)
            return
        self.ctx.hub.notify("members")
        self.search_box.set_text(created.phone or created.name)

    def import_members(self) -> None:
        """Members and card balances from a file (a manager's PIN when needed)."""
        dialog = ImportDialog.for_manager(self.ctx, self)
        if dialog is not None:
            self.import_dialog = dialog
            dialog.exec()
            self.import_dialog = None

    def card_products(self) -> None:
        CardProductsDialog(self.ctx, self).exec()

    def birthdays(self) -> None:
        today = self.ctx.core.clock.now().astimezone(self.ctx.core.settings.tz())
        rows = self.ctx.attempt(self, self.members.birthdays, today.month) or []
        self.model.set_rows(rows)
        self.hint.setText(_("Birthdays in month {month}: {n}", month=today.month, n=len(rows)))


def _masked(row: MemberRow) -> str:
    """The phone as the counter reads it aloud: 138****5678."""
    if not row.phone:
        return ""
    return f"{row.phone[:3]}****{row.phone[-4:]}"
