"""Importing members and their remaining card balances from CSV (UTF-8, UTF-8 with BOM,
GBK) and XLSX: a dry run listing every row's problems in Chinese, nothing imported while
a row fails unless only the valid rows are asked for, members on file never doubled."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from salon_desk.booking.models import ServiceItem
from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Forbidden, Invalid
from salon_desk.core.i18n import error_text
from salon_desk.core.models import AuditEntry
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.import_service import MemberImportService
from salon_desk.members.models import Member
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

HEADER = "姓名,手机,性别,生日,会员等级,备注,卡编码,剩余次数,剩余本金,剩余赠送,到期日"
GOOD = [
    "王芳,13800000001,女,1985-03-02,白金,老顾客,P10,4,,,2027-06-30",
    "王芳,13800000001,女,,,,V1,,1200.50,300,",
    "李娜,139-0000-0002,女,1990/7/8,,,,,,,",
]
BAD = [
    "赵敏,1380000abcd,女,,,,,,,,",  # row 5: phone with letters
    "钱红,13800000004,女,2030-01-01,,,,,,,",  # row 6: birthday in the future
    "孙丽,13800000005,女,,钻石,,,,,,",  # row 7: no such level
    "周洁,13800000006,女,,,,X99,3,,,",  # row 8: no such card
]
PRESENT = "陈静,13700000000,女,,,,P10,5,,,"  # already a member


def setup_shop(core: Core, owner: Actor) -> None:
    MemberService(core).save_tier(owner, name="白金", discount_bp=1000)
    MemberService(core).create(owner, MemberInput(name="陈静", phone="13700000000"))
    with core.db.tx() as s:
        item = ServiceItem(
            code="F01", name_zh="深层清洁", category="facial", duration_min=60, price_fen=19800
        )
        s.add(item)
        s.flush()
        facial = item.id
    cards = CardService(core)
    cards.save_product(
        owner,
        CardProductInput(
            code="P10",
            name="清洁10次卡",
            kind="sessions",
            category="pack",
            price=Money(150000),
            sessions=10,
            service_ids=(facial,),
        ),
    )
    cards.save_product(
        owner,
        CardProductInput(
            code="V1", name="储值卡", kind="value", category="value", price=Money(500000)
        ),
    )


def write_csv(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes("\r\n".join([HEADER, *lines]).encode(encoding) + b"\r\n")
    return path


def counts(core: Core) -> tuple[int, int, int, int]:
    with core.db.read() as s:
        return tuple(  # type: ignore[return-value]
            int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Member, CardAccount, CardLedger, AuditEntry)
        )


def test_dry_run_lists_every_row_error_in_chinese_and_saves_nothing(
    core: Core, owner: Actor, counter: Actor, manager: Actor, tmp_path: Path
) -> None:
    setup_shop(core, owner)
    path = write_csv(tmp_path / "members.csv", [*GOOD, *BAD, PRESENT], "utf-8-sig")
    svc = MemberImportService(core)
    with pytest.raises(Forbidden):
        svc.dry_run(counter, path)
    before = counts(core)
    report = svc.dry_run(manager, path)
    assert report.encoding == "utf-8-sig" and not report.imported
    assert [(r.line, r.status) for r in report.rows] == [
        (2, "new"),
        (3, "card"),
        (4, "new"),
        (5, "error"),
        (6, "error"),
        (7, "error"),
        (8, "error"),
        (9, "present"),
    ]
    problems = {r.line: (r.problems[0].column, r.problems[0].reason) for r in report.errors}
    assert problems[5][0] == "手机" and "数字" in problems[5][1]
    assert problems[6] == ("生日", "生日不能是将来的日期。")
    assert problems[7][0] == "会员等级"
    assert problems[8][0] == "卡编码" and "X99" in problems[8][1]
    assert "陈静" in report.present[0].problems[0].reason
    assert (report.members, report.cards) == (2, 2)
    assert counts(core) == before
    # Importing while rows fail imports nothing.
    refused = svc.run(manager, path)
    assert not refused.imported and len(refused.errors) == 4
    assert counts(core) == before


def test_import_only_the_valid_rows_with_their_balances(
    core: Core, owner: Actor, manager: Actor, tmp_path: Path
) -> None:
    setup_shop(core, owner)
    path = write_csv(tmp_path / "members.csv", [*GOOD, *BAD, PRESENT], "utf-8")
    svc = MemberImportService(core)
    report = svc.run(manager, path, only_valid=True)
    assert report.imported and report.encoding == "utf-8"
    assert (report.members, report.cards, len(report.errors)) == (2, 2, 4)
    members = MemberService(core)
    wang = members.by_phone("13800000001")
    assert wang is not None and wang.birthday == date(1985, 3, 2) and wang.tier_name == "白金"
    assert wang.notes == "老顾客" and wang.initials == "wf"
    li = members.by_phone("13900000002")
    assert li is not None and li.birthday == date(1990, 7, 8)
    assert [r.id for r in members.search("wf")] == [wang.id]
    cards = {a.product_name: a for a in CardService(core).accounts_for_member(wang.id)}
    pack, value = cards["清洁10次卡"], cards["储值卡"]
    assert pack.sessions_left == 4 and pack.expires_on == date(2027, 6, 30)
    assert pack.price == Money(60000)  # four sessions at ¥150 each: what a refund starts from
    assert value.principal == Money(120050) and value.bonus == Money(30000)
    assert [e.kind for e in CardService(core).ledger(value.id)] == ["sale", "bonus"]
    assert members.by_phone("13800000004") is None
    [entry] = audit.entries(core.db, action_prefix="member.import")
    assert entry.after is not None and entry.after["members"] == 2
    assert entry.after["skipped_errors"] == 4 and entry.staff_id == manager.staff_id
    # The same file again adds nothing: everyone is on file now.
    before = counts(core)
    again = svc.run(manager, write_csv(tmp_path / "again.csv", GOOD[:1] + GOOD[2:], "utf-8"))
    assert [r.status for r in again.rows] == ["present", "present"] and not again.imported
    assert counts(core) == before


def test_a_gbk_file_is_read(core: Core, owner: Actor, manager: Actor, tmp_path: Path) -> None:
    setup_shop(core, owner)
    path = write_csv(tmp_path / "gbk.csv", GOOD, "gbk")
    report = MemberImportService(core).run(manager, path)
    assert report.encoding == "gbk" and report.imported and report.members == 2
    found = MemberService(core).by_phone("13800000001")
    assert found is not None and found.name == "王芳" and found.notes == "老顾客"


def test_an_xlsx_file_with_numbers_and_dates_in_cells(
    core: Core, owner: Actor, manager: Actor, tmp_path: Path
) -> None:
    setup_shop(core, owner)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "手机", "生日", "卡编码", "剩余本金", "剩余赠送", "接受回访"])
    sheet.append(["吕晓燕", 13800000011, datetime(1992, 1, 31), "V1", 888.8, 0, "是"])
    sheet.append(["吴倩", 13800000012, None, None, None, None, None])
    sheet.append([None] * 7)
    sheet.append(["郑爽", "1380000", None, None, None, None, "也许"])
    path = tmp_path / "members.xlsx"
    book.save(path)
    report = MemberImportService(core).run(manager, path, only_valid=True)
    assert report.encoding == "xlsx" and report.imported
    assert [(r.line, r.status) for r in report.rows] == [(2, "new"), (3, "new"), (5, "error")]
    assert report.errors[0].problems[0].column == "手机"
    lv = MemberService(core).by_phone("13800000011")
    assert lv is not None and lv.birthday == date(1992, 1, 31) and lv.marketing_ok
    assert lv.pinyin == "lvxiaoyan"
    [card] = CardService(core).accounts_for_member(lv.id)
    assert card.principal == Money(88880) and card.bonus == Money(0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("姓名,手机,年龄", "年龄"),
        ("姓名,性别", "手机"),
        ("姓名,手机,手机号", "手机号"),
    ],
)
def test_a_wrong_column_is_refused(
    core: Core, owner: Actor, manager: Actor, tmp_path: Path, header: str, expected: str
) -> None:
    setup_shop(core, owner)
    path = tmp_path / "bad.csv"
    path.write_text(header + "\n王芳,13800000001,30\n", encoding="utf-8")
    before = counts(core)
    with pytest.raises(Invalid) as wrong:
        MemberImportService(core).dry_run(manager, path)
    assert expected in error_text(wrong.value)
    assert counts(core) == before


def test_a_wrong_encoding_is_refused(
    core: Core, owner: Actor, manager: Actor, tmp_path: Path
) -> None:
    setup_shop(core, owner)
    before = counts(core)
    for name, body in (
        ("utf16.csv", (HEADER + "\n" + GOOD[0]).encode("utf-16")),
        ("binary.csv", b"\xff\xfe\xfd\x00\x81" * 20),
        ("fake.xlsx", b"PK\x03\x04 not a workbook"),
    ):
        path = tmp_path / name
        path.write_bytes(body)
        with pytest.raises(Invalid) as wrong:
            MemberImportService(core).run(manager, path)
        assert wrong.value.field == "file"
        text = error_text(wrong.value)
        assert any("\u4e00" <= c <= "\u9fff" for c in text), text
    assert counts(core) == before


def test_the_dry_run_lists_every_problem_of_a_row(
    core: Core, owner: Actor, manager: Actor, tmp_path: Path
) -> None:
    setup_shop(core, owner)
    lines = [
        # row 2: phone with letters, gender unknown, birthday in the future, no such level,
        # no such card and a count that is not a number
        "赵敏,1380000abcd,不详,2030-01-01,钻石,,X99,三次,,,",
        # row 3: only the card is wrong, in two cells
        "李娜,13900000002,女,,,,P10,,十二块,,2026-13-40",
        "王芳,13800000001,女,,,,,,,,",  # row 4: fine
    ]
    report = MemberImportService(core).dry_run(
        manager, write_csv(tmp_path / "m.csv", lines, "utf-8")
    )
    rows = {r.line: r for r in report.rows}
    assert [p.column for p in rows[2].problems] == [
        "手机",
        "性别",
        "生日",
        "会员等级",
        "卡编码",
        "剩余次数",
    ]
    reasons = [p.reason for p in rows[2].problems]
    assert "数字" in reasons[0] and reasons[2] == "生日不能是将来的日期。" and "X99" in reasons[4]
    assert [p.column for p in rows[3].problems] == ["剩余本金", "到期日"]
    assert rows[4].status == "new" and rows[4].problems == ()
