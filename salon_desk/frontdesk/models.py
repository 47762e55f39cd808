"""Tables of the front-desk logs: visitors, complaints and their history, lost property,
the phone directory with its monthly reviews, and handover notes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base


class Visitor(Base):
    """One visit (来访登记). Signed out once; the time out is never changed after."""

    __tablename__ = "fd_visitor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(20), default="")
    people: Mapped[int]
    reason: Mapped[str] = mapped_column(String(200))
    visiting: Mapped[str] = mapped_column(String(40), default="")
    signed_in_at: Mapped[datetime]
    signed_out_at: Mapped[datetime | None]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    out_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (
        CheckConstraint("people >= 1", name="people"),
        CheckConstraint(
            "signed_out_at IS NULL OR signed_out_at >= signed_in_at", name="out_after_in"
        ),
        Index("ix_fd_visitor_in", "signed_in_at"),
    )


class Complaint(Base):
    """A complaint as registered (投诉登记). Its progress is in :class:`ComplaintStep`."""

    __tablename__ = "fd_complaint"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    customer: Mapped[str] = mapped_column(String(40))
    contact: Mapped[str] = mapped_column(String(40), default="")
    what: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(8))
    received_at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (
        CheckConstraint("severity IN ('low','medium','high')", name="severity"),
        Index("ix_fd_complaint_received", "received_at"),
    )


class ComplaintStep(Base):
    """Append-only history of a complaint: assignment, status, notes, resolution.
    The newest step holds the current status and the person it is assigned to."""

    __tablename__ = "fd_complaint_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("fd_complaint.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (
        CheckConstraint("status IN ('open','in_progress','resolved')", name="status"),
    )


class LostItem(Base):
    """Lost property: found, handed to a manager, claimed once."""

    __tablename__ = "fd_lost_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(100))
    place: Mapped[str] = mapped_column(String(60))
    found_at: Mapped[datetime]
    found_by: Mapped[str] = mapped_column(String(40))
    handed_to: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    claimed_by: Mapped[str | None] = mapped_column(String(40))
    claimed_contact: Mapped[str | None] = mapped_column(String(40))
    claimed_at: Mapped[datetime | None]
    claim_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (Index("ix_fd_lost_item_found", "found_at"),)


class DirectoryEntry(Base):
    """A phone directory line (电话簿). Confidential lines are for managers only."""

    __tablename__ = "fd_directory"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(12))
    phone: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(String(200), default="")
    confidential: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("category IN ('staff','supplier','service')", name="category"),
    )


class DirectoryReview(Base):
    """The directory was checked through (monthly)."""

    __tablename__ = "fd_directory_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))


class HandoverNote(Base):
    """An open item carried from shift to shift until someone closes it."""

    __tablename__ = "fd_handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    closing_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_fd_handover_at", "at"),)
