"""The chosen member: a greeting by name, the profile at a glance, and tabs for cards,
visits, bookings (cancelled and no-shows too), purchases, treatment records and follow-up
calls."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.members.rows import MemberRow
from salon_desk.members.rules import GENDERS, SKIN_TYPES
from salon_desk.ui.appointments.member_bookings import MemberBookings
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.cards_page import CardsPage
from salon_desk.ui.members.history_pages import calls_page, purchases_page, visits_page
from salon_desk.ui.members.member_dialog import MemberDialog
from salon_desk.ui.members.privacy_actions import PrivacyActions
from salon_desk.ui.members.records_page import RecordsPage
from salon_desk.ui.widgets.big_button import BigButton


def greeting(row: MemberRow) -> str:
    """What the counter says first: the member's name (staff call members by name)."""
    surname = row.name[0] if row.name else ""
    if row.gender == "F" and surname:
        return _("Hello, Ms {surname}! ({name})", surname=surname, name=row.name)
    if row.gender == "M" and surname:
        return _("Hello, Mr {surname}! ({name})", surname=surname, name=row.name)
    return _("Hello, {name}!", name=row.name)


class MemberPanel(QWidget):
    open_member = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member: MemberRow | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.greeting = QLabel(_("Find a member on the left, or add a new one."), self)
        self.greeting.setProperty("role", "title")
        top.addWidget(self.greeting, 1)
        self.edit_button = BigButton(_("Edit profile"), self)
        self.edit_button.clicked.connect(self.edit)
        self.edit_button.setEnabled(False)
        top.addWidget(self.edit_button)
        self.privacy = PrivacyActions(ctx, self)
        self.privacy.erased.connect(self.clear)
        top.addWidget(self.privacy)
        layout.addLayout(top)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.warning = QLabel("", self)
        self.warning.setProperty("role", "warn")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.tabs = QTabWidget(self)
        self.cards = CardsPage(ctx, self)
        self.records = RecordsPage(ctx, self)
        self.visits = visits_page(ctx, self)
        self.bookings = MemberBookings(ctx, self)
        self.purchases = purchases_page(ctx, self)
        self.calls = calls_page(ctx, self)
        self.tabs.addTab(self.cards, _("Cards"))
        self.tabs.addTab(self.visits, _("Visits"))
        self.tabs.addTab(self.bookings, _("Booking history"))
        self.tabs.addTab(self.purchases, _("Purchases"))
        self.tabs.addTab(self.records, _("Treatment records"))
        self.tabs.addTab(self.calls, _("Follow-up calls"))
        self.tabs.setEnabled(False)
        layout.addWidget(self.tabs, 1)

    def show_member(self, row: MemberRow) -> None:
        self.member = row
        self.greeting.setText(greeting(row))
        parts = [
            _("Member No. {number}", number=row.number),
            row.phone or "",
            _(GENDERS.get(row.gender, "")) if row.gender else "",
            row.birthday.isoformat() if row.birthday else "",
            row.tier_name,
            _(SKIN_TYPES[row.skin_type]) if row.skin_type in SKIN_TYPES and row.skin_type else "",
        ]
        self.summary.setText("  ·  ".join(p for p in parts if p))
        cautions = [t for t in (row.allergies, row.contraindications) if t]
        self.warning.setText(
            _("Allergies and contraindications: {text}", text="；".join(cautions))
            if cautions
            else ""
        )
        self.edit_button.setEnabled(True)
        self.privacy.set_member(row)
        self.tabs.setEnabled(True)
        self.cards.show_member(row.id)
        self.records.show_member(row.id)
        for page in (self.visits, self.bookings, self.purchases, self.calls):
            page.show_member(row.id)

    def clear(self) -> None:
        """Nobody chosen (after an erase)."""
        self.member = None
        self.greeting.setText(_("Find a member on the left, or add a new one."))
        self.summary.setText("")
        self.warning.setText("")
        self.edit_button.setEnabled(False)
        self.privacy.set_member(None)
        self.tabs.setEnabled(False)
        self.cards.member_id = self.records.member_id = None
        self.cards.accounts.set_rows([])
        self.cards.ledger.set_rows([])
        self.records.model.set_rows([])
        self.records.chart.set_series("", "", [])
        for page in (self.visits, self.bookings, self.purchases, self.calls):
            page.show_member(None)

    def edit(self) -> None:
        if self.member is None:
            return
        result = MemberDialog.ask(self, self.ctx, self.member)
        if isinstance(result, MemberRow):
            self.ctx.hub.notify("members")
            self.show_member(result)
        elif isinstance(result, int):
            self.open_member.emit(result)
