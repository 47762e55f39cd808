"""Backup and restore as protected actions: the permission is checked here and each one
is written to the audit log. The file work itself is ``salon_desk.core.backups``."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from salon_desk.core import audit
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.backups import (
    BackupFile,
    backup_due,
    list_backups,
    make_backup,
    newest_verified,
    verify,
)
from salon_desk.core.clock import Clock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_, Msg


def backup_folder(local_settings: Path | None, database: Path) -> Path:
    """The folder chosen under settings (``backup.folder``), else ``backups`` beside the
    database file. Read from the settings file alone, so it works while the database is
    damaged."""
    chosen = ""
    if local_settings is not None:
        try:
            data = json.loads(local_settings.read_text(encoding="utf-8"))
            chosen = str(data.get("backup.folder") or "").strip() if isinstance(data, dict) else ""
        except (OSError, ValueError):
            chosen = ""
    return Path(chosen).expanduser() if chosen else database.parent / "backups"


def newest_good_backup(local_settings: Path | None, database: Path) -> BackupFile | None:
    """The newest backup that passes verification, in the chosen folder or the default."""
    folders = [backup_folder(local_settings, database), database.parent / "backups"]
    found = [b for folder in dict.fromkeys(folders) if (b := newest_verified(folder))]
    return max(found, key=lambda b: b.taken_at) if found else None


@dataclass(frozen=True, slots=True)
class BackupPlan:
    """A backup decided on and written to the audit log, ready to be copied. ``run`` only
    touches files and its own SQLite connections, so it may run on a worker thread."""

    db: Database
    folder: Path
    clock: Clock
    keep: int

    def run(
        self,
        *,
        stop: threading.Event | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> BackupFile:
        return make_backup(
            self.db, self.folder, self.clock, keep=self.keep, stop=stop, progress=progress
        )


class BackupService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def folder(self) -> Path:
        """The chosen folder (setting ``backup.folder``), else ``backups`` beside the file."""
        chosen = str(self.core.settings.get("backup.folder") or "").strip()
        if chosen:
            return Path(chosen).expanduser()
        path = self.core.db.sqlite_path
        if path is None:
            raise Unavailable(N_("This database is on a server: back it up there with pg_dump."))
        return path.parent / "backups"

    def list(self) -> list[BackupFile]:
        try:
            return list_backups(self.folder())
        except Unavailable:
            return []

    def backup_now(self, actor: Actor) -> BackupFile:
        return self.plan_now(actor).run()

    def backup_if_due(self) -> BackupFile | None:
        """The daily backup made at start-up (no one needs to be signed in): a copy when
        the newest one is a day old or there is none."""
        plan = self.plan_if_due()
        return plan.run() if plan is not None else None

    def plan_now(self, actor: Actor) -> BackupPlan:
        """A backup asked for by ``actor`` (permission checked, written to the audit log);
        the copy itself is ``plan.run()``, which the UI runs on a worker thread."""
        require(actor, Perm.BACKUP)
        if self.core.db.sqlite_path is None:
            raise Unavailable(N_("This database is on a server: back it up there with pg_dump."))
        return self._plan(actor, "backup.make")

    def plan_if_due(self) -> BackupPlan | None:
        """The daily backup, when the newest one is a day old or there is none."""
        if self.core.db.sqlite_path is None:
            return None
        if not backup_due(self.folder(), self.core.clock):
            return None
        return self._plan(None, "backup.auto")

    def plan_at_close(self, actor: Actor) -> BackupPlan | None:
        """The backup made when ``actor`` has closed the day (no permission of its own:
        it comes with closing). ``None`` on a database server."""
        if self.core.db.sqlite_path is None:
            return None
        return self._plan(actor, "backup.close")

    def _plan(self, actor: Actor | None, action: str) -> BackupPlan:
        folder = self.folder()
        keep = int(self.core.settings.get("backup.keep"))
        with self.core.db.tx() as s:
            audit.record(
                s, self.core.clock, actor, action, "database", None,
                after={"folder": str(folder)},
            )  # fmt: skip
        return BackupPlan(self.core.db, folder, self.core.clock, keep)

    def check_restore(self, actor: Actor, backup: Path) -> Path:
        """Everything that can be checked before the database is closed for the restore."""
        require(actor, Perm.RESTORE)
        if self.core.db.sqlite_path is None:
            raise Unavailable(N_("Only a SQLite database file can be restored here."))
        problem = verify(backup)
        if problem is not None:
            raise Invalid(N_("This backup cannot be restored: {detail}"), detail=Msg(problem))
        return self.core.db.sqlite_path


def record_restore(core: Core, actor: Actor | None, backup: Path, kept: Path) -> None:
    """Written into the restored database, right after it is opened. The staff member is
    named in the entry (their row may not exist in an older backup)."""
    by = {"number": actor.number, "name": actor.name} if actor else None
    with core.db.tx() as s:
        audit.record(
            s, core.clock, None, "backup.restore", "database", None,
            after={"file": str(backup), "kept": str(kept), "by": by},
        )  # fmt: skip
