"""A search field for typing with a finger or a keyboard: searches a moment after the last
key (so every keystroke does not hit the database), with a large clear button."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from salon_desk.core.i18n import _
from salon_desk.ui.widgets.big_button import BigButton

DEBOUNCE_MS = 120


class SearchBox(QWidget):
    search = Signal(str)  # the trimmed text, after the user paused
    submitted = Signal(str)  # Enter (a barcode scanner ends with Enter)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder or _("Search"))
        self.clear_button = BigButton(_("Clear"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self._submit)
        self.clear_button.clicked.connect(self.clear)

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)
        self._fire()

    def clear(self) -> None:
        self.edit.clear()
        self._fire()
        self.edit.setFocus()

    def _fire(self) -> None:
        self._timer.stop()
        self.search.emit(self.text())

    def _submit(self) -> None:
        self._timer.stop()
        self.submitted.emit(self.text())
        self.search.emit(self.text())
