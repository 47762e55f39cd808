"""Tables of the appointments side: the service catalogue (项目) and its beauticians.

Also the duty roster (值班表), the day's rotation (轮牌), bookings with their items and
history, the walk-in queue, reminder calls and follow-up calls.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base

SERVICE_CATEGORIES = ("facial", "body", "slimming", "bust", "hair_removal", "spa", "other")


class ServiceItem(Base):
    """A treatment on the price list (项目)."""

    __tablename__ = "service_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(60), default="")
    category: Mapped[str] = mapped_column(String(16))
    duration_min: Mapped[int]
    price_fen: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)
    sort: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        CheckConstraint("price_fen >= 0", name="price"),
        CheckConstraint("duration_min > 0 AND duration_min <= 600", name="duration"),
    )


class ServiceItemStaff(Base):
    """Which beauticians may perform a service. No rows: every beautician may."""

    __tablename__ = "service_item_staff"

    service_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)


# --- roster and rotation -------------------------------------------------------------------
class RosterShift(Base):
    """One beautician's duty on one shop-local day (值班表): from–to, a break, or a day off."""

    __tablename__ = "roster_shift"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    day: Mapped[date]
    day_off: Mapped[bool] = mapped_column(default=False)
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    break_from: Mapped[datetime | None]
    break_until: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    updated_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (
        UniqueConstraint("staff_id", "day"),
        Index("ix_roster_shift_day", "day"),
    )


class RotationDay(Base):
    """The day's rotation (轮牌): who is first on duty. Locked to serialise turn-taking."""

    __tablename__ = "rotation_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    first_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    set_at: Mapped[datetime | None]
    set_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


# --- bookings ----------------------------------------------------------------------------
BOOKING_STATUSES = (
    "booked",
    "arrived",
    "in_service",
    "completed",
    "cancelled",
    "no_show",
    "auto_cancelled",
)
BOOKING_SOURCES = ("phone", "walk_in", "in_person")


class Booking(Base):
    """An appointment (电话预约记录表). Never deleted: its history is in booking_event."""

    __tablename__ = "booking"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    requested: Mapped[bool]  # True: 点钟 (asked by number); False: 轮钟 (next in turn)
    guest_name: Mapped[str] = mapped_column(String(40))
    guest_phone: Mapped[str] = mapped_column(String(20), default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))  # None: a caller
    day: Mapped[date]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="booked")
    overbooked: Mapped[bool] = mapped_column(default=False)
    late_extra_min: Mapped[int] = mapped_column(default=0)
    auto_cancel_waived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    arrived_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # cancelled, no-show or auto-cancelled
    close_reason: Mapped[str | None] = mapped_column(Text)
    sale_ref: Mapped[str | None] = mapped_column(String(40))
    paid_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="span"),
        CheckConstraint(
            "status IN ('booked','arrived','in_service','completed','cancelled','no_show',"
            "'auto_cancelled')",
            name="status",
        ),
        CheckConstraint("source IN ('phone','walk_in','in_person')", name="source"),
        CheckConstraint("late_extra_min >= 0", name="late_extra"),
        Index("ix_booking_day_staff", "day", "staff_id"),
        Index("ix_booking_status_starts", "status", "starts_at"),
        Index("ix_booking_phone", "guest_phone"),
        Index("ix_booking_member_starts", "member_id", "starts_at"),
        # the reports: whether the booking a ticket paid asked for its beautician (点钟),
        # and a range's bookings counted, from the indexes alone
        Index("ix_booking_sale_ref_staff", "sale_ref", "staff_id", "requested"),
        Index("ix_booking_day_figures", "day", "status", "requested", "source", "staff_id"),
    )


class BookingItem(Base):
    """A service on a booking, with its price and duration as booked."""

    __tablename__ = "booking_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id"))
    seq: Mapped[int]
    service_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"))
    duration_min: Mapped[int]
    price_fen: Mapped[int]

    # a booking's items, and their list price for the reports from the index alone
    __table_args__ = (Index("ix_booking_item_booking_price", "booking_id", "price_fen"),)


class BookingEvent(Base):
    """Every state change of a booking: who, when, what (append-only)."""

    __tablename__ = "booking_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id"), index=True)
    at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(24))
    detail: Mapped[str] = mapped_column(Text, default="")


class WalkIn(Base):
    """A walk-in waiting at the counter for the next free beautician."""

    __tablename__ = "walk_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(index=True)
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(20), default="")
    service_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"))
    arrived_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default="waiting")  # waiting/served/left
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    closed_at: Mapped[datetime | None]


# --- calls -------------------------------------------------------------------------------
class ReminderCall(Base):
    """One attempt to remind a member of tomorrow's booking (提早一日提醒)."""

    __tablename__ = "reminder_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))


class FollowUpCall(Base):
    """A planned follow-up call (电话追踪). One per person per day's list."""

    __tablename__ = "follow_up_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    due_day: Mapped[date]
    contact: Mapped[str] = mapped_column(String(20))  # the normalised phone: who is called
    name: Mapped[str] = mapped_column(String(40))
    purpose: Mapped[str] = mapped_column(String(16))
    key_points: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(24))  # "hand" or the rule that suggested it
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"))
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    outcome_at: Mapped[datetime | None]
    outcome_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    next_call_day: Mapped[date | None]

    __table_args__ = (UniqueConstraint("contact", "due_day"),)
