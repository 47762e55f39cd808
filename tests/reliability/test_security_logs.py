"""No PIN and no phone number reaches a log file, even with every logger at DEBUG and the
database statements logged: sign-in, a wrong PIN, a manager's override, a new
member, a member found by phone."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from salon_desk.core.auth import Actor, Perm, Role
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.errors import Invalid
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

PHONE = "13912345678"
PINS = ("8888", "246813", "135790")


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "salon-desk.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root, sql = logging.getLogger(), logging.getLogger("sqlalchemy.engine")
    levels = root.level, sql.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    sql.setLevel(logging.INFO)  # every statement, as when tracing a fault at a shop
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(levels[0])
        sql.setLevel(levels[1])
        handler.close()


def test_no_pin_or_phone_in_the_log(core: Core, log_file: Path) -> None:
    # A database opened while DEBUG logging is on, as a support session would run it.
    db = Database.open(core.db.engine.url.render_as_string(hide_password=False))
    logged = Core.build(db, clock=core.clock, local_settings=log_file.parent / "local.json")
    owner = logged.auth.create_owner(name="王店长", number="8888", pin=PINS[0])
    row = logged.auth.create_staff(
        owner, name="李经理", number="9001", pin=PINS[1], role=Role.MANAGER, phone="13700001111"
    )
    logged.auth.change_pin(owner, row.id, PINS[2])
    logged.auth.sign_in("8888", PINS[0])
    with pytest.raises(Invalid):
        logged.auth.sign_in("9001", "000000")
    logged.auth.authorise("9001", PINS[2], Perm.REFUND)
    members = MemberService(logged)
    counter = Actor(owner.staff_id, owner.number, owner.name, owner.role)
    members.create(counter, MemberInput("张小姐", PHONE))
    assert members.by_phone(PHONE) is not None
    assert members.search(PHONE[-4:])
    db.dispose()

    text = log_file.read_text(encoding="utf-8")
    assert "INSERT INTO" in text or "SELECT" in text, "the log did not capture the database"
    for secret in (PHONE, "13700001111", *PINS[1:], "000000"):
        assert secret not in text, secret
    # 8888 is also the owner's staff number, which may be logged; the PIN itself is never
    # passed to the database, only its hash.
