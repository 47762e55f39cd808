"""What every command shares: where this PC keeps its data and settings, and which
database a command works on (``--db``, the demo salon with ``--demo``, else the shop's)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import LANGUAGES, N_

if TYPE_CHECKING:  # keeps start-up light
    from salon_desk.core.context import Core

APP_NAME = "SalonDesk"
DB_FILE = "salon.sqlite3"
DEMO_FILE = "demo.sqlite3"


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
