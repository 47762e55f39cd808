"""One visit's entry on a treatment record: a field per measurement, typed with the
on-screen keypad, the date (an earlier day needs a manager) and a note."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.i18n import _
from salon_desk.members.record_rules import MEASURES, RECORD_KINDS
from salon_desk.members.record_service import RecordRow, RecordService
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad


class RecordDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: UiContext, member_id: int, kind: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.kind = kind
        self.saved: RecordRow | None = None
        self.setWindowTitle(_(RECORD_KINDS[kind]))
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        today = ctx.core.clock.now().astimezone(ctx.core.settings.tz()).date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMinimumHeight(TOUCH)
        form.addRow(_("Date"), self.day)
        self.fields: dict[str, QLineEdit] = {}
        for m in MEASURES[kind]:
            edit = QLineEdit(self)
            edit.setMinimumHeight(TOUCH)
            edit.setPlaceholderText(m.unit)
            edit.installEventFilter(self)
            form.addRow(f"{_(m.label)} ({m.unit})", edit)
            self.fields[m.key] = edit
        self.notes = QLineEdit(self)
        self.notes.setMinimumHeight(TOUCH)
        form.addRow(_("Notes"), self.notes)
        left.addLayout(form)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(_("Save"), self, role="primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        left.addLayout(buttons)
        layout.addLayout(left, 1)
        first = next(iter(self.fields.values()), None)
        self.pad = NumPad(first, self, mode="money")
        layout.addWidget(self.pad)
        if first is not None:
            first.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keypad types into the measurement field last touched."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.pad.target = watched
        return super().eventFilter(watched, event)

    def save(self) -> None:
        values = {key: edit.text() for key, edit in self.fields.items()}
        day = self.day.date().toPython()
        result = self.ctx.guard(
            self,
            self.ctx.service(RecordService).add,
            member_id=self.member_id,
            kind=self.kind,
            day=day,
            values=values,
            notes=self.notes.text(),
        )
        if result is not None:
            self.saved = result
            self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, ctx: UiContext, member_id: int, kind: str
    ) -> RecordRow | None:
        dialog = cls(parent, ctx, member_id, kind)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved
        return None
