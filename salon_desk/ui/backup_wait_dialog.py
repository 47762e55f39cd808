"""Shown when the app is closed while a backup is being made: the window closes once the
backup is written and verified, or at once when the counter stops the backup (its
unfinished copy is then deleted, never kept as a backup)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.ui.widgets.big_button import BigButton


class BackupWaitDialog(QDialog):
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Salon Desk"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.message = QLabel(_("Finishing the backup before closing…"), self)
        self.message.setProperty("role", "title")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first pages are copied
        self.bar.setMinimumHeight(32)
        layout.addWidget(self.bar)
        self.stop_button = BigButton(_("Stop the backup and close"), self, role="danger")
        self.stop_button.clicked.connect(self._stop)
        layout.addWidget(self.stop_button)

    def show_progress(self, copied: int, total: int) -> None:
        if 0 < total <= copied:
            self.bar.setRange(0, 0)  # copied: being read back and checked
        elif total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(copied)

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.message.setText(_("Stopping the backup…"))
        self.stop_requested.emit()

    def reject(self) -> None:  # Esc and the window's close button do not hide it
        self._stop()
