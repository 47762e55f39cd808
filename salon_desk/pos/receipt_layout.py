"""The building blocks of every slip the receipt printer prints: printed lines, a sheet
that lays them out in columns, labels in the receipt's language, and the bytes.

Pure: no database, no printer. ``Sheet`` counts columns by GBK bytes (see
:mod:`salon_desk.pos.receipt_text`); ``to_bytes`` writes ``ESC @``, ``FS &`` (Chinese
mode), then each line as GBK with python-escpos commands for size, bold, QR, drawer and cut.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salon_desk.core.i18n import N_, translate
from salon_desk.core.money import Money
from salon_desk.pos.receipt_text import ENCODING, cells, center, printable, spread, wrap

#: Font A columns per paper width.
COLUMNS = {58: 32, 80: 48}
DEFAULT_TZ = "Asia/Shanghai"
INIT = b"\x1b@"  # ESC @: reset
CHINESE_ON = b"\x1c&"  # FS &: enter Chinese (GBK) character mode

TENDERS: dict[str, str] = {
    "cash": N_("Cash"),
    "bank_card": N_("Bank card"),
    "wechat": N_("WeChat Pay"),
    "alipay": N_("Alipay"),
    "stored_value": N_("Stored value"),
    "session_card": N_("Session card"),
    "voucher": N_("Voucher"),
}


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line. ``text`` is exactly what prints (already padded to its columns);
    ``width``/``height`` are the ``GS !`` multipliers; a line with ``qr`` prints that QR
    code instead of text."""

    text: str
    bold: bool = False
    width: int = 1
    height: int = 1
    qr: str = ""

    @property
    def cells(self) -> int:
        return cells(self.text) * self.width


def columns_for(width_mm: int) -> int:
    try:
        return COLUMNS[int(width_mm)]
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"paper width must be 58 or 80 mm, not {width_mm!r}") from exc


def yuan(fen: Any) -> str:
    """``12850`` → ``￥128.50`` (the full-width sign GBK printers know)."""
    return Money(int(fen or 0)).format("￥")


def minus(fen: Any) -> str:
    return "-" + yuan(abs(int(fen or 0)))


def shop_time(value: object, tz_name: object) -> str:
    """An aware datetime (or ISO text) shown in the shop's zone: ``2026-11-28 10:00``."""
    if value is None or value == "":
        return ""
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if instant.tzinfo is None:
        raise ValueError(f"receipt time {value!r} has no time zone")
    try:
        zone = ZoneInfo(str(tz_name or DEFAULT_TZ))
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TZ)
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def day_text(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    return printable(value or "")


class Sheet:
    """Collects :class:`Line` objects for one slip, ``columns`` wide, in ``language``."""

    def __init__(self, width_mm: int, language: str) -> None:
        self.columns = columns_for(width_mm)
        self.language = language
        self.lines: list[Line] = []

    def t(self, message: str, **params: Any) -> str:
        text = translate(message, self.language)
        return text.format(**params) if params else text

    def tender(self, key: object) -> str:
        label = TENDERS.get(str(key))
        return self.t(label) if label else printable(key)

    # --- adding lines ----------------------------------------------------------------
    def add(self, text: str, *, bold: bool = False, width: int = 1, height: int = 1) -> None:
        self.lines.append(Line(text.rstrip(), bold=bold, width=width, height=height))

    def title(self, text: object, *, size: int = 2) -> None:
        """Centred, bold, ``size`` times wide and high; falls back to a smaller size when
        the text is too wide."""
        text = printable(text).strip()
        if not text:
            return
        while size > 1 and cells(text) > self.columns // size:
            size -= 1
        for part in wrap(text, self.columns // size):
            self.add(center(part, self.columns // size), bold=True, width=size, height=size)

    def centred(self, text: object, *, bold: bool = False) -> None:
        for raw in str(text or "").splitlines():
            for part in wrap(raw, self.columns):
                self.add(center(part, self.columns), bold=bold)

    def text(self, text: object, *, bold: bool = False, indent: int = 0) -> None:
        for part in wrap(str(text or ""), self.columns - indent):
            self.add(" " * indent + part, bold=bold)

    def pair(self, left: object, right: object, *, bold: bool = False, tall: bool = False) -> None:
        """``left`` … ``right`` flush right; ``tall`` prints it double height."""
        for part in spread(printable(left), printable(right), self.columns):
            self.add(part, bold=bold or tall, height=2 if tall else 1)

    @property
    def colon(self) -> str:
        return "：" if self.language.startswith("zh") else ": "

    def field(self, label: str, value: object) -> None:
        value_text = printable(value).strip()
        if value_text:
            self.text(f"{self.t(label)}{self.colon}{value_text}")

    def rule(self, char: str = "-") -> None:
        self.add(char * self.columns)

    def blank(self) -> None:
        self.add("")

    def qr(self, data: object) -> None:
        text = str(data or "").strip()
        if text:
            self.lines.append(Line("", qr=text[:300]))


def to_bytes(lines: list[Line], *, drawer: bool = False, cut: bool = True) -> bytes:
    """The ESC/POS bytes of ``lines``: reset, Chinese mode, the drawer kick first (the
    cashier needs the drawer while the slip prints), the lines, feed and cut."""
    from salon_desk.pos.printer_escpos import command_buffer

    out = command_buffer()
    out._raw(INIT + CHINESE_ON)
    if drawer:
        out.cashdraw(2)
    style = (False, 1, 1)
    for line in lines:
        if line.qr:
            out.set(align="center")
            out.qr(line.qr, native=True, size=6)
            out.set(align="left")
            continue
        wanted = (line.bold, line.width, line.height)
        if wanted != style:
            out.set(custom_size=True, width=line.width, height=line.height, bold=line.bold)
            style = wanted
        out._raw(line.text.encode(ENCODING, errors="replace") + b"\n")
    if style != (False, 1, 1):
        out.set(custom_size=True, width=1, height=1, bold=False)
    if cut:
        out.cut()
    return bytes(out.output)


def get(payload: Mapping[str, Any], key: str, default: Any = None) -> Any:
    value = payload.get(key, default)
    return default if value is None else value
