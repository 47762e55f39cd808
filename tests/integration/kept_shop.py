"""The demo shop with closed days whose report figures are kept, for the tests of the
kept figures: three days traded and closed, today open with a few sales, and tomorrow
members' tickets and a booking in the chair when the day is closed. Also what the kept
rows should be, and the reports built from them and from the rows alone."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import delete, select

from salon_desk import demo
from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.drafts import BookingDraft
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import Booking
from salon_desk.core import direct
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict
from salon_desk.core.money import Money
from salon_desk.members.models import Member
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.demo import FLOAT, counts_for
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.day_store import packed, unpacked
from salon_desk.reports.kept_figures import STATEMENTS
from salon_desk.reports.models import DayFigure
from salon_desk.reports.service import ReportService


def drift(core: Core) -> list[tuple[date, str]]:
    """The (day, statement) whose kept rows are not what the statement gives now."""
    wrong = []
    with core.db.read() as s:
        for day, name, rows in s.execute(select(DayFigure.day, DayFigure.figure, DayFigure.rows)):
            now = direct.rows(s, STATEMENTS[name], {"start": day, "end": day})
            if sorted(map(repr, unpacked(rows))) != sorted(
                map(repr, unpacked(packed(r[1:] for r in now)))
            ):
                wrong.append((day, name))
    return wrong


def bare(report: Any) -> Any:
    return dataclasses.replace(report, header=dataclasses.replace(report.header, printed_at=None))


def reports(core: Core, start: date, end: date) -> list[Any]:
    service = ReportService(core)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    built = [service.build_period(start, end, printed_by="x")]
    built += [service.build_daily(d, printed_by="x") for d in days]
    return [bare(r) for r in built]


def kept_and_live(core: Core, start: date, end: date) -> tuple[list[Any], list[Any]]:
    """The reports from the kept figures, then from the rows alone (the kept ones gone)."""
    kept = reports(core, start, end)
    with core.db.tx() as s:
        s.execute(delete(DayFigure))
    return kept, reports(core, start, end)


def build_shop(core: Core) -> tuple[Core, Actor, date]:
    """The demo shop (three days traded and closed, today open with a few sales), and
    tomorrow two members' tickets on a day then closed."""
    owner = demo.seed(core)
    today = TillService(core).today()
    clock = core.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(days=1))
    till = TillService(core)
    till.open_day(owner, FLOAT)
    product = PickerService(core).products()[0]
    with core.db.read() as s:
        ids = s.scalars(select(Member.id).order_by(Member.id).limit(2)).all()
    found = [MemberService(core).get(i) for i in ids]
    refs = [MemberRef(m.id, m.name, m.tier_name, m.tier_bp) for m in found]
    for i, ref in enumerate([*refs, refs[0]]):
        t = Ticket()
        t.attach_member(ref)
        t.add("product", product.id, product.name, product.price)
        paid = "cash" if i else "wechat"
        CheckoutService(core).pay(owner, t, [Tender(paid, t.priced().total, "1")], str(uuid4()))
    life = LifecycleService(core)
    with core.db.read() as s:
        tomorrows = s.scalars(
            select(Booking.id).where(Booking.day == today + timedelta(days=1))
        ).all()
    for booking_id in tomorrows:  # one in the chair when the day is closed
        try:
            life.arrive(owner, booking_id)
            break
        except Conflict:
            continue
    expected = till.x_report().expected_cash
    till.close_day(owner, counts_for(expected), kept_float=Money(0), note="零钱不足")
    clock.advance(timedelta(days=-1))
    return core, owner, today


def book(core: Core, owner: Actor, day: date, hour: int) -> int:
    tz = core.settings.tz()
    service = PickerService(core).services()[0]
    draft = BookingDraft(
        guest_name="补录顾客",
        guest_phone="13800000000",
        service_ids=(service.id,),
        starts_at=datetime.combine(day, time(hour), tz),
        source="walk_in",
    )
    return BookingService(core).book(owner, draft).id
