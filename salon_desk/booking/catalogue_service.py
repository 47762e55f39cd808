"""The service catalogue and price list (项目, 各项服务收费标准), edited by managers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from salon_desk.booking import queries
from salon_desk.booking.models import SERVICE_CATEGORIES, ServiceItem, ServiceItemStaff
from salon_desk.booking.rows import ServiceRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, Role, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import MAX_FEN, Money

_CODE = re.compile(r"^[0-9A-Za-z\-]{1,16}$")


@dataclass(frozen=True, slots=True)
class ServiceDraft:
    """What the price-list form sends."""

    code: str
    name_zh: str
    name_en: str
    category: str
    duration_min: int
    price: Money
    staff_ids: tuple[int, ...] = ()
    sort: int | None = None  # None: keep the place it has (a new service goes first)


class CatalogueService:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- queries -------------------------------------------------------------------
    def list(self, *, active_only: bool = True) -> list[ServiceRow]:
        with self.core.db.read() as s:
            return queries.services(s, active_only=active_only)

    def get(self, service_id: int) -> ServiceRow:
        with self.core.db.read() as s:
            item = s.get(ServiceItem, service_id)
            if item is None:
                raise NotFound(N_("No such service."))
            return queries.service_row(item, _staff_ids(s, service_id))

    # --- changes -------------------------------------------------------------------
    def create(self, actor: Actor, draft: ServiceDraft) -> ServiceRow:
        require(actor, Perm.CATALOGUE_EDIT)
        clean = _validate(draft)
        with self.core.db.tx() as s:
            _check_staff(s, clean.staff_ids)
            if s.scalar(select(ServiceItem.id).where(ServiceItem.code == clean.code)):
                raise Conflict(
                    N_("Service code {code} is already taken."), field="code", code=clean.code
                )
            item = ServiceItem(code=clean.code)
            _apply(item, clean)
            s.add(item)
            s.flush()
            _set_staff(s, item.id, clean.staff_ids)
            row = queries.service_row(item, clean.staff_ids)
            record(
                s, self.core.clock, actor, "service.create", "service_item", item.id, after=_a(row)
            )
            return row

    def update(self, actor: Actor, service_id: int, draft: ServiceDraft) -> ServiceRow:
        require(actor, Perm.CATALOGUE_EDIT)
        clean = _validate(draft)
        with self.core.db.tx() as s:
            item = s.get(ServiceItem, service_id, with_for_update=True)
            if item is None:
                raise NotFound(N_("No such service."))
            _check_staff(s, clean.staff_ids)
            clash = s.scalar(
                select(ServiceItem.id).where(
                    ServiceItem.code == clean.code, ServiceItem.id != service_id
                )
            )
            if clash:
                raise Conflict(
                    N_("Service code {code} is already taken."), field="code", code=clean.code
                )
            before = queries.service_row(item, _staff_ids(s, service_id))
            item.code = clean.code
            _apply(item, clean)
            _set_staff(s, item.id, clean.staff_ids)
            after = queries.service_row(item, clean.staff_ids)
            record(
                s,
                self.core.clock,
                actor,
                "service.update",
                "service_item",
                item.id,
                before=_a(before),
                after=_a(after),
            )
            return after

    def set_active(self, actor: Actor, service_id: int, active: bool) -> ServiceRow:
        require(actor, Perm.CATALOGUE_EDIT)
        with self.core.db.tx() as s:
            item = s.get(ServiceItem, service_id, with_for_update=True)
            if item is None:
                raise NotFound(N_("No such service."))
            before = item.active
            item.active = active
            record(
                s,
                self.core.clock,
                actor,
                "service.active",
                "service_item",
                item.id,
                before={"active": before},
                after={"active": active},
            )
            return queries.service_row(item, _staff_ids(s, service_id))


def _validate(d: ServiceDraft) -> ServiceDraft:
    code = (d.code or "").strip().upper()
    name_zh = (d.name_zh or "").strip()
    name_en = (d.name_en or "").strip()
    if not _CODE.match(code):
        raise Invalid(N_("A service code is 1 to 16 letters, digits or dashes."), field="code")
    if not name_zh:
        raise Invalid(N_("Enter the Chinese name of the service."), field="name_zh")
    if len(name_zh) > 40:
        raise Invalid(N_("The name is too long (at most {n} characters)."), field="name_zh", n=40)
    if len(name_en) > 60:
        raise Invalid(N_("The name is too long (at most {n} characters)."), field="name_en", n=60)
    if d.category not in SERVICE_CATEGORIES:
        raise Invalid(N_("Choose a category."), field="category")
    if isinstance(d.duration_min, bool) or not isinstance(d.duration_min, int):
        raise Invalid(N_("The duration is whole minutes."), field="duration_min")
    if not 15 <= d.duration_min <= 600 or d.duration_min % 15:
        raise Invalid(
            N_("The duration is 15 to 600 minutes, in steps of 15."), field="duration_min"
        )
    if not isinstance(d.price, Money) or d.price.fen < 0 or d.price.fen > MAX_FEN:
        raise Invalid(N_("Enter a price of zero or more."), field="price")
    return ServiceDraft(
        code,
        name_zh,
        name_en,
        d.category,
        d.duration_min,
        d.price,
        tuple(sorted(set(d.staff_ids))),
        d.sort,
    )


def _apply(item: ServiceItem, d: ServiceDraft) -> None:
    item.name_zh = d.name_zh
    item.name_en = d.name_en
    item.category = d.category
    item.duration_min = d.duration_min
    item.price_fen = d.price.fen
    if d.sort is not None or item.sort is None:
        item.sort = d.sort or 0
    if item.active is None:
        item.active = True


def _check_staff(s: Session, staff_ids: Sequence[int]) -> None:
    if not staff_ids:
        return
    found = set(
        s.scalars(
            select(Staff.id).where(Staff.id.in_(staff_ids), Staff.role == Role.BEAUTICIAN.value)
        )
    )
    if set(staff_ids) - found:
        raise Invalid(N_("Only beauticians can perform a service."), field="staff_ids")


def _staff_ids(s: Session, service_id: int) -> list[int]:
    return list(
        s.scalars(
            select(ServiceItemStaff.staff_id).where(ServiceItemStaff.service_id == service_id)
        )
    )


def _set_staff(s: Session, service_id: int, staff_ids: Sequence[int]) -> None:
    s.execute(delete(ServiceItemStaff).where(ServiceItemStaff.service_id == service_id))
    for staff_id in staff_ids:
        s.add(ServiceItemStaff(service_id=service_id, staff_id=staff_id))
    s.flush()


def _a(row: ServiceRow) -> dict[str, object]:
    return {
        "code": row.code,
        "name_zh": row.name_zh,
        "name_en": row.name_en,
        "category": row.category,
        "duration_min": row.duration_min,
        "price_fen": row.price.fen,
        "active": row.active,
        "staff_ids": list(row.staff_ids),
    }
