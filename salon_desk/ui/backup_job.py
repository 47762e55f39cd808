"""Makes one backup (copy and verification) off the UI thread, so the window keeps
answering touches while a large database is copied.

The job reports the pages copied (``progressed``), then the verified file
(``succeeded``) or the error (``failed``, a :class:`SalonError`), always on the UI thread.
A job has no Qt parent and keeps itself alive until its thread ends. ``abandon()`` stops
it between two steps: the unfinished copy is deleted and ``failed`` carries
:class:`BackupCancelled`. However the application quits, running jobs are abandoned and
waited for first, so no thread outlives the app and no half-written file is left.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QThread, Signal

from salon_desk.backup import BackupPlan
from salon_desk.core.errors import SalonError, Unavailable
from salon_desk.core.i18n import N_

log = logging.getLogger(__name__)

_RUNNING: set[BackupJob] = set()
_WATCHING: list[bool] = []  # the application's quit is watched once


class BackupJob(QThread):
    progressed = Signal(int, int)  # pages copied, pages in all
    succeeded = Signal(object)  # BackupFile
    failed = Signal(object)  # SalonError

    def __init__(self, plan: BackupPlan) -> None:
        super().__init__(None)
        self.plan = plan
        self.stop = threading.Event()
        self.ended = False  # set before ``finished``, which may reach the UI a bit later
        self.finished.connect(self._release)

    def begin(self) -> BackupJob:
        if not _WATCHING:
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(abandon_all)
                _WATCHING.append(True)
        _RUNNING.add(self)
        self.start()
        return self

    def run(self) -> None:
        try:
            made = self.plan.run(stop=self.stop, progress=self.progressed.emit)
        except SalonError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # said on screen, never lost with the thread
            log.exception("the backup failed")
            self.failed.emit(Unavailable(N_("The backup failed: {detail}"), detail=str(exc)))
        else:
            self.succeeded.emit(made)
        finally:
            self.ended = True

    def abandon(self) -> None:
        """Stop at the next step; the unfinished copy is deleted."""
        self.stop.set()

    def _release(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()


def running() -> list[BackupJob]:
    """The backups still being made."""
    return [job for job in _RUNNING if not job.ended]


def abandon_all() -> None:
    """Stop every running backup and wait until each has deleted its unfinished copy."""
    jobs = list(_RUNNING)
    for job in jobs:
        job.abandon()
    for job in jobs:
        job.wait()
