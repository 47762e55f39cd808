"""The chosen member: a greeting by name, the profile at a glance, and tabs for cards,
visits, bookings (cancelled and no-shows too), purchases, treatment records and follow-up
calls. The cards page is built with the panel; each other page the first time it is shown
(or asked for), reading the chosen member then."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.members.rows import MemberRow
from salon_desk.members.rules import GENDERS, SKIN_TYPES
from salon_desk.ui.appointments.member_bookings import MemberBookings
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.cards_page import CardsPage
from salon_desk.ui.members.history_pages import calls_page, purchases_page, visits_page
from salon_desk.ui.members.history_table import HistoryTable
from salon_desk.ui.members.member_dialog import MemberDialog
from salon_desk.ui.members.privacy_actions import PrivacyActions
from salon_desk.ui.members.records_page import RecordsPage
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.built_on_lookup import BuiltOnLookup

#: the member's pages in their order: key, tab title, and how a page is built
PAGES: tuple[tuple[str, str, Callable[[UiContext, QWidget], Any]], ...] = (
    ("cards", N_("Cards"), CardsPage),
    ("visits", N_("Visits"), visits_page),
    ("bookings", N_("Booking history"), MemberBookings),
    ("purchases", N_("Purchases"), purchases_page),
    ("records", N_("Treatment records"), RecordsPage),
    ("calls", N_("Follow-up calls"), calls_page),
)
KEYS = [key for key, _title, _build in PAGES]


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
        for _key, title, _build in PAGES:  # an empty stand-in until the page is shown
            self.tabs.addTab(QWidget(self.tabs), _(title))
        self.pages: BuiltOnLookup[str, Any] = BuiltOnLookup(self._build)
        self.pages["cards"]  # shown first: built now
        self.tabs.currentChanged.connect(lambda index: self.pages[KEYS[index]])
        self.tabs.currentChanged.connect(self._page_shown)  # after the page is built
        self.tabs.setEnabled(False)
        layout.addWidget(self.tabs, 1)

    def _build(self, key: str) -> QWidget:
        """Build page ``key`` in place of its stand-in, showing the chosen member."""
        index = KEYS.index(key)
        page: QWidget = PAGES[index][2](self.ctx, self)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        stand_in = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, _(PAGES[index][1]))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        if stand_in is not None:
            stand_in.deleteLater()
        if self.member is not None:
            page.show_member(self.member.id)  # type: ignore[attr-defined]
        return page

    @property
    def cards(self) -> CardsPage:
        page: CardsPage = self.pages["cards"]
        return page

    @property
    def records(self) -> RecordsPage:
        page: RecordsPage = self.pages["records"]
        return page

    @property
    def bookings(self) -> MemberBookings:
        page: MemberBookings = self.pages["bookings"]
        return page

    @property
    def visits(self) -> HistoryTable:
        page: HistoryTable = self.pages["visits"]
        return page

    @property
    def purchases(self) -> HistoryTable:
        page: HistoryTable = self.pages["purchases"]
        return page

    @property
    def calls(self) -> HistoryTable:
        page: HistoryTable = self.pages["calls"]
        return page

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
        self._fill(self.tabs.currentWidget(), again=True)

    def _page_shown(self, _index: int) -> None:
        if self.member is not None:
            self._fill(self.tabs.currentWidget(), again=False)

    def _fill(self, shown: Any, *, again: bool) -> None:
        """Only the page on screen holds the member: a page is read when its tab is
        tapped (a regular's visits, purchases and bookings are hundreds of rows each), and
        the pages nobody looks at are not read again after every sale or booking. A page
        built just now has read the member already; ``again`` reads it anyway (another
        member, or her profile changed)."""
        assert self.member is not None
        for page in self.pages.values():  # the pages built so far
            if page is shown:
                if again or page.member_id != self.member.id:
                    page.show_member(self.member.id)
            elif page.member_id is not None:
                page.show_member(None)

    def clear(self) -> None:
        """Nobody chosen (after an erase)."""
        self.member = None
        self.greeting.setText(_("Find a member on the left, or add a new one."))
        self.summary.setText("")
        self.warning.setText("")
        self.edit_button.setEnabled(False)
        self.privacy.set_member(None)
        self.tabs.setEnabled(False)
        for page in self.pages.values():
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
