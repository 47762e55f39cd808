"""Commission rates (提成) per beautician and kind of work, and commission worked out from
a report's performance figures.

The model: a percentage per staff member for each of four kinds — a service asked for by
number (点钟), a service given in turn (轮钟), products sold, cards sold and topped up.
A service line counts as 点钟 when its sale paid a booking the member made for that
beautician by number; otherwise as 轮钟. Each part is rounded half away from zero to the
fen, then added. Rates are read when the report is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.reports.models import COMMISSION_KINDS, CommissionRate

#: The kinds of work a rate is for (for screens, which do not read table modules).
KINDS = COMMISSION_KINDS

#: The highest rate a manager may set: 100 %.
MAX_BP = 10_000


@dataclass(frozen=True, slots=True)
class RateRow:
    staff_id: int
    number: str
    name: str
    role: str
    rates: dict[str, int]  # kind → basis points; a kind not set is 0


#: Built once: the reports read it with every performance table.
_RATES = select(CommissionRate.staff_id, CommissionRate.kind, CommissionRate.rate_bp)


def rates_in(s: Session, *, reading: bool = False) -> dict[int, dict[str, int]]:
    """Each staff member's rates by kind. ``reading``: a report's read, where nothing is
    pending: straight on the driver; otherwise the session is flushed first, as ever."""
    found: dict[int, dict[str, int]] = {}
    for staff_id, kind, rate_bp in direct.rows(s, _RATES, {}) if reading else s.execute(_RATES):
        found.setdefault(staff_id, {})[kind] = rate_bp
    return found


class CommissionService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def rates(self, actor: Actor) -> list[RateRow]:
        """Every active beautician, then anyone else who has a rate set."""
        require(actor, Perm.REPORTS)
        with self.core.db.read() as s:
            set_ = rates_in(s)
            staff = s.scalars(select(Staff).order_by(Staff.number)).all()
            return [
                RateRow(
                    st.id,
                    st.number,
                    st.name,
                    st.role,
                    {k: set_.get(st.id, {}).get(k, 0) for k in COMMISSION_KINDS},
                )
                for st in staff
                if (st.active and st.role == "beautician") or st.id in set_
            ]

    def set_rate(self, actor: Actor, staff_id: int, kind: str, rate_bp: int) -> RateRow:
        require(actor, Perm.REPORTS)
        if kind not in COMMISSION_KINDS:
            raise Invalid(N_("Unknown kind of commission: {kind}"), field="kind", kind=kind)
        if isinstance(rate_bp, bool) or not isinstance(rate_bp, int) or not 0 <= rate_bp <= MAX_BP:
            raise Invalid(N_("A commission rate is from 0 % to 100 %."), field="rate")
        with self.core.db.tx() as s:
            staff = s.get(Staff, staff_id)
            if staff is None:
                raise NotFound(N_("No such staff member."))
            row = s.get(CommissionRate, (staff_id, kind))
            before = row.rate_bp if row is not None else 0
            if row is None:
                row = CommissionRate(staff_id=staff_id, kind=kind, rate_bp=rate_bp)
                s.add(row)
            row.rate_bp = rate_bp
            row.set_at = self.core.clock.now()
            row.set_by = actor.staff_id
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "commission.rate",
                "staff",
                staff_id,
                before={"kind": kind, "rate_bp": before},
                after={"kind": kind, "rate_bp": rate_bp},
            )
            mine = rates_in(s).get(staff_id, {})
            return RateRow(
                staff.id,
                staff.number,
                staff.name,
                staff.role,
                {k: mine.get(k, 0) for k in COMMISSION_KINDS},
            )
