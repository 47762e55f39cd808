"""Bad input on the settings pages, one table per form: this counter's settings (printer,
backups, language), the receipt and call hours, staff administration, and restoring a
backup. Every case is refused with a Chinese message and saves nothing: neither the
database nor this counter's settings file changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bad_input import CONTROL, EMOJI, HUGE, LONG, SQL, Case, refusal_problems
from salon_world import World

from salon_desk.backup import BackupService
from salon_desk.core.auth import Actor, Role
from salon_desk.core.context import Core


# --- settings pages --------------------------------------------------------------------------
def _setting(name: str, value: object) -> Case:
    def prepare(w: World) -> object:
        return lambda: w.core.settings.set_many(w.owner, {name: value})

    return Case(f"setting {name}={str(value)[:24]!r}", prepare)  # type: ignore[arg-type]


def _preference(name: str, value: object) -> Case:
    def prepare(w: World) -> object:
        return lambda: w.core.settings.set_preference(name, value)

    return Case(f"preference {name}={str(value)[:24]!r}", prepare)  # type: ignore[arg-type]


def _counter_partly_bad() -> Case:
    def prepare(w: World) -> object:
        changes = {"ui.auto_lock_minutes": 10, "backup.keep": 0}
        return lambda: w.core.settings.set_many(w.owner, changes)

    return Case("counter settings with one good and one bad value", prepare)  # type: ignore[arg-type]


SETTINGS_PAGES = [
    _setting("receipt.header", LONG),
    _setting("receipt.header", CONTROL),
    _setting("receipt.logo", LONG),
    _setting("shop.address", CONTROL),
    _setting("shop.address", LONG),
    _setting("shop.phone", EMOJI * 20),
    _setting("calls.earliest", "7点"),
    _setting("calls.latest", "24:00"),
    _setting("calls.lunch_from", ""),
    _setting("calls.card_expiry_days", 91),
    _setting("calls.card_expiry_days", -1),
    _setting("hours.open", "2026-11-28"),
    _setting("hours.close", None),
    _setting("pdf.font", LONG),
    _setting("printer.address", "192.168.1.50"),
    _setting("printer.address", "network:192.168.1.50:99999"),
    _setting("printer.address", "network:printer:0"),
    _setting("printer.address", SQL),
    _setting("printer.address", ""),
    _setting("printer.mode", "colour"),
    _setting("printer.paper_mm", 72),
    _setting("printer.paper_mm", "80mm"),
    _setting("backup.folder", LONG),
    _setting("backup.keep", 0),
    _setting("backup.keep", 366),
    _setting("backup.keep", -1),
    _setting("backup.keep", "十"),
    _setting("backup.keep", HUGE),
    _setting("ui.auto_lock_minutes", 121),
    _setting("ui.auto_lock_minutes", "5分钟"),
    _setting("ui.language", "klingon"),
    _setting("ui.language", SQL),
    _counter_partly_bad(),
    _preference("ui.language", "xx_XX"),
    _preference("ui.language", None),
    _preference("backup.folder", "/tmp"),  # not a choice anyone may make
    _preference("no.such.setting", "1"),
]


# --- staff administration --------------------------------------------------------------------
def _staff(label: str, **kw: object) -> Case:
    def prepare(w: World) -> object:
        values: dict[str, object] = {
            "name": "小美",
            "number": f"30{w.n()}",
            "pin": "2468",
            "role": Role.COUNTER,
        }
        values.update(kw)
        return lambda: w.core.auth.create_staff(w.owner, **values)  # type: ignore[arg-type]

    return Case(f"new staff {label}", prepare)  # type: ignore[arg-type]


def _staff_taken_number() -> Case:
    def prepare(w: World) -> object:
        taken = w.owner.number
        return lambda: w.core.auth.create_staff(
            w.owner, name="小美", number=taken, pin="2468", role=Role.COUNTER
        )

    return Case("new staff with the owner's number", prepare)  # type: ignore[arg-type]


def _pin(label: str, pin: object, *, staff: bool = True) -> Case:
    def prepare(w: World) -> object:
        target = w.actors[Role.COUNTER].staff_id if staff else HUGE
        return lambda: w.core.auth.change_pin(w.owner, target, pin)  # type: ignore[arg-type]

    return Case(f"PIN {label}", prepare)  # type: ignore[arg-type]


def _staff_change(label: str, call: str, *args: object) -> Case:
    def prepare(w: World) -> object:
        return lambda: getattr(w.core.auth, call)(w.owner, *args)

    return Case(f"staff {label}", prepare)  # type: ignore[arg-type]


STAFF = [
    _staff("without a name", name=""),
    _staff("with a blank name", name="   "),
    _staff("with a name too long", name=LONG),
    _staff("with control characters in the name", name=CONTROL),
    _staff("with a name that is not text", name=42),
    _staff("without a number", number=""),
    _staff("with a number too long", number="7" * 40),
    _staff("with emoji for a number", number=EMOJI),
    _staff("with SQL for a number", number=SQL),
    _staff("with a space in the number", number="30 1"),
    _staff_taken_number(),
    _staff("without a PIN", pin=""),
    _staff("with a short PIN", pin="12"),
    _staff("with a long PIN", pin="1234567"),
    _staff("with letters in the PIN", pin="abcd"),
    _staff("with full-width digits in the PIN", pin="１２３４"),
    _staff("with a PIN that is a number", pin=2468),
    _staff("with an unknown role", role="boss"),
    _staff("with a phone that is not one", phone="12345"),
    _staff("with SQL for a phone", phone=SQL),
    _pin("too short", "12"),
    _pin("of letters", "abcd"),
    _pin("of full-width digits", "１２３４"),
    _pin("with a newline", "1234\n"),
    _pin("as a number", 1234),
    _pin("for nobody", "2468", staff=False),
    _staff_change("role of nobody", "set_role", HUGE, Role.COUNTER),
    _staff_change("switched off who is nobody", "set_active", HUGE, False),
]


# --- restoring a backup ----------------------------------------------------------------------
def _restore(label: str, make: object) -> Case:
    def prepare(w: World) -> object:
        path = w.tmp / f"restore-{w.n()}.sqlite3"
        make(path)  # type: ignore[operator]
        return lambda: BackupService(w.core).check_restore(w.owner, path)

    return Case(f"restore {label}", prepare)  # type: ignore[arg-type]


def _other_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (t TEXT)")
    conn.commit()
    conn.close()


RESTORE = [
    _restore("of a file that is not there", lambda p: None),
    _restore("of an empty file", lambda p: p.write_bytes(b"")),
    _restore("of a text file", lambda p: p.write_text("会员,手机\n", encoding="utf-8")),
    _restore("of another program's database", _other_database),
    _restore("of a folder", lambda p: p.mkdir()),
    _restore("of a database cut in half", lambda p: p.write_bytes(b"SQLite format 3\0" * 64)),
]


def _run(core: Core, owner: Actor, tmp_path: Path, cases: list[Case]) -> list[str]:
    w = World(core, owner, tmp_path)
    w.actors  # noqa: B018  (staff first, so that only the call under test can write)
    local = core.settings.local_file
    before = local.read_bytes() if local is not None and local.exists() else None
    problems = refusal_problems(w, cases)
    after = local.read_bytes() if local is not None and local.exists() else None
    if after != before:
        problems.append("this counter's settings file changed")
    return problems


def test_the_settings_pages_refuse_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _run(core, owner, tmp_path, SETTINGS_PAGES) == []


def test_staff_administration_refuses_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _run(core, owner, tmp_path, STAFF) == []


def test_restoring_refuses_what_is_not_a_good_backup(sqlite_core: Core, tmp_path: Path) -> None:
    owner = sqlite_core.auth.create_owner(name="王店长", number="8888", pin="8888")
    assert _run(sqlite_core, owner, tmp_path, RESTORE) == []
