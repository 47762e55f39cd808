"""Every setting, declared once: name, type, default, label, scope, group and how it is
checked. Reading, checking and saving them is :mod:`salon_desk.core.settings`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salon_desk.core.i18n import LANGUAGES, N_


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type  # str, int, bool, time
    default: Any
    label: str
    scope: str = "shop"  # "shop" (database) or "local" (this PC)
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 200
    check: Callable[[Any], str | None] | None = None  # returns an error code or None
    multiline: bool = False
    group: str = field(default=N_("Shop"))


def _check_zone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return N_("Unknown time zone: {value}")
    return None


_PRINTER = re.compile(
    r"^(none|network:[\w.\-]+(:\d{1,5})?|usb:[0-9a-fA-F]{4}:[0-9a-fA-F]{4}|serial:\S+(@\d+)?"
    r"|win32:.+|file:.+)$"
)


def _check_printer(value: str) -> str | None:
    if not _PRINTER.match(value):
        return N_(
            "Printer address not understood: {value}. Use network:HOST:PORT, "
            "usb:VENDOR:PRODUCT, serial:PORT, win32:PRINTER NAME, file:PATH or none."
        )
    if value.startswith("network:"):
        port = value.split(":")[2] if value.count(":") == 2 else "9100"
        if not 0 < int(port) < 65536:
            return N_(
                "Printer address not understood: {value}. Use network:HOST:PORT, "
                "usb:VENDOR:PRODUCT, serial:PORT, win32:PRINTER NAME, file:PATH or none."
            )
    return None


SHOP = N_("Shop")
HOURS = N_("Business hours")
COUNTER = N_("This counter")
STOCK = N_("Stock")
CALLS = N_("Calls to members")

SETTINGS: tuple[Setting, ...] = (
    Setting("shop.name", str, "美丽人生美容院", N_("Shop name"), max_length=40),
    Setting("shop.address", str, "", N_("Address"), max_length=120),
    Setting("shop.phone", str, "", N_("Shop phone"), max_length=30),
    Setting("receipt.header", str, "", N_("Receipt header"), max_length=200, multiline=True),
    Setting(
        "receipt.footer",
        str,
        "谢谢惠顾，欢迎再次光临！",
        N_("Receipt footer"),
        max_length=200,
        multiline=True,
    ),
    Setting("receipt.logo", str, "", N_("Receipt logo (image file)"), max_length=260),
    Setting("shop.timezone", str, "Asia/Shanghai", N_("Time zone"), check=_check_zone),
    Setting("hours.open", time, time(9, 0), N_("Opening time"), group=HOURS),
    Setting("hours.close", time, time(21, 0), N_("Closing time"), group=HOURS),
    Setting(
        "stock.count_approval_yuan",
        int,
        200,
        N_("Stock count: differences above this value (yuan, at cost) need a manager"),
        minimum=0,
        maximum=1_000_000,
        group=STOCK,
    ),
    Setting(
        "pdf.font",
        str,
        "",
        N_("Chinese font for PDFs (a TrueType .ttf/.ttc file; empty = find one)"),
        scope="local",
        max_length=260,
        group=COUNTER,
    ),
    Setting(
        "booking.late_grace_minutes",
        int,
        30,
        N_("Late auto-cancel after (minutes)"),
        minimum=5,
        maximum=240,
        group=HOURS,
    ),
    Setting("calls.earliest", time, time(10, 0), N_("Call members from"), group=CALLS),
    Setting("calls.latest", time, time(20, 30), N_("Call members until"), group=CALLS),
    Setting("calls.lunch_from", time, time(11, 45), N_("Lunch break from"), group=CALLS),
    Setting("calls.lunch_until", time, time(13, 30), N_("Lunch break until"), group=CALLS),
    Setting("calls.dinner_from", time, time(17, 45), N_("Dinner break from"), group=CALLS),
    Setting("calls.dinner_until", time, time(19, 0), N_("Dinner break until"), group=CALLS),
    Setting(
        "calls.card_expiry_days",
        int,
        14,
        N_("Suggest a call when a card expires within (days, 0 = never)"),
        minimum=0,
        maximum=90,
        group=CALLS,
    ),
    Setting(
        "ui.auto_lock_minutes",
        int,
        5,
        N_("Lock the screen after idle (minutes, 0 = never)"),
        minimum=0,
        maximum=120,
        scope="local",
        group=COUNTER,
    ),
    Setting(
        "ui.language",
        str,
        "zh_CN",
        N_("Language"),
        scope="local",
        choices=tuple(LANGUAGES.items()),
        group=COUNTER,
    ),
    Setting(
        "printer.address",
        str,
        "none",
        N_("Receipt printer"),
        scope="local",
        check=_check_printer,
        max_length=260,
        group=COUNTER,
    ),
    Setting(
        "printer.mode",
        str,
        "text",
        N_("Receipt printing"),
        scope="local",
        choices=(
            ("text", N_("Chinese text (the printer has a Chinese font)")),
            ("raster", N_("Pictures (the printer has no Chinese font)")),
        ),
        group=COUNTER,
    ),
    Setting(
        "printer.paper_mm",
        int,
        80,
        N_("Paper width (mm)"),
        scope="local",
        choices=(("58", "58 mm"), ("80", "80 mm")),
        group=COUNTER,
    ),
    Setting(
        "backup.folder",
        str,
        "",
        N_("Backup folder (empty = data folder)"),
        scope="local",
        max_length=260,
        group=COUNTER,
    ),
    Setting(
        "backup.keep",
        int,
        14,
        N_("Backups to keep"),
        minimum=1,
        maximum=365,
        scope="local",
        group=COUNTER,
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}

#: Local settings that need no permission to change.
PREFERENCES = frozenset({"ui.language"})
