"""Names of card kinds and categories for the screens (English source, translated where shown)."""

from __future__ import annotations

from salon_desk.core.i18n import N_

KIND_LABELS: dict[str, str] = {
    "period": N_("Period card"),
    "sessions": N_("Session pack"),
    "value": N_("Stored value"),
}
CATEGORY_LABELS: dict[str, str] = {
    "month": N_("Month card"),
    "quarter": N_("Quarter card"),
    "half_year": N_("Half-year card"),
    "year": N_("Year card"),
    "promo": N_("Promotional card"),
    "pack": N_("Session pack"),
    "value": N_("Stored value"),
}
#: The categories that fit each kind, the first being the usual one.
CATEGORIES_OF_KIND: dict[str, tuple[str, ...]] = {
    "period": ("month", "quarter", "half_year", "year", "promo"),
    "sessions": ("pack", "promo"),
    "value": ("value", "promo"),
}
