"""The commands that look after the database: schema, backup and restore, the audit
check, the benchmarks' data, and the wrapper that opens the database for a feature's own
commands. Each takes the parsed arguments and returns the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salon_desk.cli_base import database_url, open_core, sqlite_file
from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_, _

if TYPE_CHECKING:  # keeps start-up light
    from salon_desk.core.context import Core


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    core = open_core(database_url(args))
    try:
        from salon_desk.core.migrate import current_heads

        if core.backup_made is not None:
            print(_("The database was copied to {path} before the upgrade.", path=core.backup_made))
        print(_("Schema revision: {revision}", revision=", ".join(sorted(current_heads(core.db)))))
    finally:
        core.close()
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    from salon_desk.core.db import Database
    from salon_desk.core.migrate import current_heads, waiting

    db = Database.open(database_url(args))
    try:
        current, left = current_heads(db), waiting(db)
    finally:
        db.dispose()
    print(_("Schema revision: {revision}", revision=", ".join(sorted(current)) or "-"))
    if left:
        print(_("Waiting to be applied: {revision}", revision=", ".join(sorted(left))))
        return 1
    print(_("The database is up to date."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from salon_desk.core import audit
    from salon_desk.core.backups import make_backup

    core = open_core(database_url(args))
    try:
        from salon_desk.backup import BackupService

        folder = Path(args.to).expanduser() if args.to else BackupService(core).folder()
        if core.db.sqlite_path is not None:
            with core.db.tx() as s:
                audit.record(
                    s, core.clock, None, "backup.make", "database", None,
                    after={"folder": str(folder)}, reason="command line",
                )  # fmt: skip
        made = make_backup(core.db, folder, core.clock, keep=int(core.settings.get("backup.keep")))
    finally:
        core.close()
    print(_("Backup written and verified: {path}", path=made.path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from salon_desk.core import audit
    from salon_desk.core.backups import restore
    from salon_desk.core.clock import SystemClock

    url = database_url(args)
    target = sqlite_file(url)
    if target is None:
        raise Unavailable(N_("Only a SQLite database file can be restored here."))
    source = Path(args.file).expanduser().resolve()
    if source == target.resolve():
        raise Unavailable(N_("This file is the database itself."))
    kept = restore(source, target, SystemClock())
    core = open_core(url)
    try:
        with core.db.tx() as s:
            audit.record(
                s, core.clock, None, "backup.restore", "database", None,
                after={"file": str(source), "kept": str(kept)}, reason="command line",
            )  # fmt: skip
    finally:
        core.close()
    print(_("Restored from {file}.", file=source))
    if kept.exists():
        print(_("The replaced database was kept as {path}.", path=kept))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from salon_desk.core import audit

    core = open_core(database_url(args), upgrade=False)
    try:
        problems = audit.verify(core.db)
    finally:
        core.close()
    if problems:
        print(_("The audit log has been tampered with:"))
        for problem in problems:
            print(f"  {problem}")
        return 1
    print(_("The audit log is intact."))
    return 0


def cmd_bench_data(args: argparse.Namespace) -> int:
    """Build the benchmarks' database of a large salon (the ``bench`` folder of the source
    checkout holds the generator; it is not part of the installed app)."""
    root = Path(__file__).resolve().parents[1]
    if (root / "bench" / "datagen").is_dir() and str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        from bench.datagen import build
    except ImportError as e:
        raise Unavailable(N_("The benchmark tools come with the source checkout only.")) from e
    if not 0 < args.scale <= 10:
        raise Invalid(N_("The scale is above 0 and at most 10."), field="scale")
    built = build(Path(args.out).expanduser(), seed=args.seed, scale=args.scale)
    print(_("Benchmark database written: {path} ({seconds} s)", path=built.path,
            seconds=f"{built.seconds:.1f}"))  # fmt: skip
    return 0


def feature_handler(handler: Callable[[argparse.Namespace, Core], Any]) -> Callable[..., int]:
    """Open the database for a feature's subcommand and hand it ``(args, core)``."""

    def run(args: argparse.Namespace) -> int:
        core = open_core(database_url(args))
        try:
            result = handler(args, core)
        finally:
            core.close()
        return int(result or 0)

    return run
