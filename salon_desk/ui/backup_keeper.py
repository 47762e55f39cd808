"""The main window's backups: the daily one made after start-up, off the UI thread, and
closing the window while one is being made (the window says so, waits for it, and lets
the counter stop it instead)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text

if TYPE_CHECKING:  # the database layer is imported after the first paint
    from salon_desk.core.backups import BackupFile
    from salon_desk.core.context import Core
    from salon_desk.ui.backup_job import BackupJob
    from salon_desk.ui.backup_wait_dialog import BackupWaitDialog
    from salon_desk.ui.prompts import Prompts

log = logging.getLogger(__name__)


class BackupKeeper(QObject):
    def __init__(self, window: QWidget, prompts: Callable[[], Prompts]) -> None:
        super().__init__(window)
        self.window = window
        self.prompts = prompts
        self.waiting: BackupWaitDialog | None = None
        self.poll = QTimer(self)  # while the window waits for a backup to end
        self.poll.setInterval(100)
        self.poll.timeout.connect(self._close_when_ended)

    def daily(self, core: Core | None) -> BackupJob | None:
        """Start the daily backup when one is due; a failure is said, never hidden."""
        from salon_desk.backup import BackupService
        from salon_desk.ui.backup_job import BackupJob, running

        if core is None or core.db.sqlite_path is None or running():
            return None  # one being made now counts for today
        try:
            plan = BackupService(core).plan_if_due()
        except SalonError as exc:
            self._failed(exc)
            return None
        if plan is None:
            return None
        job = BackupJob(plan)
        job.succeeded.connect(self._made)
        job.failed.connect(self._failed)
        return job.begin()

    def _made(self, made: BackupFile) -> None:
        log.info("daily backup written to %s", made.path)

    def _failed(self, exc: SalonError) -> None:
        from salon_desk.core.backups import BackupCancelled

        if not isinstance(exc, BackupCancelled):
            self.prompts().error(
                self.window, _("The automatic backup failed: {detail}", detail=error_text(exc))
            )

    def hold_close(self) -> bool:
        """True while a backup is being made: the window shows that it is finishing it
        and closes itself once the backup has ended (or been stopped)."""
        from salon_desk.ui.backup_job import running
        from salon_desk.ui.backup_wait_dialog import BackupWaitDialog

        jobs = running()
        if not jobs:
            return False
        if self.waiting is None:
            self.waiting = BackupWaitDialog(self.window)
            self.waiting.stop_requested.connect(self._stop)
            for job in jobs:
                job.progressed.connect(self.waiting.show_progress)
            self.waiting.open()
            self.poll.start()
        return True

    def _stop(self) -> None:
        from salon_desk.ui.backup_job import running

        for job in running():
            job.abandon()

    def _close_when_ended(self) -> None:
        from salon_desk.ui.backup_job import running

        if running():
            return
        self.poll.stop()
        if self.waiting is not None:
            self.waiting.done(0)
            self.waiting.deleteLater()
            self.waiting = None
        self.window.close()

    def abandon(self) -> None:
        """Stop every backup being made and wait for its copy to be deleted."""
        from salon_desk.ui.backup_job import abandon_all

        abandon_all()
