"""Pick a day on a large calendar: tap the day, then OK."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCalendarWidget, QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import _, current_language
from salon_desk.ui.widgets.big_button import BigButton


class CalendarDialog(QDialog):
    def __init__(self, title: str, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.calendar = QCalendarWidget(self)
        if current_language() == "zh_CN":
            self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setMinimumSize(520, 400)
        self.calendar.activated.connect(lambda _d: self.accept())
        heading = QLabel(title, self)
        heading.setProperty("role", "title")
        ok = BigButton(_("OK"), self, role="primary")
        cancel = BigButton(_("Cancel"), self)
        ok.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.calendar)
        layout.addLayout(buttons)

    def chosen(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, day: date) -> date | None:
        dialog = cls(title, day, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
