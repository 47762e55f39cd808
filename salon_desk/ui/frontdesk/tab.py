"""The front-desk log tab: a column of big page buttons beside the chosen page, and the
open complaints shown to managers at the top. A page is built (and reads its rows) the
first time it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.i18n import N_, _
from salon_desk.frontdesk.complaints_service import ComplaintService
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.complaints_page import ComplaintsPage
from salon_desk.ui.frontdesk.directory_page import DirectoryPage
from salon_desk.ui.frontdesk.handover_page import HandoverPage
from salon_desk.ui.frontdesk.lost_page import LostPage
from salon_desk.ui.frontdesk.page import LogPage
from salon_desk.ui.frontdesk.search_page import SearchPage
from salon_desk.ui.frontdesk.visitors_page import VisitorsPage
from salon_desk.ui.style import DANGER
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.built_on_lookup import BuiltOnLookup

PAGES: tuple[tuple[str, str, Callable[[UiContext, QWidget], LogPage]], ...] = (
    ("visitors", N_("Visitors"), VisitorsPage),
    ("complaints", N_("Complaints"), ComplaintsPage),
    ("lost", N_("Lost property"), LostPage),
    ("directory", N_("Phone directory"), DirectoryPage),
    ("handover", N_("Handover"), HandoverPage),
    ("search", N_("Search"), SearchPage),
)


class FrontdeskTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"color: {DANGER}; font-weight: bold;")
        outer.addWidget(self.banner)
        row = QHBoxLayout()
        outer.addLayout(row, 1)
        nav = QVBoxLayout()
        self.stack = QStackedWidget(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, BigButton] = {}
        self.pages: BuiltOnLookup[str, LogPage] = BuiltOnLookup(self._page)
        for key, title, _cls in PAGES:
            button = BigButton(_(title), self)
            button.setCheckable(True)
            button.setMinimumWidth(150)
            self.group.addButton(button)
            self.buttons[key] = button
            nav.addWidget(button)
            button.clicked.connect(lambda _c=False, k=key: self.show_page(k))
        nav.addStretch(1)
        row.addLayout(nav)
        row.addWidget(self.stack, 1)
        self.show_page("visitors")
        ctx.hub.changed.connect(self._changed)
        ctx.hub.actor_changed.connect(lambda _a: self.refresh())
        self._banner()

    def _page(self, key: str) -> LogPage:
        build = next(cls for k, _t, cls in PAGES if k == key)
        page = build(self.ctx, self.stack)
        self.stack.addWidget(page)
        return page

    def show_page(self, key: str) -> None:
        self.buttons[key].setChecked(True)
        self.stack.setCurrentWidget(self.pages[key])

    def _changed(self, topic: str) -> None:
        if topic in ("frontdesk", "staff"):
            self._banner()

    def refresh(self) -> None:
        if not self.ctx.signed_in:
            return
        for page in self.pages.values():  # the pages built so far
            page.refresh()
        self._banner()

    def _banner(self) -> None:
        if not self.ctx.signed_in or not self.ctx.actor.is_manager:
            self.banner.hide()
            return
        open_ones = self.ctx.service(ComplaintService).open_complaints()
        if not open_ones:
            self.banner.hide()
            return
        first = open_ones[0]
        self.banner.setText(
            _(
                "Open complaints: {n}. The first: {number} {customer} — {what}",
                n=len(open_ones),
                number=first.number,
                customer=first.customer,
                what=first.what[:40],
            )
        )
        self.banner.show()
