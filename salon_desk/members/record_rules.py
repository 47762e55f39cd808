"""What each treatment record measures, and how a typed value is read."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_, Msg


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    label: str  # N_() English, translated where shown
    unit: str  # "kg", "cm", "%"
    low: int  # tenths
    high: int  # tenths


RECORD_KINDS: dict[str, str] = {
    "slimming": N_("Slimming record"),
    "bust": N_("Bust-care record"),
    "skin": N_("Skin record"),
}

MEASURES: dict[str, tuple[Measure, ...]] = {
    "slimming": (
        Measure("weight", N_("Weight"), "kg", 200, 3000),
        Measure("waist", N_("Waist"), "cm", 300, 2000),
        Measure("abdomen", N_("Abdomen"), "cm", 300, 2000),
        Measure("hip", N_("Hip"), "cm", 300, 2000),
        Measure("thigh_left", N_("Left thigh"), "cm", 200, 1200),
        Measure("thigh_right", N_("Right thigh"), "cm", 200, 1200),
        Measure("upper_arm", N_("Upper arm"), "cm", 100, 800),
    ),
    "bust": (
        Measure("upper_bust", N_("Upper bust"), "cm", 500, 2000),
        Measure("under_bust", N_("Under bust"), "cm", 400, 2000),
        Measure("bust_gap", N_("Gap between the breasts"), "cm", 0, 500),
    ),
    "skin": (
        Measure("moisture", N_("Moisture"), "%", 0, 1000),
        Measure("oil", N_("Oil"), "%", 0, 1000),
        Measure("elasticity", N_("Elasticity"), "%", 0, 1000),
    ),
}


def measure(kind: str, key: str) -> Measure:
    for m in MEASURES.get(kind, ()):
        if m.key == key:
            return m
    raise Invalid(N_("Unknown measurement: {key}"), field=key, key=key)


def read_tenths(m: Measure, raw: str | int | Decimal) -> int:
    """``"65.5"`` → 655, within the measurement's range; full-width digits accepted."""
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise Invalid(
            N_("{what}: not a number: {value}"), field=m.key, what=Msg(m.label), value=text
        ) from exc
    if not value.is_finite() or value * 10 != (value * 10).to_integral_value():
        raise Invalid(
            N_("{what}: one decimal place at most: {value}"),
            field=m.key,
            what=Msg(m.label),
            value=text,
        )
    tenths = int(value * 10)
    if not m.low <= tenths <= m.high:
        raise Invalid(
            N_("{what}: between {low} and {high} {unit}."),
            field=m.key,
            what=Msg(m.label),
            low=f"{m.low / 10:g}",
            high=f"{m.high / 10:g}",
            unit=m.unit,
        )
    return tenths
