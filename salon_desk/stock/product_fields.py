"""What a product is made of when it is created or edited, and how it is checked."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.money import MAX_FEN, ZERO, Money
from salon_desk.stock.models import Product
from salon_desk.stock.rules import CATEGORIES, MAX_QTY, check_barcode


@dataclass(frozen=True, slots=True)
class ProductFields:
    brand: str
    name_zh: str
    price: Money
    category: str = "retail"
    name_en: str = ""
    spec: str = ""
    barcode: str | None = None
    cost: Money = ZERO
    member_price: Money | None = None
    reorder_level: int = 0
    cabinet: str = ""
    shelf: int | None = None
    position: int | None = None


FIELD_LABELS = {
    "brand": N_("Brand"),
    "name_zh": N_("Chinese name"),
    "name_en": N_("English name"),
    "spec": N_("Specification"),
    "cabinet": N_("Cabinet"),
}


def _text(value: str, field: str, limit: int, *, required: str | None = None) -> str:
    cleaned = " ".join((value if isinstance(value, str) else "").split())
    if required and not cleaned:
        raise Invalid(required, field=field)
    if any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise Invalid(
            N_("{label} contains characters that cannot be shown."),
            field=field,
            label=Msg(FIELD_LABELS[field]),
        )
    if len(cleaned) > limit:
        raise Invalid(
            N_("{label} is too long (at most {n} characters)."),
            field=field,
            label=Msg(FIELD_LABELS[field]),
            n=limit,
        )
    return cleaned


def _money(value: Money, field: str) -> int:
    if not isinstance(value, Money):
        raise Invalid(N_("Not an amount of money: {text}"), field=field, text=str(value))
    if value.fen < 0:
        raise Invalid(N_("A price cannot be below zero."), field=field)
    if value.fen > MAX_FEN:
        raise Invalid(N_("The amount is too large: {text}"), field=field, text=value.format())
    return value.fen


def _small_int(value: int | None, field: str, *, upper: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= upper:
        raise Invalid(N_("Enter a whole number from 0 to {n}."), field=field, n=upper)
    return value


def check_fields(f: ProductFields) -> dict[str, Any]:
    """Column values for a product, or :class:`Invalid` naming the first wrong field."""
    if f.category not in CATEGORIES:
        raise Invalid(
            N_("Unknown product category: {category}"), field="category", category=str(f.category)
        )
    values: dict[str, Any] = {
        "brand": _text(f.brand, "brand", 40, required=N_("Enter the brand.")),
        "name_zh": _text(f.name_zh, "name_zh", 60, required=N_("Enter the Chinese name.")),
        "name_en": _text(f.name_en, "name_en", 80),
        "spec": _text(f.spec, "spec", 40),
        "barcode": check_barcode(f.barcode),
        "category": f.category,
        "price_fen": _money(f.price, "price"),
        "cost_fen": _money(f.cost, "cost"),
        "member_price_fen": None
        if f.member_price is None
        else _money(f.member_price, "member_price"),
        "reorder_level": _small_int(f.reorder_level, "reorder_level", upper=MAX_QTY) or 0,
        "cabinet": _text(f.cabinet, "cabinet", 20),
        "shelf": _small_int(f.shelf, "shelf", upper=99),
        "position": _small_int(f.position, "position", upper=999),
    }
    if values["member_price_fen"] is not None and values["member_price_fen"] > values["price_fen"]:
        raise Invalid(N_("The member price cannot be above the price."), field="member_price")
    if values["cabinet"] and values["shelf"] is None:
        raise Invalid(N_("Choose the shelf of the cabinet."), field="shelf")
    if not values["cabinet"]:
        values["shelf"] = None
        values["position"] = None
    return values


def unique_barcode(s: Session, barcode: str | None, own_id: int | None) -> None:
    if barcode is None:
        return
    other = s.scalar(select(Product).where(Product.barcode == barcode))
    if other is not None and other.id != own_id:
        raise Conflict(
            N_("Barcode {barcode} is already used by {name}."),
            field="barcode",
            barcode=barcode,
            name=other.name_zh,
        )
