"""Treatment records: add a visit's measurements, correct one, read them back as a table
and as series for the chart.

An entry for an earlier day needs ``Perm.BACKDATE``; a day in the future is refused. A
correction is a new entry that replaces the old one (which stays, marked as replaced).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, Role, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.members.models import Member
from salon_desk.members.record_models import TreatmentMeasure, TreatmentRecord
from salon_desk.members.record_rules import MEASURES, RECORD_KINDS, measure, read_tenths


@dataclass(frozen=True, slots=True)
class RecordRow:
    id: int
    member_id: int
    kind: str
    day: date
    at: datetime
    staff_id: int | None
    beautician_id: int | None
    beautician_name: str
    notes: str
    values: dict[str, Decimal]  # key → value in the measurement's unit
    replaces_id: int | None


@dataclass(frozen=True, slots=True)
class Point:
    day: date
    value: Decimal


class RecordService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def add(
        self,
        actor: Actor,
        *,
        member_id: int,
        kind: str,
        day: date,
        values: dict[str, str | int | Decimal],
        notes: str = "",
        beautician_id: int | None = None,
        replaces_id: int | None = None,
    ) -> RecordRow:
        if kind not in RECORD_KINDS:
            raise Invalid(N_("Unknown record: {kind}"), field="kind", kind=kind)
        today = local_day(self.core.clock.now(), self.core.settings.tz())
        if day > today:
            raise Invalid(N_("The date cannot be in the future."), field="day")
        if day < today:
            require(actor, Perm.BACKDATE)
        measured = {}
        for key, raw in values.items():
            if raw is None or str(raw).strip() == "":
                continue
            measured[key] = read_tenths(measure(kind, key), raw)
        text = (notes or "").strip()
        if len(text) > 1000:
            raise Invalid(N_("At most {n} characters."), field="notes", n=1000)
        if not measured and not text:
            raise Invalid(N_("Enter at least one measurement or a note."), field="values")
        with self.core.db.tx() as s:
            member = s.get(Member, member_id)
            if member is None or member.erased_at is not None:
                raise NotFound(N_("No such member."))
            if beautician_id is not None:
                b = s.get(Staff, beautician_id)
                if b is None or b.role != Role.BEAUTICIAN.value:
                    raise Invalid(N_("No such beautician."), field="beautician_id")
            if replaces_id is not None:
                old = s.get(TreatmentRecord, replaces_id)
                if old is None or old.member_id != member_id or old.kind != kind:
                    raise NotFound(N_("No such record entry."))
                taken = s.scalar(
                    select(TreatmentRecord.id).where(TreatmentRecord.replaces_id == replaces_id)
                )
                if taken is not None:
                    raise Conflict(N_("This entry has already been corrected."))
            rec = TreatmentRecord(
                member_id=member_id,
                kind=kind,
                day=day,
                at=self.core.clock.now(),
                staff_id=actor.staff_id,
                beautician_id=beautician_id,
                notes=text,
                replaces_id=replaces_id,
            )
            s.add(rec)
            s.flush()
            for key, tenths in measured.items():
                s.add(TreatmentMeasure(record_id=rec.id, key=key, tenths=tenths))
            s.flush()
            if replaces_id is not None or day < today:
                record(
                    s,
                    self.core.clock,
                    actor,
                    "member.record",
                    "treatment_record",
                    rec.id,
                    after={"day": day, "values": measured, "replaces": replaces_id},
                )
            return self._rows(s, [rec])[0]

    def entries(self, member_id: int, kind: str) -> list[RecordRow]:
        """The member's current entries of ``kind`` (replaced ones left out), oldest first."""
        with self.core.db.read() as s:
            recs = list(
                s.scalars(
                    select(TreatmentRecord)
                    .where(TreatmentRecord.member_id == member_id, TreatmentRecord.kind == kind)
                    .order_by(TreatmentRecord.day, TreatmentRecord.id)
                )
            )
            replaced = {r.replaces_id for r in recs if r.replaces_id is not None}
            return self._rows(s, [r for r in recs if r.id not in replaced])

    def series(self, member_id: int, kind: str) -> dict[str, list[Point]]:
        """Every measurement of ``kind`` over time, for the chart (keys in card order)."""
        rows = self.entries(member_id, kind)
        out: dict[str, list[Point]] = {m.key: [] for m in MEASURES[kind]}
        for r in rows:
            for key, value in r.values.items():
                out[key].append(Point(r.day, value))
        return out

    @staticmethod
    def _rows(s: object, recs: list[TreatmentRecord]) -> list[RecordRow]:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        ids = [r.id for r in recs]
        values: dict[int, dict[str, Decimal]] = {i: {} for i in ids}
        if ids:
            for m in s.scalars(select(TreatmentMeasure).where(TreatmentMeasure.record_id.in_(ids))):
                values[m.record_id][m.key] = Decimal(m.tenths) / 10
        names = {
            st.id: st.name
            for st in s.scalars(
                select(Staff).where(
                    Staff.id.in_({r.beautician_id for r in recs if r.beautician_id})
                )
            )
        }
        return [
            RecordRow(
                r.id,
                r.member_id,
                r.kind,
                r.day,
                r.at,
                r.staff_id,
                r.beautician_id,
                names.get(r.beautician_id or 0, ""),
                r.notes,
                values[r.id],
                r.replaces_id,
            )
            for r in recs
        ]
