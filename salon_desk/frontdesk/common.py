"""Shared bits of the front-desk services: staff names, time checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.auth import Role
from salon_desk.core.clock import ensure_aware
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff


def names(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    q = select(Staff.id, Staff.name).where(Staff.id.in_(wanted))
    return {row[0]: row[1] for row in s.execute(q)}


def not_future(at: datetime, now: datetime, field: str) -> datetime:
    at = ensure_aware(at)
    if at > now:
        raise Invalid(N_("The time cannot be in the future."), field=field)
    return at


def active_manager(s: Session, staff_id: int | None, field: str) -> Staff:
    """A signed-up manager or owner (lost property is handed to one)."""
    if staff_id is None:
        raise Invalid(N_("Choose the manager it was handed to."), field=field)
    staff = s.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise NotFound(N_("No such staff member."))
    if staff.role not in (Role.MANAGER.value, Role.OWNER.value):
        raise Invalid(N_("Lost property is handed to a manager."), field=field)
    return staff


def active_staff(s: Session, staff_id: int, field: str) -> Staff:
    staff = s.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise Invalid(N_("Choose a staff member who still works here."), field=field)
    return staff
