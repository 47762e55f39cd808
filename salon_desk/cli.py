"""The command line: ``salon-desk`` opens the app; subcommands look after the database.

    salon-desk [--db URL]            the app (SQLite in the user data folder by default)
    salon-desk --demo                the app on a demo database, filled on first use
    salon-desk demo [--db URL]       fill an empty database with a demo salon
    salon-desk db upgrade|current    apply migrations / show the schema revision
    salon-desk backup [--to FOLDER]  a verified copy of the SQLite database
    salon-desk restore FILE          put a verified backup in place (the old file is kept)
    salon-desk audit verify          check the audit chain; exit code 1 when broken

Every command takes ``--db URL``, or ``--demo`` (before or after the command's name) to
work on the demo salon the app opens with ``--demo``.

Feature packages add their own subcommands (``salon_desk.<feature>.cli.register``); their
handlers receive ``(args, core)``. Errors are printed in the user's language, without a
traceback, and end with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salon_desk.core.errors import Invalid, SalonError, Unavailable
from salon_desk.core.i18n import LANGUAGES, N_, _, error_text, set_language

if TYPE_CHECKING:  # keeps start-up light
    from salon_desk.core.context import Core

APP_NAME = "SalonDesk"
DB_FILE = "salon.sqlite3"
DEMO_FILE = "demo.sqlite3"
EXIT_ERROR = 2
DEMO_HELP = N_("work on the demo salon (made on first use) instead of the shop's database")


# --- where things live ------------------------------------------------------------------
def data_dir() -> Path:
    """The user data folder (``SALON_DESK_HOME`` overrides it, e.g. for a portable copy)."""
    home = os.environ.get("SALON_DESK_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    """This counter's own settings (language, printer), in the user config folder."""
    home = os.environ.get("SALON_DESK_HOME")
    if home:
        return Path(home).expanduser() / "local.json"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "local.json"


def ensure_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".salon-desk-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise Unavailable(
            N_("Cannot write to the data folder {folder}: {detail}"),
            folder=str(folder),
            detail=exc.strerror or str(exc),
        ) from exc
    return folder


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def default_url() -> str:
    return os.environ.get("SALON_DESK_DB") or sqlite_url(ensure_folder(data_dir()) / DB_FILE)


def demo_path() -> Path:
    return ensure_folder(data_dir()) / DEMO_FILE


