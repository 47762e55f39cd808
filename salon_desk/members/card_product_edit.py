"""A card product from the editor: :func:`checked_product` checks the input before the
transaction opens, :func:`save_product_in` writes the product and the services it is for
inside it. :class:`~salon_desk.members.card_service.CardService` checks the permission
and writes the audit log."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking.models import ServiceItem
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import MAX_FEN
from salon_desk.members.card_ledger import product_row
from salon_desk.members.card_models import (
    CARD_CATEGORIES,
    CARD_KINDS,
    CardProduct,
    CardProductService,
)
from salon_desk.members.card_rows import CardProductInput


def _optional_count(value: int | None, field: str, top: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise Invalid(N_("Enter a whole number from 1 to {n}."), field=field, n=top)
    return value


def checked_product(data: CardProductInput) -> CardProductInput:
    """The input as it will be saved: code and name trimmed, no sessions unless it is a
    session pack, each service once and in order; :class:`Invalid` on the first thing
    that is wrong."""
    code = (data.code or "").strip()
    name = (data.name or "").strip()
    if not code or len(code) > 16:
        raise Invalid(N_("A code has 1 to 16 characters."), field="code")
    if not name or len(name) > 40:
        raise Invalid(N_("A name has 1 to 40 characters."), field="name")
    if data.kind not in CARD_KINDS:
        raise Invalid(N_("Choose a period card, a session pack or stored value."), field="kind")
    if data.category not in CARD_CATEGORIES:
        raise Invalid(N_("Unknown card category: {value}"), field="category", value=data.category)
    for field, amount in (("price", data.price), ("bonus", data.bonus)):
        if not 0 <= amount.fen <= MAX_FEN:
            raise Invalid(N_("Not an amount of money: {text}"), field=field, text=amount.format())
    sessions = data.sessions if data.kind == "sessions" else 0
    if data.kind == "sessions":
        _optional_count(data.sessions, "sessions", 999)
    valid_days = _optional_count(data.valid_days, "valid_days", 3650)
    if data.kind == "period" and valid_days is None:
        raise Invalid(N_("A period card needs its number of days."), field="valid_days")
    per_day = _optional_count(data.per_day_cap, "per_day_cap", 20)
    per_week = _optional_count(data.per_week_cap, "per_week_cap", 100)
    gap = _optional_count(data.min_gap_hours, "min_gap_hours", 24 * 90)
    services = tuple(sorted(set(data.service_ids)))
    if data.kind != "value" and not services:
        raise Invalid(N_("Choose the services this card is for."), field="service_ids")
    if len(data.terms) > 1000:
        raise Invalid(N_("At most {n} characters."), field="terms", n=1000)
    return replace(
        data,
        code=code,
        name=name,
        sessions=sessions,
        valid_days=valid_days,
        per_day_cap=per_day,
        per_week_cap=per_week,
        min_gap_hours=gap,
        service_ids=services,
    )


def save_product_in(
    s: Session, clock: Clock, data: CardProductInput, product_id: int | None
) -> tuple[CardProduct, dict[str, Any] | None]:
    """Write a checked input (:func:`checked_product`) as a new product or over
    ``product_id``; return the product and, for an edit, its row before."""
    known = set(s.scalars(select(ServiceItem.id).where(ServiceItem.id.in_(data.service_ids))))
    if known != set(data.service_ids):
        raise Invalid(N_("No such service."), field="service_ids")
    same = s.scalar(select(CardProduct).where(CardProduct.code == data.code))
    if same is not None and same.id != product_id:
        raise Conflict(N_("The code {code} is already used."), field="code", code=data.code)
    if product_id is None:
        p = CardProduct(created_at=clock.now())
        s.add(p)
        before = None
    else:
        found = s.get(CardProduct, product_id)
        if found is None:
            raise NotFound(N_("No such card product."))
        p = found
        before = asdict(product_row(s, p))
    p.code, p.name, p.kind, p.category = data.code, data.name, data.kind, data.category
    p.price_fen, p.bonus_fen, p.sessions = data.price.fen, data.bonus.fen, data.sessions
    p.valid_days, p.from_first_use = data.valid_days, bool(data.from_first_use)
    p.per_day_cap, p.per_week_cap = data.per_day_cap, data.per_week_cap
    p.min_gap_hours = data.min_gap_hours
    p.terms, p.active = data.terms.strip(), bool(data.active)
    s.flush()
    for link in s.scalars(select(CardProductService).where(CardProductService.product_id == p.id)):
        s.delete(link)
    s.flush()
    for sid in data.service_ids:
        s.add(CardProductService(product_id=p.id, service_id=sid))
    s.flush()
    return p, before
