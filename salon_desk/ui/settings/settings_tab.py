"""The settings tab: a column of large section buttons and the chosen section beside it.

A section's page is built the first time it is shown (or asked for): opening the tab
builds the shop form alone, and each page reads the settings as they stand when it is
built."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.core.settings import CALLS, COUNTER, HOURS, SHOP, STOCK
from salon_desk.ui.context import UiContext
from salon_desk.ui.settings.backup_page import BackupPage
from salon_desk.ui.settings.settings_form import SettingsForm
from salon_desk.ui.settings.staff_page import StaffPage
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.built_on_lookup import BuiltOnLookup

W = TypeVar("W", bound=QWidget)

#: the sections in their order: key, title, and the settings group of a form section
SECTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("shop", SHOP, SHOP),
    ("hours", HOURS, HOURS),
    ("calls", CALLS, CALLS),
    ("stock", STOCK, STOCK),
    ("counter", COUNTER, COUNTER),
    ("staff", N_("Staff"), None),
    ("backup", N_("Backups"), None),
)


class SettingsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        column = QVBoxLayout()
        self.pages = QStackedWidget(self)
        self.group = QButtonGroup(self)
        self.forms: BuiltOnLookup[str, SettingsForm] = BuiltOnLookup(self._form)
        self._staff: StaffPage | None = None
        self._backups: BackupPage | None = None
        self.sections: dict[str, BigButton] = {}
        for key, title, _group in SECTIONS:
            button = BigButton(_(title), self)
            button.setCheckable(True)
            button.setMinimumWidth(180)
            button.clicked.connect(lambda _c=False, k=key: self._show(k))
            self.group.addButton(button)
            column.addWidget(button)
            self.sections[key] = button
        column.addStretch(1)
        layout.addLayout(column)
        layout.addWidget(self.pages, 1)
        self.sections["shop"].setChecked(True)
        self._show("shop")

    @property
    def staff(self) -> StaffPage:
        if self._staff is None:
            self._staff = self._add(StaffPage(self.ctx, self.pages))
        return self._staff

    @property
    def backups(self) -> BackupPage:
        if self._backups is None:
            self._backups = self._add(BackupPage(self.ctx, self.pages))
        return self._backups

    def page(self, key: str) -> QWidget:
        """The page of section ``key``, built now if it has not been yet."""
        group = next(g for k, _t, g in SECTIONS if k == key)
        if group is not None:
            return self.forms[group]
        return self.staff if key == "staff" else self.backups

    def _form(self, group: str) -> SettingsForm:
        return self._add(SettingsForm(self.ctx, group, self.pages))

    def _add(self, page: W) -> W:
        self.pages.addWidget(page)
        return page

    def _show(self, key: str) -> None:
        self.pages.setCurrentWidget(self.page(key))

    def open_section(self, key: str) -> None:
        self.sections[key].click()
