"""Bring a database to the newest schema with Alembic, safely.

Before any pending migration runs on a SQLite file, the file is copied aside with the
online backup API (``<name>.before-<revision>.sqlite3`` next to it), so a failed
upgrade never costs data. Each feature package keeps its own branch of revisions in
``core/migrations/versions`` (``members_0001`` ... with ``down_revision`` pointing at
``core_0001``); ``upgrade heads`` applies all of them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from salon_desk.core.clock import Clock
from salon_desk.core.db import Database, sqlite_backup
from salon_desk.core.errors import Unavailable
from salon_desk.core.i18n import N_

if TYPE_CHECKING:  # Alembic is imported only when there is something to migrate
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")


_ASSIGN = re.compile(r"^(revision|down_revision|depends_on)\s*(?::[^=]*)?=\s*(.+)$", re.M)


def file_heads() -> set[str] | None:
    """What the version table holds once every revision file is applied: the revisions no
    other revision names as its ``down_revision`` or in its ``depends_on``. Read from the
    files' one-line assignments without importing Alembic (half a second at start);
    ``None`` when a file says it another way (then Alembic decides)."""
    revisions: set[str] = set()
    below: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = _ASSIGN.findall(path.read_text(encoding="utf-8"))
        if not any(name == "revision" for name, _ in found):
            return None
        for name, literal in found:
            try:
                value = ast.literal_eval(literal.split("#")[0].strip())
            except (ValueError, SyntaxError):
                return None
            values = {value} if isinstance(value, str) else set(value or ())
            (revisions if name == "revision" else below).update(values)
    return revisions - below


def version_rows(db: Database) -> set[str]:
    """The revisions in the database's version table (empty for a new database)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["engine"] = db.engine
    return cfg


def current_heads(db: Database) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def _script(db: Database) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(db))


def target_heads(db: Database) -> set[str]:
    return set(_script(db).get_heads())


def _unknown(script: ScriptDirectory, current: set[str]) -> set[str]:
    return current - {rev.revision for rev in script.walk_revisions()}


def _waiting(script: ScriptDirectory, current: set[str]) -> set[str]:
    heads = set(script.get_heads())
    if not current:
        return heads
    return heads - {r.revision for r in script.iterate_revisions(tuple(current), "base")}


def unknown_revisions(db: Database) -> set[str]:
    """Revisions the database is at that this program does not know: it was upgraded by a
    newer version (another counter, say)."""
    return _unknown(_script(db), current_heads(db))


def waiting(db: Database) -> set[str]:
    """The heads not applied yet. A revision whose ``depends_on`` names another branch
    absorbs that branch's head in the version table, so what is applied is everything
    reachable from the current heads, dependencies included."""
    return _waiting(_script(db), current_heads(db))


def pending(db: Database) -> bool:
    return bool(waiting(db))


def upgrade(db: Database, clock: Clock | None = None) -> Path | None:
    """Apply every pending migration. Returns the backup made first, if any. A database
    that a newer version has upgraded is refused, untouched."""
    if (current_rows := version_rows(db)) and current_rows == file_heads():
        return None  # the usual start: up to date, known without loading Alembic
    from alembic import command

    script = _script(db)  # reads every revision file: once per start, not per question
    current = current_heads(db)
    newer = _unknown(script, current)
    if newer:
        raise Unavailable(
            N_(
                "The database was upgraded by a newer version of Salon Desk ({revision}). "
                "Update the program on this counter."
            ),
            revision=", ".join(sorted(newer)),
        )
    if not _waiting(script, current):
        return None
    backup: Path | None = None
    path = db.sqlite_path
    if path is not None and path.exists() and current:
        stamp = clock.now().strftime("%Y%m%d%H%M%S") if clock else "previous"
        backup = path.with_name(f"{path.stem}.before-upgrade-{stamp}.sqlite3")
        sqlite_backup(path, backup)
    command.upgrade(alembic_config(db), "heads")
    return backup
