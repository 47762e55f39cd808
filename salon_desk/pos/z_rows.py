"""A Z report row as the services return it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.pos.days import figures_from_json
from salon_desk.pos.method_counts import method_rows
from salon_desk.pos.models import ZReport
from salon_desk.pos.rows import ZReportRow


def staff_name(s: Session, staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    return s.scalar(select(Staff.name).where(Staff.id == staff_id)) or ""


def z_row(z: ZReport, staff_name: str) -> ZReportRow:
    figures = figures_from_json(z.figures)
    return ZReportRow(
        number=z.number,
        day=z.day,
        at=z.at,
        staff_name=staff_name,
        figures=figures,
        counted=Money(z.counted_fen),
        expected=Money(z.expected_fen),
        over_short=Money(z.over_short_fen),
        kept_float=Money(z.kept_float_fen),
        to_safe=Money(z.to_safe_fen),
        note=z.note,
        handover=z.handover,
        counts={int(k): int(v) for k, v in z.counts.items()},
        methods=method_rows(figures, z.method_counts),
    )
