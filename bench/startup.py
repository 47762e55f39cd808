"""Cold start to the first painted main window, with the big database, against a bare
PySide6 window with the same tab bar (bench/bare_window.py).

Each start is a fresh ``python`` process, the app and the bare window interleaved; the
parent notes ``time.time()`` just before it launches the child (``BENCH_T0``) and the child
prints the milliseconds from then to its paint. The app child runs the real command line
(``salon_desk.cli.main(["--db", URL])``) in a fresh home folder, and watches the paint
events: the main window's first paint (the app paints before it opens the database), and
the first paint of the sign-in screen, drawn after the database was opened and checked.
The same child then signs in (the PIN check itself, deliberately slow, is not counted) and times the
workspace with its tabs to its first paint. The sign-in and workspace figures are also
measured on a new shop's database: their ratio is what three years of data cost.
The children keep Python's compiled modules between starts, as an installed app does,
even where ``PYTHONDONTWRITEBYTECODE`` is set.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m bench.startup [--quick] [--db FILE]
"""

from __future__ import annotations

# The child (``--child``) runs this module: it imports only what the app imports anyway,
# so that the benchmark's own modules (subprocess, statistics ...) are not counted as the
# app's start-up. The parent's imports are inside the functions that need them.
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.harness import Report, Timing

ROOT = Path(__file__).resolve().parents[1]
BARE = ROOT / "bench" / "bare_window.py"
#: The app's tab titles for the owner, so the bare window draws the same tab bar.
TITLES = ("预约", "会员", "收银", "陈列", "盘点", "报表", "前台", "设置")


@dataclass(frozen=True)
class Start:
    ms: dict[str, float]  # stage -> ms since launch (app) or {"paint": ms} (bare)
    rss_kib: dict[str, int]  # stage -> RSS high-water mark so far
    maxrss_kib: int  # the child's RSS high-water mark (0: not measured)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["SALON_DESK_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["BENCH_APP_NOW"] = _app_now()
    # Python's compiled modules are kept, as an installed app has them (pip and the
    # packagers compile at install): with PYTHONDONTWRITEBYTECODE set, as on some
    # development machines, every start would compile the app's 300 source files again
    # (70 ms before the first paint, about 2 s in all). They go to a folder of their own,
    # not into the source tree; the first starts of a run write them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(_pycache())
    env["BENCH_T0"] = repr(time.time())
    return env


def _pycache() -> Path:
    """Where the children keep the app's compiled modules between starts (see ``_env``)."""
    import tempfile

    return Path(tempfile.gettempdir()) / "salon-desk-bench-pycache"


def _app_now() -> str:
    """08:45 in the shop on the day after the generated data (its bookings from that day
    on are still to come): the app's clock runs from there, whatever day the benchmark
    runs on, so no late booking is cancelled at start and today's day view is full."""
    from datetime import datetime
    from datetime import time as clock_time
    from zoneinfo import ZoneInfo

    from bench.datagen import END

    return datetime.combine(END, clock_time(8, 45), ZoneInfo("Asia/Shanghai")).isoformat()


def _pin_clock() -> None:
    """In the child: the system clock starts at ``BENCH_APP_NOW`` and runs on."""
    from datetime import UTC, datetime

    from salon_desk.core.clock import SystemClock

    offset = datetime.fromisoformat(os.environ["BENCH_APP_NOW"]) - datetime.now(UTC)
    real = SystemClock.now

    def now(self: SystemClock) -> datetime:
        return real(self) + offset

    SystemClock.now = now  # type: ignore[method-assign]


def _launch(args: list[str], home: Path, timeout: float = 600) -> str:
    """Run a child to its end; returns what it printed."""
    import subprocess

    done = subprocess.run(args, env=_env(home), capture_output=True, cwd=ROOT, timeout=timeout)
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace")[-3000:]
        raise RuntimeError(f"{args[1:3]} failed ({done.returncode}): {tail}")
    return done.stdout.decode()


def start_app(db: Path, *, tabs: bool = False) -> Start:
    """One cold start of the app on ``db``; with ``tabs``, every tab is opened after."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
        args = [sys.executable, "-m", "bench.startup", "--child", str(db)]
        if tabs:
            args.append("--tabs")
        out = _launch(args, Path(home))
    data = json.loads(out.strip().splitlines()[-1])
    rss = data["rss_kib"]
    return Start(data["ms"], rss, max(rss.values(), default=0))


#: The bare window run with its RSS peak printed at exit (for bench/memory.py only: the
#: wrapper is not part of the start-up floor).
_BARE_WITH_PEAK = (
    "import atexit, runpy, sys\n"
    "from bench.startup import peak_rss_kib\n"
    "atexit.register(lambda: print(peak_rss_kib(), flush=True))\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_path(sys.argv[0], run_name='__main__')\n"
)


def start_bare(*, memory: bool = False) -> Start:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
        if memory:
            args = [sys.executable, "-c", _BARE_WITH_PEAK, str(BARE), *TITLES]
        else:
            args = [sys.executable, str(BARE), *TITLES]
        out = _launch(args, Path(home))
    lines = out.strip().splitlines()
    if memory:
        peak = int(lines[-1])
        return Start({"paint": float(lines[-2])}, {"paint": peak}, peak)
    return Start({"paint": float(lines[-1])}, {}, 0)


def new_database(folder: Path) -> Path:
    """A new shop's database (the owner only): the floor that shows what the data costs."""
    from salon_desk.core.context import Core

    path = folder / "new.sqlite3"
    core = Core.open(f"sqlite:///{path}")
    core.auth.create_owner(name="王店长", number="8888", pin="8888")
    core.close()
    return path


def working_copy(db: Path, folder: Path) -> Path:
    """The app writes as it starts (sign-in audit, late bookings cancelled): it runs on a
    copy, so that every run starts from the same data."""
    import shutil

    copy = folder / db.name
    shutil.copyfile(db, copy)
    return copy


def run(db: Path, report: Report, *, quick: bool) -> None:
    import tempfile

    from bench.harness import Figure, Timing

    repeat = 2 if quick else 10
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        big = working_copy(db, Path(tmp))
        new = new_database(Path(tmp))
        start_app(big)  # first starts warm the OS file cache for all alike
        start_app(new)
        start_bare()
        runs: dict[str, list[Start]] = {"big": [], "new": [], "bare": []}
        kinds = ["big", "new", "bare"]
        for i in range(repeat):
            for kind in kinds[i % 3 :] + kinds[: i % 3]:
                if kind == "bare":
                    runs[kind].append(start_bare())
                else:
                    runs[kind].append(start_app(big if kind == "big" else new))

    def timing(kind: str, stage: str) -> Timing:
        return Timing(tuple(s.ms[stage] for s in runs[kind]))

    bare = timing("bare", "paint")
    signin = timing("big", "signin")
    how = f"fresh process each time, {repeat} starts of each kind interleaved"
    report.add(
        Figure(
            "start-up: launch → main window painted, big database",
            timing("big", "window"),
            bare,
            target_ratio=1.5,
            note=f"{how}; floor: a bare PySide6 window with the same 8-tab bar to its first "
            "paint; the app paints first and opens the database right after",
        )
    )
    report.add(
        Figure(
            "start-up: launch → sign-in screen painted, big vs new database",
            signin,
            timing("new", "signin"),
            target_ratio=1.2,
            note=f"the database opened and checked; floor: the same start on a new shop's "
            f"database, so the ratio is what the data costs (target ours); against the bare "
            f"window {signin.median / bare.median:.1f}×",
        )
    )
    report.add(
        Figure(
            "start-up: sign-in → workspace painted, big vs new database",
            timing("big", "workspace"),
            timing("new", "workspace"),
            note="after the PIN check; the first tab (appointments, today's bookings) built "
            "and painted",
        )
    )


def peak_rss_kib() -> int:
    """This process's RSS high-water mark in KiB. On Linux ``VmHWM`` of /proc/self/status:
    ``getrusage``'s ``ru_maxrss`` also counts the memory of the parent that launched the
    process (it survives the exec), which would put the benchmark runner's size into every
    child's figure."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def child(db: Path, tabs: bool) -> None:
    """The app as ``salon-desk --db sqlite:///DB`` starts it, with a watch on the paints."""
    t0 = float(os.environ["BENCH_T0"])
    _pin_clock()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    ms: dict[str, float] = {}
    rss: dict[str, int] = {}

    def window() -> object:
        from salon_desk.ui.main_window import MainWindow

        for w in app.topLevelWidgets():
            if isinstance(w, MainWindow):
                return w
        return None

    class Probe(QObject):
        stage = "signin"
        mark = 0.0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            w = window()
            if w is None or getattr(w, "core", None) is None:
                return False
            if self.stage == "signin" and type(w.page).__name__ == "SignInPage":  # type: ignore[attr-defined]
                ms["signin"] = (time.time() - t0) * 1000
                rss["first paint"] = peak_rss_kib()
                self.stage = "between"
                QTimer.singleShot(0, sign_in)
            elif self.stage == "workspace" and w.page is w.workspace:  # type: ignore[attr-defined]
                ms["workspace"] = (time.perf_counter() - self.mark) * 1000
                self.stage = "done"
                QTimer.singleShot(0, finish)
            return False

    probe = Probe()

    def sign_in() -> None:
        w = window()
        actor = w.core.auth.sign_in("8888", "8888")  # type: ignore[attr-defined]
        probe.stage = "workspace"
        probe.mark = time.perf_counter()
        w.enter(actor)  # type: ignore[attr-defined]

    def finish() -> None:
        w = window()
        rss["signed in"] = peak_rss_kib()
        if tabs:
            space = w.workspace  # type: ignore[attr-defined]
            for key in space.tab_keys():
                space.show_tab(key)
                w.repaint()  # type: ignore[attr-defined]
                app.processEvents()
                rss[key] = peak_rss_kib()
        app.removeEventFilter(probe)
        print(json.dumps({"ms": ms, "rss_kib": rss}), flush=True)
        w.close()  # type: ignore[attr-defined]
        app.quit()

    class FirstPaint(QObject):
        """The main window's first paint (the opening screen), watched on the window
        alone, as the bare window's probe watches its tab widget alone: a filter on the
        whole application would make the app pay for a call into Python on every event
        before its first paint (and for building the Python classes of every kind of
        object and event it meets), a cost of the probe the floor does not pay. The
        later stages are watched on the whole application, on both databases alike."""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "window" not in ms:
                ms["window"] = (time.time() - t0) * 1000
                obj.removeEventFilter(self)
                app.installEventFilter(probe)
            return False

    first = FirstPaint()
    from salon_desk.ui.main_window import MainWindow

    built = MainWindow.__init__

    def watched(self: MainWindow, *args: Any, **kwargs: Any) -> None:
        built(self, *args, **kwargs)
        self.installEventFilter(first)

    MainWindow.__init__ = watched  # type: ignore[method-assign]
    from salon_desk.cli import main

    main(["--db", f"sqlite:///{db}"])


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), "--tabs" in sys.argv[3:])
    else:
        from bench.__main__ import main as bench_main

        raise SystemExit(bench_main(["--only", "startup", *sys.argv[1:]]))
