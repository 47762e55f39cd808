"""Backups: make one now, see the ones kept, restore one (the owner; the app reopens on it)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from salon_desk.backup import BackupService
from salon_desk.core.auth import Actor
from salon_desk.core.backups import BackupCancelled, BackupFile
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.ui.backup_job import BackupJob
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


def _size(row: BackupFile) -> str:
    return f"{row.size / 1_048_576:.1f} MB"


class BackupPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.service(BackupService)
        layout = QVBoxLayout(self)
        title = QLabel(_("Backups"), self)
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.model = RowsModel(
            [Column(N_("Made at"), lambda r: r.taken_at), Column(N_("Size"), _size)],
            tz=ctx.core.settings.tz(),
        )
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.backup_button = BigButton(_("Back up now"), self, role="primary")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = BigButton(_("Restore the chosen backup"), self, role="danger")
        self.restore_button.clicked.connect(self.restore_chosen)
        self.bar = QProgressBar(self)
        self.bar.setMinimumHeight(32)
        self.bar.hide()
        row.addWidget(self.backup_button)
        row.addWidget(self.bar, 3)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.job: BackupJob | None = None
        self.refresh()

    def refresh(self) -> None:
        on_server = self.ctx.core.db.sqlite_path is None
        if on_server:
            self.where.setText(_("This database is on a server: back it up there with pg_dump."))
        else:
            self.where.setText(_("Backups are kept in {folder}", folder=self.service.folder()))
        self.backup_button.setEnabled(not on_server and self.job is None)
        self.restore_button.setEnabled(not on_server and self.job is None)
        self.model.set_rows(self.service.list())
        self.table.resizeColumnsToContents()  # the whole time of each backup shows

    def backup_now(self) -> BackupJob | None:
        """Start a backup off the UI thread; the button shows it is busy until it ends."""
        if self.job is not None:
            return None
        plan = self.ctx.guard(self, self.service.plan_now)
        if plan is None:
            return None
        job = self.job = BackupJob(plan)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._made)
        job.failed.connect(self._failed)
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.backup_button.setText(_("Backing up…"))
        self.bar.setRange(0, 0)  # busy until the first pages are copied
        self.bar.show()
        return job.begin()

    def _progressed(self, copied: int, total: int) -> None:
        if 0 < total <= copied:
            self.bar.setRange(0, 0)  # copied: being read back and checked
            self.backup_button.setText(_("Checking the backup…"))
        elif total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(copied)

    def _ended(self) -> None:
        self.job = None
        self.bar.hide()
        self.backup_button.setText(_("Back up now"))
        self.refresh()

    def _made(self, made: BackupFile) -> None:
        self._ended()
        self.ctx.prompts.info(self, _("Backup written and verified: {path}", path=made.path))

    def _failed(self, exc: SalonError) -> None:
        self._ended()
        if not isinstance(exc, BackupCancelled):
            self.ctx.prompts.error(self, error_text(exc))

    def chosen(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def restore_chosen(self) -> bool:
        backup = self.chosen()
        if backup is None:
            self.ctx.prompts.error(self, _("Choose a backup in the list first."))
            return False
        actor: list[Actor] = []

        def check(who: Actor) -> bool:
            self.service.check_restore(who, backup.path)
            actor.append(who)
            return True

        if self.job is not None:
            self.ctx.prompts.error(self, _("Wait until the backup being made has ended."))
            return False
        if not self.ctx.guard(self, check):
            return False
        shown = backup.taken_at.astimezone(self.ctx.core.settings.tz())
        question = _(
            "Restore the backup of {time}? Everything entered after it will be missing on "
            "every counter. The current database is kept beside it.",
            time=shown.strftime("%Y-%m-%d %H:%M"),
        )
        if not self.ctx.confirm(self, question):
            return False
        window = self.window()
        restore = getattr(window, "restore_backup", None)
        if restore is None:
            self.ctx.prompts.error(self, _("Close the app and run: salon-desk restore FILE"))
            return False
        return bool(restore(backup.path, actor[0]))
