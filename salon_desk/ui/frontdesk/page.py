"""What every page of the front-desk tab shares: a form row of big fields, a table
of rows, and the row the finger last tapped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


def line(parent: QWidget, placeholder: str, limit: int = 40) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(TOUCH)
    edit.setMaxLength(limit)
    return edit


def combo(parent: QWidget, items: Sequence[tuple[str, Any]]) -> QComboBox:
    box = QComboBox(parent)
    box.setMinimumHeight(TOUCH)
    for text, data in items:
        box.addItem(text, data)
    return box


class LogPage(QWidget):
    """A page: ``self.body`` (a vertical layout), ``self.table`` over ``self.model``."""

    topic = "frontdesk"

    def __init__(self, ctx: UiContext, columns: Sequence[Column], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.body = QVBoxLayout(self)
        self.model = RowsModel(columns, tz=ctx.core.settings.tz(), parent=self)
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.ctx.prompts.error(self, _("Tap a row in the list first."))
            return None
        return self.model.row_at(rows[0].row())

    def select_row(self, index: int) -> None:
        self.table.selectRow(index)

    def changed(self) -> None:
        self.ctx.hub.notify(self.topic)

    def refresh(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError
