"""The composition root: the Qt application, the window painted first, then the database.

Start-up paints the window before the heavy imports (SQLAlchemy, the feature services):
the database is opened and migrated right after the first paint. A damaged SQLite file
leads to the safe-mode screen, never to a new empty database in its place.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salon_desk.core.backups import BackupFile
    from salon_desk.core.clock import Clock
    from salon_desk.core.context import Core


@dataclass
class Boot:
    """How this run finds its database; the window calls it after the first paint."""

    url: str | None
    local_settings: Path | None
    data_folder: Path
    demo: bool = False
    clock: Clock | None = None  # tests freeze time; the app uses the system clock

    def open(self) -> Core:
        from salon_desk.core.context import Core

        if self.demo:
            from salon_desk import demo

            self.data_folder.mkdir(parents=True, exist_ok=True)
            path = demo.prepare(self.data_folder / "demo.sqlite3", self.local_settings)
            self.url = f"sqlite:///{path}"
        assert self.url is not None
        return Core.open(self.url, clock=self.clock, local_settings=self.local_settings)

    @property
    def sqlite_path(self) -> Path | None:
        if self.demo:
            return self.data_folder / "demo.sqlite3"
        if self.url and self.url.startswith("sqlite:///"):
            return Path(self.url.removeprefix("sqlite:///")).expanduser()
        return None

    def newest_backup(self) -> BackupFile | None:
        from salon_desk.backup import newest_good_backup

        path = self.sqlite_path
        return newest_good_backup(self.local_settings, path) if path is not None else None

    def restore(self, backup: Path) -> Path:
        """Put ``backup`` in place of the (closed) database file; returns where the
        replaced file was kept."""
        from salon_desk.core.backups import restore
        from salon_desk.core.clock import SystemClock
        from salon_desk.core.errors import Unavailable
        from salon_desk.core.i18n import N_

        target = self.sqlite_path
        if target is None:
            raise Unavailable(N_("Only a SQLite database file can be restored here."))
        return restore(backup, target, self.clock or SystemClock())


def local_language(local_settings: Path | None) -> str:
    import json

    from salon_desk.core.i18n import LANGUAGES

    try:
        data = json.loads(local_settings.read_text(encoding="utf-8")) if local_settings else {}
    except (OSError, ValueError):
        return "zh_CN"
    value = data.get("ui.language") if isinstance(data, dict) else None
    return value if value in LANGUAGES else "zh_CN"


def run(
    *, url: str | None, local_settings: Path | None, data_folder: Path, demo: bool = False
) -> int:
    from PySide6.QtWidgets import QApplication

    import salon_desk.ui.widgets.none_guard  # noqa: F401  (before anything paints)
    from salon_desk.core.i18n import set_language
    from salon_desk.ui.main_window import MainWindow
    from salon_desk.ui.style import apply_style

    set_language(local_language(local_settings))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Salon Desk")
    apply_style(app)
    window = MainWindow(Boot(url, local_settings, data_folder, demo))
    window.resize(1366, 768)
    window.show()
    window.start_when_painted()  # the database opens right after the first paint
    return int(app.exec())
