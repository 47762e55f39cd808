"""Safe mode: the database file is damaged. No sales are taken; the damaged file is left
as it is (it is moved aside only if a backup is restored); the newest backup that passes
its check is offered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.errors import CorruptDatabase, SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.prompts import Prompts
from salon_desk.ui.widgets.big_button import BigButton

if TYPE_CHECKING:
    from salon_desk.app import Boot
    from salon_desk.core.backups import BackupFile


class SafeModePage(QWidget):
    restored = Signal()
    quit = Signal()

    def __init__(
        self, boot: Boot, error: CorruptDatabase, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.boot = boot
        self.prompts = prompts
        self.backup: BackupFile | None = boot.newest_backup()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 50, 80, 50)
        layout.addStretch(1)
        title = QLabel(_("Safe mode: the database file is damaged"), self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.detail = QLabel(error_text(error), self)
        self.detail.setWordWrap(True)
        self.detail.setProperty("role", "error")
        layout.addWidget(self.detail)
        where = boot.sqlite_path
        self.explain = QLabel(
            _(
                "No sales can be taken now. The damaged file has not been changed: {path}",
                path=str(where) if where else "-",
            ),
            self,
        )
        self.explain.setWordWrap(True)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explain)
        if self.backup is not None:
            local = self.backup.taken_at.astimezone()
            text = _(
                "The newest good backup was made at {time}: {path}",
                time=local.strftime("%Y-%m-%d %H:%M"),
                path=str(self.backup.path),
            )
        else:
            text = _("No good backup was found. Call for help before doing anything else.")
        self.offer = QLabel(text, self)
        self.offer.setWordWrap(True)
        self.offer.setProperty("role", "warn")
        layout.addWidget(self.offer)
        row = QHBoxLayout()
        self.restore_button = BigButton(_("Restore this backup"), self, role="primary")
        self.restore_button.setVisible(self.backup is not None)
        self.restore_button.clicked.connect(self.restore)
        self.retry_button = BigButton(_("Check again"), self)
        self.retry_button.clicked.connect(self.restored.emit)
        self.quit_button = BigButton(_("Quit"), self)
        self.quit_button.clicked.connect(self.quit.emit)
        row.addWidget(self.restore_button)
        row.addWidget(self.retry_button)
        row.addWidget(self.quit_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def restore(self) -> None:
        if self.backup is None:
            return
        question = _(
            "Restore the backup of {time}? Anything entered after it will be missing; the "
            "damaged file is kept beside it.",
            time=self.backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        if not self.prompts.confirm(self, question):
            return
        try:
            kept = self.boot.restore(self.backup.path)
        except SalonError as exc:
            self.prompts.error(self, error_text(exc))
            return
        self.prompts.info(self, _("Restored. The damaged file was kept as {path}.", path=kept))
        self.restored.emit()
