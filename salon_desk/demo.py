"""A demo salon: the owner 王店长 (工号 8888, PIN 8888), a manager, counter staff, the shop's
profile, then whatever every feature adds (``salon_desk.<feature>.demo.seed(core, owner)``).

``salon-desk --demo`` opens the app on a demo database in the user data folder, made on
first use; ``salon-desk demo --db URL`` fills any empty database.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from sqlalchemy import event

from salon_desk.core.auth import Actor, Role
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_

OWNER = ("王店长", "8888", "8888")

#: name, 工号, PIN, role
STAFF: tuple[tuple[str, str, str, Role], ...] = (
    ("李经理", "9001", "9001", Role.MANAGER),
    ("小陈", "1001", "1001", Role.COUNTER),
    ("小周", "1002", "1002", Role.COUNTER),
)

SHOP = {
    "shop.name": "美丽人生美容院",
    "shop.address": "上海市静安区南京西路 1266 号 3 楼",
    "shop.phone": "021-6288 5678",
    "receipt.header": "美丽人生美容院\n南京西路店",
    "receipt.footer": "谢谢惠顾，欢迎再次光临！\n预约电话 021-6288 5678",
}


def seed(core: Core) -> Actor:
    """Fill an empty database. Refused when it already has staff: demo data never mixes
    with a real shop's."""
    if core.auth.has_staff():
        raise Conflict(
            N_("This database already has staff; demo data only goes into an empty one.")
        )
    name, number, pin = OWNER
    owner = core.auth.create_owner(name=name, number=number, pin=pin)
    for staff_name, staff_number, staff_pin, role in STAFF:
        core.auth.create_staff(
            owner, name=staff_name, number=staff_number, pin=staff_pin, role=role
        )
    core.settings.set_many(owner, SHOP)

    from salon_desk.features import feature_modules

    for module in feature_modules("demo"):
        module.seed(core, owner)
    return owner


def prepare(path: Path, local_settings: Path | None) -> Path:
    """The demo database at ``path``, made and filled on first use. It is built beside the
    final name and moved there only when complete, so a failed fill leaves nothing behind."""
    if path.exists():
        core = Core.open(f"sqlite:///{path}", local_settings=local_settings)
        try:
            if core.auth.has_staff():
                return path
        finally:
            core.close()
        _remove(path)
    building = path.with_name(path.name + ".building")
    _remove(building)
    try:
        core = Core.open(f"sqlite:///{building}", local_settings=local_settings)
        try:
            _fast_writes(core)
            seed(core)
            with core.db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            core.close()
        building.replace(path)
    except BaseException:
        _remove(building)
        raise
    return path


def _fast_writes(core: Core) -> None:
    """The file being built is thrown away if anything fails, so it need not survive a
    power cut: skip the flush to disk after each of the many small transactions."""

    def relax(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    core.db.engine.dispose()
    event.listen(core.db.engine, "connect", relax)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
