"""The backup made when the day is closed: written to the audit log with the person who
closed, copied and verified off the UI thread. The close stands whatever happens to the
backup; a failure is said to the counter plainly."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from salon_desk.backup import BackupService
from salon_desk.core.backups import BackupCancelled, BackupFile
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.ui.backup_job import BackupJob
from salon_desk.ui.context import UiContext

log = logging.getLogger(__name__)


class ClosingBackup(QObject):
    ended = Signal(object)  # the BackupFile, or None when there is none

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.job: BackupJob | None = None

    def start(self) -> BackupJob | None:
        """Start the closing backup (``None`` on a database server, or when it could not
        even be started, which is said)."""
        try:
            plan = self.ctx.service(BackupService).plan_at_close(self.ctx.actor)
        except SalonError as exc:
            self._failed(exc)
            return None
        if plan is None:
            return None
        job = self.job = BackupJob(plan)
        job.succeeded.connect(self._made)
        job.failed.connect(self._failed)
        return job.begin()

    def _made(self, made: BackupFile) -> None:
        self.job = None
        log.info("closing backup written to %s", made.path)
        self.ended.emit(made)

    def _failed(self, exc: SalonError) -> None:
        self.job = None
        self.ended.emit(None)
        if isinstance(exc, BackupCancelled):
            return  # stopped on purpose while the app was closing
        self.ctx.prompts.error(
            self.parent_widget,
            _(
                "The day is closed, but its backup failed: {detail}. Check the backup "
                "folder in Settings and make one there.",
                detail=error_text(exc),
            ),
        )
