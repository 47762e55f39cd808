"""Tables of the appointments side: the service catalogue (项目) and its beauticians.

The roster, rotation and bookings tables join this module as they are built.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
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
