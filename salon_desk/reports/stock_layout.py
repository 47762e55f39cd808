"""The stock count section of a report's layout (see :mod:`salon_desk.reports.layout`)."""

from __future__ import annotations

from salon_desk.core.i18n import _
from salon_desk.reports.layout import Column, Section, Table
from salon_desk.reports.model import StockCountFigures
from salon_desk.stock.rules import LOCATIONS, VARIANCE_REASONS


def stock_section(st: StockCountFigures) -> Section:
    rows = tuple(
        (
            v.count_number,
            v.product,
            _(LOCATIONS.get(v.location, v.location)),
            v.expected,
            v.counted,
            v.variance,
            v.value,
            " ".join(
                part for part in (_(VARIANCE_REASONS[v.reason]) if v.reason else "", v.note) if part
            ),
        )
        for v in st.variances
    )
    table = Table(
        "stock_variances",
        _("Stock count differences"),
        (
            Column(_("Count"), width=1.2),
            Column(_("Product"), width=2.2),
            Column(_("Location"), width=0.9),
            Column(_("Books"), "int", 0.6),
            Column(_("Counted"), "int", 0.6),
            Column(_("Difference"), "int", 0.7),
            Column(_("Value at cost"), "money", 1.0),
            Column(_("Reason"), width=1.2),
        ),
        rows,
        total=(_("Total"), "", "", "", "", sum(v.variance for v in st.variances), st.net, "")
        if rows
        else None,
        empty=_("No stock count was posted.")
        if not st.counts
        else _("Every counted product matched the books."),
    )
    notes: tuple[str, ...] = ()
    if st.counts:
        notes = (
            _(
                "Counts posted: {numbers}; {lines} lines counted; short {short}, "
                "over {over}, net {net}.",
                numbers=", ".join(st.counts),
                lines=st.lines_counted,
                short=st.shortage.format(),
                over=st.surplus.format(),
                net=st.net.format(),
            ),
        )
    return Section(_("Stock count (前台产品盘点)"), (table,), (), notes)
