"""The floor for start-up: a bare PySide6 window with the same tab bar as the app, to its
first paint. Run as a child process by bench/startup.py; prints the milliseconds from the
parent's launch (``BENCH_T0``, a ``time.time()``) to the first paint."""

from __future__ import annotations

import os
import sys
import time


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    t0 = float(os.environ["BENCH_T0"])
    titles = sys.argv[1:] or ["预约", "会员", "收银", "陈列", "盘点", "报表", "前台", "设置"]
    app = QApplication([])
    window = QMainWindow()
    tabs = QTabWidget()
    for title in titles:
        tabs.addTab(QLabel(title), title)
    window.setCentralWidget(tabs)
    window.resize(1366, 768)

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(f"{(time.time() - t0) * 1000:.1f}", flush=True)
                QTimer.singleShot(0, app.quit)
                app.removeEventFilter(self)
            return False

    probe = FirstPaint()
    tabs.installEventFilter(probe)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
