"""Runs one slow piece of report work (building the figures, rendering a file) off the
UI thread and hands back the result or the error on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal


class ReportJob(QThread):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the UI thread, which shows or re-raises it
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)
