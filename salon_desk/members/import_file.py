"""Reading a members file for the import: CSV (UTF-8 with or without BOM, or GBK) or XLSX.

The first row names the columns, in Chinese as a salon writes them (``姓名``, ``手机``,
``卡编码`` ...) or in English (``name``, ``phone``, ``card_code`` ...). Every other row is
a member, and optionally one card with what is left on it; a member with two cards has a
second row with the same phone and name.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_

#: Column key → the Chinese header (what the template shows) and the other names accepted.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name", "会员姓名"),
    "phone": ("手机", "phone", "手机号", "电话", "手机号码"),
    "number": ("会员号", "number", "会员编号", "卡号"),
    "gender": ("性别", "gender"),
    "birthday": ("生日", "birthday", "出生日期"),
    "tier": ("会员等级", "tier", "等级"),
    "skin_type": ("肤质", "skin_type"),
    "allergies": ("过敏", "allergies", "过敏史"),
    "contraindications": ("禁忌", "contraindications"),
    "notes": ("备注", "notes"),
    "referral": ("来源", "referral", "推荐人"),
    "marketing_ok": ("接受回访", "marketing_ok"),
    "card_code": ("卡编码", "card_code", "卡种编码"),
    "sessions_left": ("剩余次数", "sessions_left"),
    "principal": ("剩余本金", "principal", "剩余金额"),
    "bonus": ("剩余赠送", "bonus", "赠送余额"),
    "paid": ("已付金额", "paid"),
    "expires_on": ("到期日", "expires_on", "有效期至"),
}
REQUIRED = ("name", "phone")
_BY_HEADER = {
    unicodedata.normalize("NFKC", h).strip().lower(): key
    for key, headers in COLUMNS.items()
    for h in headers
}
MAX_ROWS = 20_000


@dataclass(frozen=True, slots=True)
class SheetRow:
    line: int  # the row number as a spreadsheet shows it (the header is row 1)
    values: dict[str, str]  # column key → the cell as text ("" when empty)


@dataclass(frozen=True, slots=True)
class Sheet:
    columns: tuple[str, ...]  # column keys, in the file's order
    headers: dict[str, str]  # column key → the header as written in the file
    rows: tuple[SheetRow, ...]
    encoding: str  # "utf-8", "utf-8-sig", "gbk" or "xlsx"


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (with or without a BOM)
    first, then GBK (read as GB18030, its superset). Anything else is refused."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Invalid(
            N_("The file is not in UTF-8 or GBK. Save it as CSV (UTF-8) and try again."),
            field="file",
        )
    else:
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("gb18030"), "gbk"
        except UnicodeDecodeError:
            pass
    raise Invalid(
        N_("The file is not in UTF-8 or GBK. Save it as CSV (UTF-8) and try again."), field="file"
    )


def cell_text(value: object) -> str:
    """A cell as text: numbers without ``.0`` (a phone typed as a number), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        exact = Decimal(str(value))
        return str(int(exact)) if exact == exact.to_integral_value() else str(exact)
    return str(value).strip()


def read_sheet(path: Path) -> Sheet:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Invalid(
            N_("Cannot read the file {path}: {detail}"),
            field="file",
            path=str(path),
            detail=str(exc),
        ) from exc
    if path.suffix.lower() in (".xlsx", ".xlsm") or raw.startswith(b"PK\x03\x04"):
        table, encoding = _xlsx_rows(raw), "xlsx"
    else:
        text, encoding = decode_csv(raw)
        table = [list(r) for r in csv.reader(io.StringIO(text))]
    return _sheet(table, encoding)


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # only the import needs it (a slow import)

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Invalid(
            N_("This is not an Excel workbook that can be read: {detail}"),
            field="file",
            detail=str(exc)[:200],
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _sheet(table: list[list[str]], encoding: str) -> Sheet:
    while table and not any(c.strip() for c in table[-1]):
        table.pop()
    if not table:
        raise Invalid(N_("The file is empty."), field="file")
    header = table[0]
    columns: list[str] = []
    headers: dict[str, str] = {}
    for written in header:
        name = unicodedata.normalize("NFKC", written or "").strip()
        if not name:
            columns.append("")
            continue
        key = _BY_HEADER.get(name.lower())
        if key is None:
            raise Invalid(
                N_("Unknown column “{column}” in row 1. The columns are: {known}"),
                field="file",
                column=name,
                known="、".join(h[0] for h in COLUMNS.values()),
            )
        if key in headers:
            raise Invalid(N_("The column “{column}” is there twice."), field="file", column=name)
        columns.append(key)
        headers[key] = name
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in headers]
    if missing:
        raise Invalid(
            N_("The file needs the columns {columns} in its first row."),
            field="file",
            columns="、".join(missing),
        )
    if len(table) - 1 > MAX_ROWS:
        raise Invalid(N_("At most {n} rows at a time."), field="file", n=MAX_ROWS)
    rows = []
    for i, cells in enumerate(table[1:], start=2):
        if not any((c or "").strip() for c in cells):
            continue
        values = {key: "" for key in headers}
        for key, cell in zip(columns, cells, strict=False):
            if key:
                values[key] = (cell or "").strip()
        rows.append(SheetRow(i, values))
    return Sheet(tuple(columns), headers, tuple(rows), encoding)
