"""A member's history for the member screen: visits, purchases and follow-up calls.

Purchases are the register's sales that carry the member; visits are the days the member
was served — a booking under the member's phone that was attended, or a sale with a
treatment that no booking accounts for; follow-up calls are filed by phone by the
appointments side. Read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking.models import Booking, BookingItem, FollowUpCall, ServiceItem
from salon_desk.core.context import Core
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.members.models import Member
from salon_desk.pos.models import Refund, Sale, SaleLine

ATTENDED = ("arrived", "in_service", "completed")
LIMIT = 500


@dataclass(frozen=True, slots=True)
class PurchaseRow:
    number: str
    at: datetime
    items: str
    total: Money
    refunded: Money


@dataclass(frozen=True, slots=True)
class VisitRow:
    at: datetime
    day: date
    services: str
    beautician: str
    ref: str  # the booking's or the sale's number


@dataclass(frozen=True, slots=True)
class CallRow:
    due_day: date
    purpose: str  # a key of the appointments side's PURPOSES
    key_points: str
    outcome: str | None
    outcome_note: str
    origin: str = ""  # why it is on the list: a key of the appointments side's ORIGINS


class MemberHistoryService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def purchases(self, member_id: int) -> list[PurchaseRow]:
        with self.core.db.read() as s:
            sales = s.execute(
                select(Sale.id, Sale.number, Sale.at, Sale.total_fen)
                .where(Sale.member_id == member_id)
                .order_by(Sale.at.desc(), Sale.id.desc())
                .limit(LIMIT)
            ).all()
            lines = _lines(s, [x.id for x in sales])
            refunds: dict[int, int] = {}
            for sale_id, total in s.execute(
                select(Refund.sale_id, Refund.total_fen).where(
                    Refund.sale_id.in_([x.id for x in sales])
                )
            ):
                refunds[sale_id] = refunds.get(sale_id, 0) + total
            return [
                PurchaseRow(
                    x.number,
                    x.at,
                    "、".join(_item(ln) for ln in lines.get(x.id, [])),
                    Money(x.total_fen),
                    Money(refunds.get(x.id, 0)),
                )
                for x in sales
            ]

    def visits(self, member_id: int) -> list[VisitRow]:
        with self.core.db.read() as s:
            phone = s.scalar(select(Member.phone).where(Member.id == member_id))
            visits: list[VisitRow] = []
            booked_sales: set[str] = set()
            if phone:
                bookings = s.execute(
                    select(
                        Booking.id,
                        Booking.arrived_at,
                        Booking.starts_at,
                        Booking.day,
                        Booking.number,
                        Booking.sale_ref,
                        Staff.name,
                    )
                    .join(Staff, Staff.id == Booking.staff_id)
                    .where(Booking.guest_phone == phone, Booking.status.in_(ATTENDED))
                    .order_by(Booking.starts_at.desc())
                    .limit(LIMIT)
                ).all()
                names = _booking_services(s, [b.id for b in bookings])
                for b in bookings:
                    if b.sale_ref:
                        booked_sales.add(b.sale_ref)
                    visits.append(
                        VisitRow(
                            b.arrived_at or b.starts_at,
                            b.day,
                            "、".join(names.get(b.id, [])),
                            b.name,
                            b.number,
                        )
                    )
            sales = s.execute(
                select(Sale.id, Sale.at, Sale.day, Sale.number)
                .where(Sale.member_id == member_id)
                .order_by(Sale.at.desc())
                .limit(LIMIT)
            ).all()
            lines = _lines(s, [x.id for x in sales])
            for x in sales:
                treatments = [ln for ln in lines.get(x.id, []) if ln.kind == "service"]
                if treatments and x.number not in booked_sales:
                    visits.append(
                        VisitRow(
                            x.at, x.day, "、".join(_item(ln) for ln in treatments), "", x.number
                        )
                    )
            visits.sort(key=lambda v: v.at, reverse=True)
            return visits[:LIMIT]

    def calls(self, member_id: int) -> list[CallRow]:
        with self.core.db.read() as s:
            m = s.get(Member, member_id)
            if m is None or not m.phone:
                return []
            return [
                CallRow(c.due_day, c.purpose, c.key_points, c.outcome, c.outcome_note, c.origin)
                for c in s.scalars(
                    select(FollowUpCall)
                    .where(FollowUpCall.contact == m.phone)
                    .order_by(FollowUpCall.due_day.desc(), FollowUpCall.id.desc())
                    .limit(LIMIT)
                )
            ]


class _Line(NamedTuple):
    kind: str
    name: str
    qty: int


def _lines(s: Session, sale_ids: list[int]) -> dict[int, list[_Line]]:
    """The lines of each sale in order: only what the history shows of them."""
    out: dict[int, list[_Line]] = {}
    if not sale_ids:
        return out
    for sale_id, kind, name, qty in s.execute(
        select(SaleLine.sale_id, SaleLine.kind, SaleLine.name, SaleLine.qty)
        .where(SaleLine.sale_id.in_(sale_ids))
        .order_by(SaleLine.seq)
    ):
        out.setdefault(sale_id, []).append(_Line(kind, name, qty))
    return out


def _item(ln: _Line) -> str:
    return ln.name if ln.qty == 1 else f"{ln.name}×{ln.qty}"


def _booking_services(s: Session, booking_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if not booking_ids:
        return out
    for booking_id, name in s.execute(
        select(BookingItem.booking_id, ServiceItem.name_zh)
        .join(ServiceItem, ServiceItem.id == BookingItem.service_id)
        .where(BookingItem.booking_id.in_(booking_ids))
        .order_by(BookingItem.booking_id, BookingItem.seq)
    ):
        out.setdefault(booking_id, []).append(name)
    return out
