"""Search every front-desk log by text and by days (today, 7 days, this month, all)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.frontdesk.search_service import KINDS, SearchService
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.page import LogPage
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column
from salon_desk.ui.widgets.search_box import SearchBox

COLUMNS = [
    Column(N_("Log"), lambda r: _(KINDS[r.kind])),
    Column(N_("Time"), lambda r: r.at),
    Column(N_("Entry"), lambda r: r.title),
    Column(N_("Details"), lambda r: r.detail),
]

RANGES = (
    ("today", N_("Today")),
    ("week", N_("7 days")),
    ("month", N_("This month")),
    ("all", N_("All")),
)


class SearchPage(LogPage):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, COLUMNS, parent)
        self.svc = ctx.service(SearchService)
        self.box = SearchBox(_("Name, phone, item, words of a note…"), self)
        self.box.search.connect(lambda _text: self.refresh())
        self.body.addWidget(self.box)
        days = QHBoxLayout()
        self.ranges = QButtonGroup(self)
        self.range_buttons: dict[str, BigButton] = {}
        for key, label in RANGES:
            button = BigButton(_(label), self)
            button.setCheckable(True)
            self.ranges.addButton(button)
            self.range_buttons[key] = button
            button.clicked.connect(lambda _c=False: self.refresh())
            days.addWidget(button)
        self.range_buttons["month"].setChecked(True)
        days.addStretch(1)
        self.body.addLayout(days)
        self.body.addWidget(self.table, 1)

    def days(self) -> tuple[date | None, date | None]:
        today = self.ctx.core.clock.now().astimezone(self.ctx.core.settings.tz()).date()
        checked = next(k for k, b in self.range_buttons.items() if b.isChecked())
        return {
            "today": (today, today),
            "week": (today - timedelta(days=6), today),
            "month": (today.replace(day=1), today),
            "all": (None, None),
        }[checked]

    def refresh(self) -> None:
        first, last = self.days()
        if not self.box.text() and first is None:
            self.model.set_rows([])
            return
        hits = self.ctx.guard(self, self.svc.search, self.box.text(), first=first, last=last)
        self.model.set_rows(hits or [])
