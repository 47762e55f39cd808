"""One group of settings as a form: an editor per setting (declared once in
``core/settings.py``), saved together — all or nothing — with the settings permission."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.i18n import _
from salon_desk.core.settings import SETTINGS, Setting
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.touch import make_touch_scrollable

Editor = QLineEdit | QPlainTextEdit | QComboBox


class SettingsForm(QWidget):
    def __init__(self, ctx: UiContext, group: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.group = group
        self.settings: list[Setting] = [s for s in SETTINGS if s.group == group]
        self.editors: dict[str, Editor] = {}
        outer = QVBoxLayout(self)
        title = QLabel(_(group), self)
        title.setProperty("role", "title")
        outer.addWidget(title)
        body = QWidget(self)
        form = QFormLayout(body)
        form.setVerticalSpacing(14)
        for setting in self.settings:
            form.addRow(_(setting.label), self._editor(setting, body))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        make_touch_scrollable(scroll)
        outer.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.save_button = BigButton(_("Save"), self, role="primary")
        self.save_button.clicked.connect(self.save)
        self.revert_button = BigButton(_("Undo changes"), self)
        self.revert_button.clicked.connect(self.load)
        row.addWidget(self.save_button)
        row.addWidget(self.revert_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.load()

    def _editor(self, setting: Setting, parent: QWidget) -> QWidget:
        if setting.choices:
            combo = QComboBox(parent)
            for value, label in setting.choices:
                combo.addItem(_(label), value)
            self.editors[setting.name] = combo
            return combo
        if setting.multiline:
            text = QPlainTextEdit(parent)
            text.setFixedHeight(96)
            self.editors[setting.name] = text
            return text
        line = QLineEdit(parent)
        self.editors[setting.name] = line
        if setting.kind is time:
            line.setPlaceholderText("09:00")
        if setting.kind is not int:
            return line
        holder = QWidget(parent)
        box = QHBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(line, 1)
        pad = BigButton(_("Keypad"), holder)
        pad.clicked.connect(lambda _c=False, s=setting: self._keypad(s))
        box.addWidget(pad)
        return holder

    def _keypad(self, setting: Setting) -> None:
        editor = self.editors[setting.name]
        assert isinstance(editor, QLineEdit)
        value = NumPadDialog.ask(
            self,
            _(setting.label),
            mode="int",
            initial=editor.text(),
            minimum=setting.minimum,
            maximum=setting.maximum,
        )
        if value is not None:
            editor.setText(str(value))

    @staticmethod
    def _shown(value: Any) -> str:
        return value.strftime("%H:%M") if isinstance(value, time) else str(value)

    def load(self) -> None:
        self.ctx.core.settings.reload()
        for setting in self.settings:
            value = self._shown(self.ctx.core.settings.get(setting.name))
            editor = self.editors[setting.name]
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value)
            else:
                editor.setText(value)

    def values(self) -> dict[str, str]:
        found = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                found[name] = str(editor.currentData())
            elif isinstance(editor, QPlainTextEdit):
                found[name] = editor.toPlainText()
            else:
                found[name] = editor.text()
        return found

    def changes(self) -> dict[str, str]:
        current = {s.name: self._shown(self.ctx.core.settings.get(s.name)) for s in self.settings}
        return {n: v for n, v in self.values().items() if v.strip() != current[n].strip()}

    def save(self) -> bool:
        changes = self.changes()
        if not changes:
            self.ctx.prompts.info(self, _("Nothing has changed."))
            return False
        saved = self.ctx.guard(self, self.ctx.core.settings.set_many, changes)
        if saved is None:
            return False
        self.ctx.hub.notify("settings")
        self.load()
        if "ui.language" in saved:
            self.ctx.hub.language_changed.emit(str(saved["ui.language"]))
        else:
            self.ctx.prompts.info(self, _("Saved."))
        return True
