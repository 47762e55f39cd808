"""Quitting while a report is still being built: the window waits for it before the
database is closed, so the report finishes and nothing is left running."""

from __future__ import annotations

import shutil
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from test_shell_signin import open_window, sign_in

from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.reports.service import ReportService
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.reports import report_job
from salon_desk.ui.reports.report_job import ReportJob


@pytest.fixture
def owned(tmp_path: Path, sqlite_template: Path, clock: FixedClock) -> Path:
    target = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, target)
    core = Core.open(f"sqlite:///{target}", clock=clock, local_settings=tmp_path / "local.json")
    core.auth.create_owner(name="王店长", number="8888", pin="8888")
    core.close()
    return target


def test_closing_the_window_waits_for_a_report_being_built(
    qtbot: QtBot,
    owned: Path,
    clock: FixedClock,
    tmp_path: Path,
    prompts: ScriptedPrompts,
) -> None:
    window = open_window(qtbot, owned, clock, tmp_path, prompts)
    sign_in(window, "8888", "8888")
    core = window.core
    assert core is not None
    release = threading.Event()
    outcome: list[Any] = []

    def slow() -> Any:
        release.wait(5)
        try:
            report = ReportService(core).build_period(
                date(2026, 11, 1), date(2026, 11, 28), printed_by="test"
            )
        except Exception as exc:  # the database closed under it
            outcome.append(exc)
            raise
        outcome.append(report)
        return report

    job = ReportJob(slow, lambda _r: None, building=True)
    job.begin()
    assert job.isRunning()
    threading.Timer(0.3, release.set).start()
    window.close()  # returns only once the report is built
    assert window.core is None
    assert len(outcome) == 1 and not isinstance(outcome[0], Exception)
    assert job.isFinished() and not [j for j in report_job._RUNNING if j.isRunning()]
