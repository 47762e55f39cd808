"""The print queue's table: every slip the app sends to a receipt printer.

A job is written inside the transaction of the sale (or refund, or Z report) it prints,
so it exists exactly when that document does; the print worker then moves it from
``queued`` to ``printing`` to ``done`` or ``failed``. Jobs are never deleted: a reprint
is a new job pointing at the one it repeats.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base

JOB_STATUSES = ("queued", "printing", "done", "failed")


class PrintJob(Base):
    __tablename__ = "print_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # receipt, card_refund, z_report, test_page
    ref: Mapped[str] = mapped_column(String(40))  # the document's number
    payload: Mapped[dict[str, Any]]
    station: Mapped[str] = mapped_column(String(64))  # the counter PC whose printer prints it
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    reprint_of: Mapped[int | None] = mapped_column(ForeignKey("print_job.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime]
    printed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("status IN ('queued','printing','done','failed')", name="status"),
        CheckConstraint("attempts >= 0", name="attempts"),
        Index("ix_print_job_station_status", "station", "status"),
        Index("ix_print_job_ref", "kind", "ref"),
        Index("ix_print_job_created_at", "created_at"),
    )
