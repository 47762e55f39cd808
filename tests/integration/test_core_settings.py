"""Settings: declared once, validated, need the permission, audited, survive a restart."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest

from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Forbidden, Invalid
from salon_desk.core.i18n import error_text
from salon_desk.core.settings import SETTINGS, SettingsService, parse_value


def test_defaults_when_nothing_is_saved(core: Core) -> None:
    values = core.settings.all()
    assert values["shop.name"] == "美丽人生美容院"
    assert values["booking.late_grace_minutes"] == 30
    assert values["ui.language"] == "zh_CN"
    assert values["hours.open"] == time(9, 0)
    assert str(core.settings.tz()) == "Asia/Shanghai"
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:  # every default passes its own validation
        assert parse_value(setting, setting.default) == setting.default


def test_settings_survive_a_restart(
    core: Core, owner: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    core.settings.set_many(
        owner,
        {
            "shop.name": "  丽人坊  ",
            "hours.open": "08:30",
            "booking.late_grace_minutes": "45",
            "ui.language": "en",
            "printer.address": "network:192.168.1.50:9100",
            "printer.paper_mm": 58,
        },
    )
    again = SettingsService(core.db, clock, tmp_path / "local.json")  # a fresh start
    assert again.get("shop.name") == "丽人坊"
    assert again.get("hours.open") == time(8, 30)
    assert again.get("booking.late_grace_minutes") == 45
    assert again.get("ui.language") == "en"
    assert again.get("printer.address") == "network:192.168.1.50:9100"
    assert again.get("printer.paper_mm") == 58
    local = json.loads((tmp_path / "local.json").read_text(encoding="utf-8"))
    assert local["ui.language"] == "en" and "shop.name" not in local  # shop ones in the db
    changed = audit.entries(core.db, action_prefix="settings.change")
    shop_name = next(e for e in changed if e.object_id == "shop.name")
    assert shop_name.before == {"value": "美丽人生美容院"}
    assert shop_name.after == {"value": "丽人坊"}


def test_a_change_is_read_at_once_here_and_after_a_reload_at_another_counter(
    core: Core, owner: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    other = SettingsService(core.db, clock, tmp_path / "other.json")
    for _ in range(2):  # read twice: the second read is the first one's value
        assert core.settings.get("shop.name") == other.get("shop.name") == "美丽人生美容院"
    core.settings.set_many(owner, {"shop.name": "丽人坊"})
    assert core.settings.get("shop.name") == "丽人坊"
    assert other.get("shop.name") == "美丽人生美容院"  # read once, until it reloads
    other.reload()
    assert other.get("shop.name") == "丽人坊"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("booking.late_grace_minutes", "abc", "迟到自动取消（分钟）：无效的值：abc"),
        ("booking.late_grace_minutes", 2, "迟到自动取消（分钟）：不能小于 5"),
        ("ui.auto_lock_minutes", 500, "闲置自动锁屏（分钟，0 = 不锁）：不能大于 120"),
        ("hours.close", "25:00", "关门时间：无效的值：25:00"),
        ("shop.timezone", "Mars/Base", "未知时区：Mars/Base"),
        ("ui.language", "fr", "语言：无效的值：fr"),
        ("printer.paper_mm", 70, "纸宽（毫米）：无效的值：70"),
        ("shop.name", "x" * 41, "店名：最多 40 个字"),
        ("printer.address", "lpt1", "无法识别打印机地址：lpt1。"),
        ("printer.address", "network:host:99999", "无法识别打印机地址：network:host:99999。"),
        ("no.such", 1, "未知设置项：no.such"),
    ],
)
def test_a_wrong_value_is_refused_in_chinese_and_nothing_is_saved(
    core: Core, owner: Actor, tmp_path: Path, name: str, value: object, expected: str
) -> None:
    before = len(audit.entries(core.db))
    with pytest.raises(Invalid) as info:
        core.settings.set_many(owner, {"shop.phone": "021-5555", name: value})
    assert error_text(info.value).startswith(expected)
    core.settings.reload()
    assert core.settings.get("shop.phone") == ""  # the valid change was not saved either
    assert not (tmp_path / "local.json").exists()
    assert len(audit.entries(core.db)) == before


@pytest.mark.parametrize(
    "address",
    [
        "none",
        "network:printer.local",
        "network:10.0.0.9:9100",
        "usb:0416:5011",
        "serial:/dev/ttyUSB0@9600",
        "serial:COM3",
        "win32:XP-58 打印机",
        "file:/tmp/receipts.bin",
    ],
)
def test_every_printer_address_form_is_accepted(core: Core, owner: Actor, address: str) -> None:
    assert core.settings.set(owner, "printer.address", address) == address


def test_counter_staff_may_not_change_settings(core: Core, counter: Actor) -> None:
    with pytest.raises(Forbidden):
        core.settings.set(counter, "shop.name", "改名")
    core.settings.reload()
    assert core.settings.get("shop.name") == "美丽人生美容院"


def test_a_damaged_local_file_falls_back_to_defaults(core: Core, tmp_path: Path) -> None:
    (tmp_path / "local.json").write_text("{not json", encoding="utf-8")
    assert core.settings.get("ui.language") == "zh_CN"


def test_saving_the_default_value_keeps_the_default(core: Core, owner: Actor) -> None:
    core.settings.set_many(owner, {"shop.name": "美丽人生美容院", "booking.late_grace_minutes": 30})
    core.settings.reload()
    assert core.settings.get("shop.name") == "美丽人生美容院"
    assert core.settings.get("booking.late_grace_minutes") == 30
    assert audit.entries(core.db, action_prefix="settings.change") == []


def test_anyone_may_switch_the_language_of_this_counter(
    core: Core, counter: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    assert core.settings.set_preference("ui.language", "en") == "en"
    assert SettingsService(core.db, clock, tmp_path / "local.json").get("ui.language") == "en"
    with pytest.raises(Invalid):
        core.settings.set_preference("ui.language", "xx")
    with pytest.raises(Invalid):
        core.settings.set_preference("printer.address", "none")  # needs a manager
    assert core.settings.get("ui.language") == "en"
