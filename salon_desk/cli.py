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
import sys
from collections.abc import Callable, Sequence

from salon_desk.cli_base import (
    APP_NAME,
    DB_FILE,
    DEMO_FILE,
    data_dir,
    database_url,
    default_url,
    demo_path,
    ensure_folder,
    local_language,
    open_core,
    settings_file,
    sqlite_file,
    sqlite_url,
)
from salon_desk.cli_commands import (
    cmd_audit_verify,
    cmd_backup,
    cmd_bench_data,
    cmd_db_current,
    cmd_db_upgrade,
    cmd_restore,
    feature_handler,
)
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import N_, _, error_text, set_language

#: What ``salon_desk.cli`` has always offered (the paths live in ``cli_base`` now).
__all__ = [
    "APP_NAME",
    "DB_FILE",
    "DEMO_FILE",
    "EXIT_ERROR",
    "build_parser",
    "data_dir",
    "database_url",
    "default_url",
    "demo_path",
    "ensure_folder",
    "main",
    "settings_file",
    "sqlite_file",
    "sqlite_url",
]

EXIT_ERROR = 2
DEMO_HELP = N_("work on the demo salon (made on first use) instead of the shop's database")


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
