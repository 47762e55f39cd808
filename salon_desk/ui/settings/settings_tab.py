"""The settings tab: a column of large section buttons and the chosen section beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.core.settings import CALLS, COUNTER, HOURS, SHOP, STOCK
from salon_desk.ui.context import UiContext
from salon_desk.ui.settings.backup_page import BackupPage
from salon_desk.ui.settings.settings_form import SettingsForm
from salon_desk.ui.settings.staff_page import StaffPage
from salon_desk.ui.widgets.big_button import BigButton


class SettingsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        column = QVBoxLayout()
        self.pages = QStackedWidget(self)
        self.group = QButtonGroup(self)
        self.forms = {
            group: SettingsForm(ctx, group, self.pages)
            for group in (SHOP, HOURS, CALLS, STOCK, COUNTER)
        }
        self.staff = StaffPage(ctx, self.pages)
        self.backups = BackupPage(ctx, self.pages)
        self.sections: dict[str, BigButton] = {}
        sections: list[tuple[str, str, QWidget]] = [
            ("shop", _(SHOP), self.forms[SHOP]),
            ("hours", _(HOURS), self.forms[HOURS]),
            ("calls", _(CALLS), self.forms[CALLS]),
            ("stock", _(STOCK), self.forms[STOCK]),
            ("counter", _(COUNTER), self.forms[COUNTER]),
            ("staff", _("Staff"), self.staff),
            ("backup", _("Backups"), self.backups),
        ]
        for key, title, page in sections:
            button = BigButton(title, self)
            button.setCheckable(True)
            button.setMinimumWidth(180)
            button.clicked.connect(lambda _c=False, p=page: self.pages.setCurrentWidget(p))
            self.group.addButton(button)
            column.addWidget(button)
            self.pages.addWidget(page)
            self.sections[key] = button
        column.addStretch(1)
        layout.addLayout(column)
        layout.addWidget(self.pages, 1)
        self.sections["shop"].setChecked(True)

    def open_section(self, key: str) -> None:
        self.sections[key].click()
