"""Bad input in the member import, two tables: files that cannot be read at all (refused
whole with a Chinese message), and rows with a bad value (the row is listed with a
Chinese reason naming its column, and the import saves nothing). Either way the database
is exactly as before."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from bad_input import CONTROL, EMOJI, HUGE, LONG, SQL, Case, refusal_problems
from salon_world import World, changed_tables, snapshot

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.i18n import set_language
from salon_desk.members.import_file import MAX_ROWS
from salon_desk.members.import_service import MemberImportService

HEADER = ["姓名", "手机", "会员号", "性别", "生日", "会员等级", "肤质", "备注", "接受回访",
          "卡编码", "剩余次数", "剩余本金", "剩余赠送", "到期日"]  # fmt: skip
GOOD = {"姓名": "林小姐", "手机": "13911112222"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


# --- files that cannot be read ----------------------------------------------------------------
def _file(label: str, content: object, suffix: str = ".csv") -> Case:
    def prepare(w: World) -> object:
        path = w.tmp / f"import-{w.n()}{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content == "folder":
            path.mkdir()
        return lambda: MemberImportService(w.core).run(w.owner, path)

    return Case(f"file {label}", prepare)  # type: ignore[arg-type]


FILES = [
    _file("that is not there", None),
    _file("that is a folder", "folder"),
    _file("that is empty", b""),
    _file("of blank lines", b"\r\n\r\n ,\r\n"),
    _file("in UTF-16", "姓名,手机\n林小姐,13911112222\n".encode("utf-16")),
    _file("of binary bytes", bytes(range(256)) * 8),
    _file("that is a damaged workbook", b"PK\x03\x04" + b"\0" * 200, ".xlsx"),
    _file("with an unknown column", csv_bytes([["姓名", "手机", SQL], ["林小姐", "139", "x"]])),
    _file("with a column twice", csv_bytes([["姓名", "手机", "电话"], ["林小姐", "139", "139"]])),
    _file("without the phone column", csv_bytes([["姓名"], ["林小姐"]])),
    _file("with emoji for a header", csv_bytes([["姓名", "手机", EMOJI], ["林小姐", "139", ""]])),
    _file("with too many rows", csv_bytes([["姓名", "手机"]] + [["林", "139"]] * (MAX_ROWS + 1))),
]  # fmt: skip


# --- rows with a bad value --------------------------------------------------------------------
ROWS: list[tuple[str, dict[str, str]]] = [
    ("without a name", {"姓名": ""}),
    ("with a name too long", {"姓名": LONG}),
    ("with control characters in the name", {"姓名": CONTROL}),
    ("without a phone", {"手机": ""}),
    ("with a short phone", {"手机": "1391111222"}),
    ("with a landline", {"手机": "02162880001"}),
    ("with emoji for a phone", {"手机": EMOJI}),
    ("with SQL for a phone", {"手机": SQL}),
    ("with a member number too long", {"会员号": "A" * 40}),
    ("with emoji for a member number", {"会员号": EMOJI}),
    ("with an unknown gender", {"性别": "X"}),
    ("with an impossible birthday", {"生日": "1990-02-30"}),
    ("with a birthday in the future", {"生日": "2030-01-01"}),
    ("with a birthday in words", {"生日": "去年三月"}),
    ("with an unknown level", {"会员等级": "钻石"}),
    ("with SQL for a skin type", {"肤质": SQL}),
    ("with a note too long", {"备注": LONG}),
    ("with an unclear yes or no", {"接受回访": "也许"}),
    ("with an unknown card", {"卡编码": "X99", "剩余次数": "3"}),
    ("with SQL for a card code", {"卡编码": SQL, "剩余次数": "3"}),
    ("with sessions but no card", {"剩余次数": "3"}),
    ("with negative sessions", {"卡编码": "P10", "剩余次数": "-1"}),
    ("with sessions in words", {"卡编码": "P10", "剩余次数": "三"}),
    ("with huge sessions", {"卡编码": "P10", "剩余次数": str(HUGE)}),
    ("with no sessions left", {"卡编码": "P10", "剩余次数": "0"}),
    ("with a negative balance", {"卡编码": "V5K", "剩余本金": "-5"}),
    ("with a huge balance", {"卡编码": "V5K", "剩余本金": "1e99"}),
    ("with a balance in words", {"卡编码": "V5K", "剩余本金": "一千"}),
    ("with a fraction of a fen", {"卡编码": "V5K", "剩余本金": "10.001"}),
    ("with an impossible expiry", {"卡编码": "P10", "剩余次数": "3", "到期日": "2026-13-01"}),
]


def row_problems(w: World, label: str, changes: dict[str, str]) -> list[str]:
    values = {**GOOD, **changes}
    path = w.tmp / f"rows-{w.n()}.csv"
    path.write_bytes(csv_bytes([HEADER, [values.get(h, "") for h in HEADER]]))
    before = snapshot(w.core)
    try:
        report = MemberImportService(w.core).run(w.owner, path)
    except Exception as exc:
        return [f"row {label}: {type(exc).__name__}: {exc}"[:300]]
    out = []
    if report.imported or [r.status for r in report.rows] != ["error"]:
        out.append(f"row {label}: not refused ({[r.status for r in report.rows]})")
    for row in report.rows:
        for p in row.problems:
            if not _CJK.search(p.reason):
                out.append(f"row {label}: the reason is not in Chinese: {p.reason!r}")
        if row.problems and not any(p.column for p in row.problems):
            out.append(f"row {label}: no column named")
    changed = changed_tables(before, snapshot(w.core))
    if changed:
        out.append(f"row {label}: the database changed: {changed}")
    return out


def test_files_that_cannot_be_read_are_refused(core: Core, owner: Actor, tmp_path: Path) -> None:
    w = World(core, owner, tmp_path)
    w.actors  # noqa: B018  (staff first, so that only the call under test can write)
    assert refusal_problems(w, FILES) == []


def test_rows_with_a_bad_value_are_listed_and_nothing_is_imported(
    core: Core, owner: Actor, tmp_path: Path
) -> None:
    set_language("zh_CN")
    w = World(core, owner, tmp_path)
    w.actors  # noqa: B018
    w.pack  # noqa: B018  (the card kinds the file names)
    w.value  # noqa: B018
    problems = [p for label, changes in ROWS for p in row_problems(w, label, changes)]
    assert problems == []
    # The same file with the bad value put right is imported.
    path = tmp_path / "good.csv"
    path.write_bytes(csv_bytes([HEADER, [GOOD.get(h, "") for h in HEADER]]))
    assert MemberImportService(core).run(owner, path).members == 1
