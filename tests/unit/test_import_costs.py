"""What is imported before the window paints, and what looking members up imports: the
heavy libraries are loaded where they are used (bench/startup.py and bench/memory.py
measure the effect; this keeps it from coming back unnoticed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Each costs a tenth of a second to most of one, or tens of MiB (see FACTS.md).
HEAVY = ("sqlalchemy", "alembic", "reportlab", "escpos", "pypinyin", "PIL")


def loaded_after(*modules: str) -> set[str]:
    """The heavy top-level packages a fresh interpreter holds after importing ``modules``."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout)) & set(HEAVY)


def test_what_the_first_paint_needs_imports_nothing_heavy() -> None:
    assert (
        loaded_after(
            "salon_desk.cli",
            "salon_desk.app",
            "salon_desk.ui.main_window",
            "salon_desk.ui.style",
            "salon_desk.ui.widgets.none_guard",
        )
        == set()
    )


def test_looking_members_up_does_not_load_the_pinyin_dictionaries() -> None:
    assert "pypinyin" not in loaded_after(
        "salon_desk.members.service", "salon_desk.booking.booking_service"
    )


def test_the_workspace_on_sqlite_does_not_load_the_postgresql_dialect() -> None:
    """45 ms at sign-in: the PostgreSQL dialect is imported only where a PostgreSQL
    statement is built (the pattern index's operator class is the migration's)."""
    code = (
        "import sys\n"
        "from salon_desk.features import load_models\n"
        "load_models()\n"
        "import salon_desk.core.docnum, salon_desk.members.queries\n"
        "import salon_desk.ui.appointments.appointments_tab, salon_desk.pos.checkout_service\n"
        "print('sqlalchemy.dialects.postgresql' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_the_register_tab_loads_the_report_modules_only_when_a_z_report_is_saved() -> None:
    """A quarter of the register's first opening was the Z report's PDF machinery, used
    once a day at closing."""
    code = (
        "import json, sys\n"
        "import salon_desk.ui.register.register_tab\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('salon_desk.reports'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []
