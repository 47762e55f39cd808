"""The members part of the period report: new and active members, what cards still hold
at the end of the period (checked with raw SQL from the card ledger, to the fen), the top
members by spend, and the section in the PDF, CSV and XLSX files."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text
from test_reports_cards import DAY, _day_of_cards

from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.i18n import set_language
from salon_desk.core.money import Money
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rules import Tender
from salon_desk.reports.service import ReportService

OWED_SQL = """
SELECT COALESCE(SUM(l.principal_after_fen), 0), COALESCE(SUM(l.bonus_after_fen), 0),
       COALESCE(SUM(CASE WHEN a.kind = 'sessions' THEN l.sessions_after ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN a.kind = 'sessions'
         THEN (2 * a.price_fen * l.sessions_after + p.sessions) / (2 * p.sessions)
         ELSE 0 END), 0)
FROM card_ledger l
JOIN card_account a ON a.id = l.account_id
LEFT JOIN card_ledger p ON p.account_id = a.id AND p.kind = 'sale'
WHERE l.id IN (SELECT MAX(id) FROM card_ledger WHERE day <= :d GROUP BY account_id)
"""


def _owed(core: Core, day: date) -> tuple[int, int, int, int]:
    with core.db.read() as s:
        row = s.execute(text(OWED_SQL), {"d": day}).one()
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]))


def test_member_figures_and_cards_owed(
    core: Core, owner: Actor, counter: Actor, tmp_path: Path
) -> None:
    clock = core.clock
    assert isinstance(clock, FixedClock)
    members = MemberService(core)
    clock.advance(timedelta(days=-1))
    members.create(owner, MemberInput(name="老顾客", phone="13700000001"))
    clock.advance(timedelta(days=1))
    _day_of_cards(core, owner, counter)
    walk_in = members.create(owner, MemberInput(name="钱多多", phone="13700000002"))
    t = Ticket()
    t.attach_member(MemberRef(walk_in.id, walk_in.name, walk_in.tier_name, walk_in.tier_bp))
    t.add("product", _serum_id(core), "玻尿酸精华", Money(16800))
    CheckoutService(core).pay(counter, t, [Tender("cash", Money(20000))], str(uuid.uuid4()))

    service = ReportService(core)
    report = service.period(owner, DAY, DAY)
    m = report.members
    assert (m.total, m.new, m.active) == (3, 2, 2)
    o = m.owed
    assert (o.principal.fen, o.bonus.fen, o.sessions, o.sessions_value.fen) == _owed(core, DAY)
    # the 10-pack with 9 left (¥1,782) and the pack of 3 with 1 left (¥33.33)
    assert (o.sessions, o.sessions_value.fen) == (10, 178200 + 3333)
    assert o.cards == 3
    assert (
        o.principal.fen + o.bonus.fen
        == 10000 + 50000 + 5000 - report.cards.principal_used.fen - report.cards.bonus_used.fen
    )
    # 张丽 paid ¥2,680 for cards at the members' desk; 钱多多 ¥168 cash at the register
    assert [(t.name, t.spend.fen, t.visits) for t in m.top] == [
        ("张丽", 268000, 5),
        ("钱多多", 16800, 1),
    ]
    before = service.period(owner, DAY - timedelta(days=1), DAY - timedelta(days=1)).members
    assert (before.total, before.new, before.active, before.owed.cards) == (1, 1, 0, 0)

    set_language("zh_CN")
    joined = "\n".join(
        p.extract_text()
        for p in PdfReader(service.save(owner, report, tmp_path / "m.pdf", "pdf")).pages
    )
    for words in ("新增会员", "会员消费排行", "张丽", "2,680.00", "1,815.33", "未消费储值（本金）"):
        assert words in joined, words
    rows = list(
        csv.reader(
            io.StringIO(
                service.save(owner, report, tmp_path / "m.csv", "csv")
                .read_bytes()
                .decode("utf-8-sig")
            )
        )
    )
    assert ["1", report.members.top[0].number, "张丽", "5", "3", "2680.00"] in rows
    wb = load_workbook(service.save(owner, report, tmp_path / "m.xlsx", "xlsx"))
    assert "会员消费排行" in wb.sheetnames


def _serum_id(core: Core) -> int:
    with core.db.read() as s:
        return int(
            s.execute(text("SELECT id FROM product WHERE barcode = '6901234567892'")).scalar_one()
        )


def test_members_on_file_are_counted_the_same_either_way(core: Core, owner: Actor) -> None:
    """Members on file and new ones, erased ones left out, whichever way the report counts
    them (those who joined before the range's end, or all members less those who joined
    after it and those erased): both agree with the rows, for ranges early and late."""
    from sqlalchemy import func, select

    from salon_desk.core import direct
    from salon_desk.core.clock import local_day_bounds
    from salon_desk.members.models import Member
    from salon_desk.members.privacy_service import MemberPrivacyService
    from salon_desk.reports import member_figures as mf

    clock = core.clock
    assert isinstance(clock, FixedClock)
    members = MemberService(core)
    clock.advance(timedelta(days=-6))
    made = []
    for i in range(6):
        made.append(members.create(owner, MemberInput(name=f"会员{i}", phone=f"1370000010{i}")))
        made.append(members.create(owner, MemberInput(name=f"顾客{i}", phone=f"1370000020{i}")))
        clock.advance(timedelta(days=1))
    MemberPrivacyService(core).erase(owner, made[1].id, "本人要求")
    MemberPrivacyService(core).erase(owner, made[8].id, "本人要求")
    tz = core.settings.tz()
    first = clock.now().astimezone(tz).date() - timedelta(days=7)
    with core.db.read() as s:
        for start in (first + timedelta(days=d) for d in range(9)):
            for end in (start, start + timedelta(days=2)):
                since, until = local_day_bounds(start, tz)[0], local_day_bounds(end, tz)[1]
                on_file = s.scalar(
                    select(func.count()).where(
                        Member.erased_at.is_(None), Member.created_at < until
                    )
                )
                new = s.scalar(
                    select(func.count()).where(
                        Member.erased_at.is_(None),
                        Member.created_at >= since,
                        Member.created_at < until,
                    )
                )
                given = {"since": since, "until": until}
                assert direct.one(s, mf._COUNTS, given) == (on_file, new), (start, end)
                assert direct.one(s, mf._COUNTS_BACK, given) == (on_file, new), (start, end)
                assert mf._member_counts(s, since, until) == (on_file, new)
    report = ReportService(core).period(owner, first + timedelta(days=1), first + timedelta(days=3))
    assert (report.members.total, report.members.new) == (5, 5)


def test_the_last_entries_up_to_a_day_are_found_the_same_either_way(
    core: Core, owner: Actor, counter: Actor
) -> None:
    """Cards owed at the end of a day read each card's last entry up to it by day (a day
    long ago) or by card (a recent day): the same rows, before, on and after the day the
    cards were sold, used and topped up."""
    from salon_desk.core import direct
    from salon_desk.reports import owed_figures as of

    _day_of_cards(core, owner, counter)
    with core.db.read() as s:
        for day in (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)):
            by_day = sorted(direct.rows(s, of._OWED[False], {"end": day}))
            assert sorted(direct.rows(s, of._OWED[True], {"end": day})) == by_day, day
        assert by_day and not direct.rows(s, of._OWED[True], {"end": DAY - timedelta(days=1)})
