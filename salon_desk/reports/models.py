"""Tables of the reports: the beauticians' commission rates, and the figures each closed
day's report is made of (:mod:`salon_desk.reports.day_store`).

A rate is a percentage (in basis points) per beautician and per kind of work: a service
the member asked them for by number (点钟), a service given in turn (轮钟), a product sold,
a card sold or topped up. A kind with no row earns no commission. Commission is worked
out with the rates in force when the report is made; every change is in the audit log.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base

#: The kinds of work a commission rate applies to.
COMMISSION_KINDS = ("requested", "rotation", "product", "card")


class CommissionRate(Base):
    __tablename__ = "report_commission_rate"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    rate_bp: Mapped[int]
    set_at: Mapped[datetime]
    set_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (
        CheckConstraint("kind IN ('requested','rotation','product','card')", name="kind"),
        CheckConstraint("rate_bp >= 0 AND rate_bp <= 10000", name="rate"),
    )


class DayFigure(Base):
    """The rows one of a report's grouped statements gave for a closed day, kept when the
    day was closed (its Z report) and written again by whatever may still change them:
    the reports read them instead of the day's sale lines. ``rows`` is a JSON list of the
    statement's rows without their first column, the day."""

    __tablename__ = "report_day_figure"

    day: Mapped[date] = mapped_column(primary_key=True)
    figure: Mapped[str] = mapped_column(String(16), primary_key=True)
    rows: Mapped[str] = mapped_column(Text)