def sqlite_file(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, or ``None`` for a server."""
    if not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///").split("?", 1)[0]
    return Path(name).expanduser() if name and name != ":memory:" else None


def local_language() -> str:
    """The language chosen on this counter (setting ``ui.language``), else Chinese."""
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "zh_CN"
    value = data.get("ui.language") if isinstance(data, dict) else None
    return value if value in LANGUAGES else "zh_CN"


def database_url(args: argparse.Namespace) -> str:
    """The database a command works on: ``--db``, else the demo salon with ``--demo`` (made
    and filled on first use, as the app does), else the shop's own database."""
    if getattr(args, "demo", False):
        if args.db:
            raise Invalid(N_("Choose either --db or --demo, not both."), field="db")
        from salon_desk import demo

        return sqlite_url(demo.prepare(demo_path(), settings_file()))
    return str(args.db or default_url())


def open_core(url: str, *, upgrade: bool = True) -> Core:
    from salon_desk.core.context import Core

    return Core.open(url, local_settings=settings_file(), upgrade=upgrade)


# --- commands ----------------------------------------------------------------------------
def cmd_gui(args: argparse.Namespace) -> int:
    from salon_desk.app import run

    if args.demo:
        return run(url=None, local_settings=settings_file(), data_folder=data_dir(), demo=True)
    return run(url=args.db or default_url(), local_settings=settings_file(), data_folder=data_dir())


def cmd_demo(args: argparse.Namespace) -> int:
    from salon_desk import demo

    if args.db:
        core = open_core(args.db)
        try:
            demo.seed(core)
        finally:
            core.close()
        print(_("The demo salon is in {url}.", url=_hide_password(args.db)))
        return 0
    path = demo.prepare(demo_path(), settings_file())
    print(_("The demo salon is in {url}.", url=str(path)))
    return 0


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


# --- parsing ------------------------------------------------------------------------------
def build_parser(*, with_features: bool = True) -> argparse.ArgumentParser:
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db", metavar="URL", default=argparse.SUPPRESS, help=_("database URL (SQLAlchemy)")
    )
    db_option.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS, help=_(DEMO_HELP)
    )
    parser = argparse.ArgumentParser(
        prog="salon-desk", description=_("Front-counter software for a beauty salon.")
    )
    parser.add_argument("--db", metavar="URL", default=None, help=_("database URL (SQLAlchemy)"))
    parser.add_argument("--demo", action="store_true", help=_("open the app on a demo salon"))
    parser.set_defaults(run=cmd_gui)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", parents=[db_option], help=_("open the app")).set_defaults(run=cmd_gui)
    sub.add_parser(
        "demo", parents=[db_option], help=_("fill an empty database with a demo salon")
    ).set_defaults(run=cmd_demo)

    db = sub.add_parser("db", help=_("database schema"))
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser(
        "upgrade", parents=[db_option], help=_("apply pending migrations")
    ).set_defaults(run=cmd_db_upgrade)
    db_sub.add_parser(
        "current", parents=[db_option], help=_("show the schema revision")
    ).set_defaults(run=cmd_db_current)

    backup = sub.add_parser("backup", parents=[db_option], help=_("back up the database"))
    backup.add_argument("--to", metavar="FOLDER", help=_("where to write the backup"))
    backup.set_defaults(run=cmd_backup)

    restore = sub.add_parser("restore", parents=[db_option], help=_("restore a backup"))
    restore.add_argument("file", metavar="FILE", help=_("the backup file"))
    restore.set_defaults(run=cmd_restore)

    audit_cmd = sub.add_parser("audit", help=_("audit log"))
    audit_sub = audit_cmd.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_sub.add_parser(
        "verify", parents=[db_option], help=_("check that the audit log is intact")
    ).set_defaults(run=cmd_audit_verify)

    bench = sub.add_parser("bench-data", help=_("build a large salon's database for benchmarks"))
    bench.add_argument("--out", metavar="FILE", required=True, help=_("the SQLite file to write"))
    bench.add_argument("--seed", type=int, default=1, help=_("random seed (same seed, same data)"))
    bench.add_argument(
        "--scale", type=float, default=1.0, help=_("size, 1 = 100,000 members (0.01 for tests)")
    )
    bench.set_defaults(run=cmd_bench_data)

    if not with_features:
        return parser
    from salon_desk.features import feature_modules

    mine = set(sub.choices)
    for module in feature_modules("cli"):
        module.register(sub)
    for name, child in sub.choices.items():
        if name in mine:
            continue
        _add_db_option(child)
        handler = child.get_default("handler")
        if handler is not None:
            child.set_defaults(run=feature_handler(handler))
    return parser


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    with contextlib.suppress(argparse.ArgumentError):  # the feature declared it itself
        parser.add_argument(
            "--db", metavar="URL", default=argparse.SUPPRESS, help=_("database URL (SQLAlchemy)")
        )
    with contextlib.suppress(argparse.ArgumentError):
        parser.add_argument(
            "--demo", action="store_true", default=argparse.SUPPRESS, help=_(DEMO_HELP)
        )
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _add_db_option(child)
                handler = child.get_default("handler")
                if handler is not None and child.get_default("run") is None:
                    child.set_defaults(run=feature_handler(handler))


def _hide_password(url: str) -> str:
    try:
        from sqlalchemy import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def _opens_the_app(argv: Sequence[str]) -> bool:
    """True when no subcommand is given: the feature commands (and what they import) are
    then not loaded, so the window appears sooner."""
    after_db = False
    for token in argv:
        if after_db:
            after_db = False
        elif token == "--db":
            after_db = True
        elif token in ("-h", "--help"):
            return False
        elif not token.startswith("-"):
            return token == "gui"
    return True


def main(argv: Sequence[str] | None = None) -> int:
    set_language(local_language())
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_features=not _opens_the_app(args_in))
    args = parser.parse_args(args_in)
    if not hasattr(args, "db"):
        args.db = None
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return run(args)
    except SalonError as exc:
        print(f"salon-desk: {error_text(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
