"""Complaints (投诉登记): registered, passed on at once to whom it is assigned, followed
through an append-only history of steps, and summarised each month for the manager."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day_bounds
from salon_desk.core.context import Core
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.frontdesk import rules
from salon_desk.frontdesk.common import active_staff, names
from salon_desk.frontdesk.models import Complaint, ComplaintStep
from salon_desk.frontdesk.rows import ComplaintRow, ComplaintStepRow, ComplaintSummary


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _rows(s: Session, complaints: list[Complaint], *, with_steps: bool) -> list[ComplaintRow]:
    if not complaints:
        return []
    ids = [c.id for c in complaints]
    q = select(ComplaintStep).where(ComplaintStep.complaint_id.in_(ids))
    steps: dict[int, list[ComplaintStep]] = {}
    for step in s.scalars(q.order_by(ComplaintStep.id)):
        steps.setdefault(step.complaint_id, []).append(step)
    who = names(
        s,
        [c.staff_id for c in complaints]
        + [x for st in steps.values() for p in st for x in (p.staff_id, p.assigned_to)],
    )
    out = []
    for c in complaints:
        history = steps[c.id]
        last = history[-1]
        resolved = last.status == "resolved"
        out.append(
            ComplaintRow(
                c.id,
                c.number,
                c.customer,
                c.contact,
                c.what,
                c.severity,
                c.received_at,
                who.get(c.staff_id, ""),
                last.status,
                last.assigned_to,
                who.get(last.assigned_to, "") if last.assigned_to else "",
                last.at,
                last.note if resolved else "",
                last.at if resolved else None,
                tuple(
                    ComplaintStepRow(
                        p.id,
                        p.status,
                        p.assigned_to,
                        who.get(p.assigned_to, "") if p.assigned_to else "",
                        p.note,
                        p.at,
                        who.get(p.staff_id, ""),
                    )
                    for p in history
                )
                if with_steps
                else (),
            )
        )
    return out


class ComplaintService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def register(
        self,
        actor: Actor,
        *,
        customer: str,
        contact: str,
        what: str,
        severity: str,
        assigned_to: int | None = None,
    ) -> ComplaintRow:
        values = {
            "customer": rules.text(customer, N_("Customer"), "customer", limit=40),
            "contact": rules.text(contact, N_("Contact"), "contact", limit=40, required=False),
            "what": rules.text(what, N_("What happened"), "what", limit=2000),
            "severity": rules.choice(severity, rules.SEVERITIES, "severity"),
        }
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            if assigned_to is not None:
                active_staff(s, assigned_to, "assigned_to")
            number = next_number(s, "complaint", now.astimezone(self.core.settings.tz()).date())
            c = Complaint(**values, number=number, received_at=now, staff_id=actor.staff_id)
            s.add(c)
            s.flush()
            s.add(
                ComplaintStep(
                    complaint_id=c.id,
                    status="open",
                    assigned_to=assigned_to,
                    note="",
                    at=now,
                    staff_id=actor.staff_id,
                )
            )
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "complaint.registered",
                "complaint",
                c.id,
                after={**values, "number": number, "assigned_to": assigned_to},
            )
            return _rows(s, [c], with_steps=True)[0]

    def update(
        self,
        actor: Actor,
        complaint_id: int,
        *,
        status: str,
        note: str = "",
        assigned_to: int | None = None,
    ) -> ComplaintRow:
        """A new step: passed on, in progress, resolved (needs the resolution), reopened."""
        status = rules.choice(status, rules.STATUSES, "status")
        note = rules.text(note, N_("Note"), "note", limit=2000, required=False)
        if status == "resolved" and not note:
            raise Invalid(N_("Write down how the complaint was resolved."), field="note")
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            c = s.get(Complaint, complaint_id, with_for_update=True)
            if c is None:
                raise NotFound(N_("No such complaint."))
            last = s.scalars(
                select(ComplaintStep)
                .where(ComplaintStep.complaint_id == c.id)
                .order_by(ComplaintStep.id.desc())
                .limit(1)
            ).one()
            if last.status == "resolved" and status == "resolved":
                raise Conflict(N_("This complaint is already resolved."))
            if assigned_to is not None and assigned_to != last.assigned_to:
                active_staff(s, assigned_to, "assigned_to")
            assignee = assigned_to if assigned_to is not None else last.assigned_to
            if status == last.status and assignee == last.assigned_to and not note:
                raise Invalid(N_("Nothing has changed: write a note."), field="note")
            s.add(
                ComplaintStep(
                    complaint_id=c.id,
                    status=status,
                    assigned_to=assignee,
                    note=note,
                    at=now,
                    staff_id=actor.staff_id,
                )
            )
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                f"complaint.{status}",
                "complaint",
                c.id,
                before={"status": last.status, "assigned_to": last.assigned_to},
                after={"status": status, "assigned_to": assignee, "note": note},
            )
            return _rows(s, [c], with_steps=True)[0]

    def get(self, complaint_id: int) -> ComplaintRow:
        with self.core.db.read() as s:
            c = s.get(Complaint, complaint_id)
            if c is None:
                raise NotFound(N_("No such complaint."))
            return _rows(s, [c], with_steps=True)[0]

    def recent(self, *, limit: int = 200) -> list[ComplaintRow]:
        with self.core.db.read() as s:
            q = select(Complaint).order_by(Complaint.received_at.desc(), Complaint.id.desc())
            return _rows(s, list(s.scalars(q.limit(limit))), with_steps=False)

    def open_complaints(self) -> list[ComplaintRow]:
        """Not yet resolved, the most severe and oldest first (shown to managers)."""
        order = {"high": 0, "medium": 1, "low": 2}
        rows = [c for c in self.recent(limit=1000) if c.status != "resolved"]
        return sorted(rows, key=lambda c: (order[c.severity], c.received_at))

    def summary(self, month: date) -> ComplaintSummary:
        first = month_start(month)
        tz = self.core.settings.tz()
        start = local_day_bounds(first, tz)[0]
        end = local_day_bounds(next_month(first), tz)[0]
        with self.core.db.read() as s:
            q = (
                select(Complaint)
                .where(Complaint.received_at >= start, Complaint.received_at < end)
                .order_by(Complaint.received_at, Complaint.id)
            )
            rows = _rows(s, list(s.scalars(q)), with_steps=False)
        by_severity = {k: sum(r.severity == k for r in rows) for k in rules.SEVERITIES}
        by_status = {k: sum(r.status == k for r in rows) for k in rules.STATUSES}
        return ComplaintSummary(first, len(rows), by_severity, by_status, tuple(rows))

    def summary_pdf(
        self, actor: Actor, month: date, path: Path, *, font_path: str | None = None
    ) -> ComplaintSummary:
        """The month's complaint summary for the manager, written to ``path``."""
        require(actor, Perm.REPORTS)
        summary = self.summary(month)
        from salon_desk.frontdesk.complaint_pdf import write_summary

        write_summary(
            path,
            summary,
            shop=str(self.core.settings.get("shop.name")),
            tz=self.core.settings.tz(),
            font_path=font_path or self.core.settings.get("pdf.font"),
        )
        with self.core.db.tx() as s:
            record(
                s,
                self.core.clock,
                actor,
                "complaint.summary_pdf",
                "complaint",
                None,
                after={"month": summary.month.isoformat(), "total": summary.total},
            )
        return summary
