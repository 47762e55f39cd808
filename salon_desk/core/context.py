"""The core services every feature is built on, opened together.

``Core.open(url)`` opens the database, applies pending migrations (after a backup),
seeds the audit head, and builds the clock, settings and auth services. Feature
services take a ``Core`` in their constructor: ``MembersService(core)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from salon_desk.core import migrate
from salon_desk.core.auth import AuthService
from salon_desk.core.clock import Clock, SystemClock
from salon_desk.core.db import Database, start_check
from salon_desk.core.errors import CorruptDatabase
from salon_desk.core.i18n import N_
from salon_desk.core.settings import SettingsService


@dataclass
class Core:
    db: Database
    clock: Clock
    settings: SettingsService
    auth: AuthService
    backup_made: Path | None = None

    @classmethod
    def open(
        cls,
        url: str,
        *,
        clock: Clock | None = None,
        local_settings: Path | None = None,
        upgrade: bool = True,
        optimize_on_close: bool = True,
    ) -> Core:
        clock = clock or SystemClock()
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///")).expanduser()
            if path.exists() and path.stat().st_size > 0:
                problem = start_check(path)
                if problem:
                    raise CorruptDatabase(
                        N_("The database file is damaged: {detail}"), detail=problem
                    )
        db = Database.open(url, optimize_on_close=optimize_on_close)
        backup = migrate.upgrade(db, clock) if upgrade else None
        return cls.build(db, clock=clock, local_settings=local_settings, backup_made=backup)

    @classmethod
    def build(
        cls,
        db: Database,
        *,
        clock: Clock,
        local_settings: Path | None = None,
        backup_made: Path | None = None,
    ) -> Core:
        return cls(
            db=db,
            clock=clock,
            settings=SettingsService(db, clock, local_settings),
            auth=AuthService(db, clock),
            backup_made=backup_made,
        )

    def close(self) -> None:
        self.db.dispose()
