"""Treatment records (瘦身记录卡、丰胸记录卡、皮肤记录): dated measurements per visit.

An entry is never edited: a correction is a new entry that names the one it replaces.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base


class TreatmentRecord(Base):
    __tablename__ = "treatment_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[str] = mapped_column(String(12))
    day: Mapped[date]  # the visit, shop-local
    at: Mapped[datetime]  # when it was written down
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    beautician_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_record.id"), unique=True)

    __table_args__ = (
        CheckConstraint("kind IN ('slimming','bust','skin')", name="kind"),
        Index("ix_treatment_record_member", "member_id", "kind", "day"),
    )


class TreatmentMeasure(Base):
    """One measurement of an entry, in tenths of its unit (65.5 kg is 655)."""

    __tablename__ = "treatment_measure"

    record_id: Mapped[int] = mapped_column(ForeignKey("treatment_record.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    tenths: Mapped[int]
