"""Runs one slow piece of report work (building the figures, rendering a file) off the
UI thread and hands back the result or the error on the UI thread.

A job has no Qt parent and keeps itself alive until its thread ends, so closing the tab
(or rebuilding the window in another language) while it runs never destroys a running
thread; its signals then simply reach nobody. Closing the main window, restoring a backup
and quitting the application wait for running jobs before the database is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, Signal

_RUNNING: set[ReportJob] = set()
_WATCHING: list[bool] = []  # the application's quit is watched once


class ReportJob(QThread):
    succeeded = Signal(object, object)  # job, result
    failed = Signal(object, object)  # job, exception
    ended = Signal(object)  # job

    def __init__(
        self, work: Callable[[], Any], done: Callable[[Any], None], *, building: bool = False
    ) -> None:
        super().__init__(None)
        self.work = work
        self.done = done
        self.building = building
        self.finished.connect(self._release)

    def begin(self) -> None:
        if not _WATCHING:  # however the app quits, a running job is let finish first
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(wait_all)
                _WATCHING.append(True)
        _RUNNING.add(self)
        self.start()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the UI thread, which shows or re-raises it
            self.failed.emit(self, exc)
        else:
            self.succeeded.emit(self, result)
        self.ended.emit(self)

    def _release(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()


def wait_all() -> None:
    """Let every running job finish (quitting the app, tests)."""
    for job in list(_RUNNING):
        job.wait()
