"""The member screen's history pages: visits, purchases and follow-up calls."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desk.booking.calls_service import FOLLOW_UP_OUTCOMES, ORIGINS, PURPOSES
from salon_desk.core.i18n import N_, _
from salon_desk.members.history_service import MemberHistoryService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.history_table import HistoryTable
from salon_desk.ui.widgets.rows_model import Column


def visits_page(ctx: UiContext, parent: QWidget | None = None) -> HistoryTable:
    history = ctx.service(MemberHistoryService)
    return HistoryTable(
        ctx,
        [
            Column(N_("Time"), lambda v: v.at),
            Column(N_("Treatments"), lambda v: v.services),
            Column(N_("Beautician"), lambda v: v.beautician),
            Column(N_("Number"), lambda v: v.ref),
        ],
        history.visits,
        _("No visits yet."),
        parent,
    )


def purchases_page(ctx: UiContext, parent: QWidget | None = None) -> HistoryTable:
    history = ctx.service(MemberHistoryService)
    return HistoryTable(
        ctx,
        [
            Column(N_("Time"), lambda p: p.at),
            Column(N_("Sale number"), lambda p: p.number),
            Column(N_("Total"), lambda p: p.total),
            Column(
                N_("Refunded amount"),
                lambda p: p.refunded if p.refunded else "",
                colour=lambda p: "#9c6b00" if p.refunded else None,
            ),
            Column(N_("Items"), lambda p: p.items),
        ],
        history.purchases,
        _("No purchases yet."),
        parent,
    )


def calls_page(ctx: UiContext, parent: QWidget | None = None) -> HistoryTable:
    history = ctx.service(MemberHistoryService)
    return HistoryTable(
        ctx,
        [
            Column(N_("Call day"), lambda c: c.due_day),
            Column(N_("Purpose"), lambda c: _(PURPOSES.get(c.purpose, c.purpose))),
            Column(N_("Reason"), lambda c: _(ORIGINS.get(c.origin, c.origin))),
            Column(
                N_("Outcome"),
                lambda c: (
                    _(FOLLOW_UP_OUTCOMES[c.outcome])
                    if c.outcome in FOLLOW_UP_OUTCOMES
                    else _("Not called yet")
                ),
            ),
            Column(N_("Key points"), lambda c: c.key_points),
            Column(N_("Note"), lambda c: c.outcome_note),
        ],
        history.calls,
        _("No follow-up calls."),
        parent,
    )
