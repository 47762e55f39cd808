"""The main window: one screen at a time — opening, a database problem, safe mode, the
first-start set-up, sign-in, or the signed-in workspace with its tabs.

It paints first and opens the database right after (``start_when_painted``). It locks
itself after the idle minutes set on this counter, and rebuilds what it shows when the
language changes, so every string switches.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from salon_desk.core.errors import CorruptDatabase, SalonError
from salon_desk.core.i18n import _, current_language, error_text, set_language
from salon_desk.ui.idle_lock import IdleLock

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the database layer is imported after the first paint
    from salon_desk.app import Boot
    from salon_desk.core.auth import Actor
    from salon_desk.core.context import Core
    from salon_desk.ui.backup_job import BackupJob
    from salon_desk.ui.backup_keeper import BackupKeeper
    from salon_desk.ui.context import Override, UiContext
    from salon_desk.ui.prompts import Prompts
    from salon_desk.ui.shell.workspace import Workspace

BACKUP_DELAY_MS = 1500


class MainWindow(QMainWindow):
    def __init__(
        self,
        boot: Boot,
        *,
        prompts: Prompts | None = None,
        override: Override | None = None,
    ) -> None:
        super().__init__()
        self.boot = boot
        self._prompts = prompts
        self.override = override
        self.core: Core | None = None
        self.ctx: UiContext | None = None
        self.workspace: Workspace | None = None
        self._start_pending = False
        self._backups: BackupKeeper | None = None
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setWindowTitle(_("Salon Desk"))
        self.idle_lock = IdleLock(self)
        self.idle = self.idle_lock.timer
        self.idle.timeout.connect(self.lock)
        self._show(self._opening())

    @property
    def prompts(self) -> Prompts:
        """The message boxes; built when first needed (after the first paint)."""
        if self._prompts is None:
            from salon_desk.ui.prompts import Prompts

            self._prompts = Prompts()
        return self._prompts

    @property
    def backups(self) -> BackupKeeper:
        """The daily backup, and closing while a backup is being made."""
        if self._backups is None:
            from salon_desk.ui.backup_keeper import BackupKeeper

            self._backups = BackupKeeper(self, lambda: self.prompts)
        return self._backups

    # --- start-up ----------------------------------------------------------------------
    def start_when_painted(self) -> None:
        self._start_pending = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._start_pending:
            self._start_pending = False
            QTimer.singleShot(0, self.start)

    def start(self) -> None:
        """Open (and migrate) the database, then show set-up or sign-in."""
        try:
            core = self.boot.open()
        except CorruptDatabase as exc:
            self.show_safe_mode(exc)
            return
        except SalonError as exc:
            self.show_problem(error_text(exc))
            return
        except Exception as exc:  # whatever it is, say it on screen instead of vanishing
            log.exception("the database could not be opened")
            self.show_problem(_("Cannot open the database: {detail}", detail=str(exc)))
            return
        self.attach(core)

    def attach(self, core: Core) -> None:
        from salon_desk.ui.context import UiContext

        self.core = core
        self.ctx = UiContext(core, prompts=self.prompts, override=self.override)
        self.ctx.hub.language_changed.connect(self.switch_language)
        self.ctx.hub.changed.connect(self._on_changed)
        set_language(str(core.settings.get("ui.language")))
        self.setWindowTitle(self._title())
        if core.auth.has_staff():
            self.show_sign_in()
        else:
            self.show_setup()
        QTimer.singleShot(BACKUP_DELAY_MS, self.backup_if_due)  # once the screen is up
        worker = self.print_worker()
        if worker is not None:
            worker.start()  # prints what was queued when the app last stopped

    def print_worker(self) -> Any:
        """This counter's print worker (a thread that sends receipts), where printing is
        built; ``None`` otherwise."""
        if self.ctx is None:
            return None
        try:
            from salon_desk.pos.printer_worker import PrintWorker
        except ModuleNotFoundError:
            return None
        return self.ctx.service(PrintWorker)

    def _wait_for_reports(self) -> None:
        """A report still being built or written finishes before the database closes."""
        from salon_desk.ui.reports.report_job import wait_all

        wait_all()

    def _stop_printing(self) -> None:
        worker = self.print_worker()
        if worker is not None:
            worker.stop()

    def backup_if_due(self) -> BackupJob | None:
        """Once a day, a verified copy of a SQLite database (made off the UI thread)."""
        return self.backups.daily(self.core) if self.ctx is not None else None

    # --- screens -------------------------------------------------------------------------
    def _opening(self) -> QWidget:
        if self.boot.demo:
            text = _("Preparing the demo salon. The first time takes a little while…")
        else:
            text = _("Opening the database…")
        label = QLabel(text)
        label.setProperty("role", "opening")  # centred by the style sheet: no Qt enums yet
        return label

    def _show(self, page: QWidget) -> None:
        for index in reversed(range(self.stack.count())):
            old = self.stack.widget(index)
            if old is not None and old is not page and old is not self.workspace:
                self.stack.removeWidget(old)
                old.deleteLater()
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    @property
    def page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_problem(self, message: str) -> None:
        from salon_desk.ui.setup.problem_page import ProblemPage

        page = ProblemPage(message)
        page.retry.connect(self.start)
        page.quit.connect(self.close)
        self._show(page)

    def show_safe_mode(self, error: CorruptDatabase) -> None:
        from salon_desk.ui.setup.safe_mode_page import SafeModePage

        page = SafeModePage(self.boot, error, self.prompts)
        page.restored.connect(self.start)
        page.quit.connect(self.close)
        self._show(page)

    def show_setup(self) -> None:
        from salon_desk.ui.setup.setup_page import SetupPage

        assert self.ctx is not None
        page = SetupPage(self.ctx)
        page.done.connect(self.enter)
        self._show(page)

    def show_sign_in(self) -> None:
        from salon_desk.ui.signin.signin_page import SignInPage

        assert self.ctx is not None
        page = SignInPage(self.ctx)
        page.signed_in.connect(self.enter)
        page.language_chosen.connect(self.choose_language)
        self._show(page)

    def enter(self, actor: Actor) -> None:
        """Signed in: back to the same workspace for the same person, else a fresh one."""
        from salon_desk.ui.shell.workspace import Workspace

        assert self.ctx is not None
        self.ctx.sign_in(actor)
        if self.workspace is not None and self.workspace.actor != actor:
            self._drop_workspace()
        if self.workspace is None:
            self.workspace = Workspace(self.ctx, quiet_for=self.idle_lock.quiet_for)
            self.workspace.lock_requested.connect(self.lock)
            self.workspace.language_chosen.connect(self.choose_language)
        self._show(self.workspace)
        self.restart_idle()

    def _drop_workspace(self) -> None:
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None

    def lock(self) -> None:
        """Lock the screen: back to sign-in. The same person comes back to their work."""
        self._stop_idle()
        if self.ctx is None or not self.ctx.signed_in:
            return
        self.ctx.sign_out()
        self.show_sign_in()

    # --- language ----------------------------------------------------------------------------
    def choose_language(self, language: str) -> None:
        if self.ctx is None or language == current_language():
            return
        if self.ctx.attempt(self, self.ctx.core.settings.set_preference, "ui.language", language):
            self.ctx.hub.language_changed.emit(language)

    def switch_language(self, language: str) -> None:
        """Rebuild every screen in the new language."""
        set_language(language)
        self.setWindowTitle(self._title())
        if self.ctx is None:
            return
        actor = self.ctx.actor if self.ctx.signed_in else None
        self._drop_workspace()
        if actor is not None:
            self.enter(actor)
        elif self.core is not None and self.core.auth.has_staff():
            self.show_sign_in()
        else:
            self.show_setup()

    def _on_changed(self, topic: str) -> None:
        if topic == "settings" and self.core is not None:
            self.core.settings.reload()
            self.setWindowTitle(self._title())
            self.restart_idle()

    def _title(self) -> str:
        if self.core is None:
            return _("Salon Desk")
        return f"{self.core.settings.get('shop.name')} — {_('Salon Desk')}"

    # --- idle lock ----------------------------------------------------------------------------
    def restart_idle(self) -> None:
        if self.core is None or self.ctx is None or not self.ctx.signed_in:
            return
        self.idle_lock.start(int(self.core.settings.get("ui.auto_lock_minutes")))

    def _stop_idle(self) -> None:
        self.idle_lock.stop()

    # --- restore from the settings page -----------------------------------------------------------
    def restore_backup(self, backup: Any, actor: Actor) -> bool:
        """Close the database, put the backup in place, open it again. The settings page
        has checked the permission and the file already."""
        from salon_desk.backup import record_restore

        if self.core is None:
            return False
        self.lock()
        self._drop_workspace()
        self._stop_printing()
        self._wait_for_reports()
        self.backups.abandon()
        self.core.close()
        self.core = None
        self.ctx = None
        try:
            kept = self.boot.restore(backup)
        except SalonError as exc:
            self.prompts.error(self, error_text(exc))
            self.start()
            return False
        self.start()
        if self.core is not None:
            record_restore(self.core, actor, backup, kept)
            self.prompts.info(
                self, _("Restored. The replaced database was kept as {path}.", path=kept)
            )
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.backups.hold_close():
            event.ignore()  # closed again once the backup has ended
            return
        self.backups.abandon()  # any that ended but whose thread is still winding down
        self._stop_idle()
        self._stop_printing()
        self._wait_for_reports()
        if self.core is not None:
            self.core.close()
            self.core = None
        super().closeEvent(event)
