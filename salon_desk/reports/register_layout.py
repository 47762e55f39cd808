"""The register's part of a report laid out as tables and charts: takings by tender,
sales by kind, discounts and vouchers, refunds and voids, the drawer, beauticians and
the cash count."""

from __future__ import annotations

from datetime import datetime

from salon_desk.core.i18n import N_, _
from salon_desk.core.money import Money
from salon_desk.pos.rules import TENDERS
from salon_desk.reports.layout import Chart, Column, Section, Table
from salon_desk.reports.model import CashCount, DrawerEntry, RefundEntry, RegisterFigures

REFUND_KINDS = {"void": N_("Void"), "refund": N_("Refund")}
DRAWER_KINDS = {
    "no_sale": N_("Drawer opened, no sale"),
    "paid_in": N_("Paid in"),
    "paid_out": N_("Paid out"),
    "card_back": N_("Card refund paid out"),
}


def _time(at: datetime) -> str:
    return at.strftime("%m-%d %H:%M")


def takings_section(r: RegisterFigures, *, charts: bool) -> Section:
    cards_back = Money(sum(t.card_refunds.fen for t in r.tenders))  # 退卡, any method
    summary = Table(
        "sales",
        _("Sales summary"),
        (Column(_("Item"), width=2.0), Column(_("Amount"), "money")),
        (
            (_("Sales (tickets): {n}", n=r.sales), r.total),
            (_("Services"), r.services),
            (_("Products"), r.products),
            *(
                (
                    (
                        _("Cards sold and topped up on tickets (see Treatment cards)"),
                        r.cards_on_tickets,
                    ),
                )
                if r.cards_on_tickets
                else ()
            ),
            (_("List price before discounts"), r.gross),
            (_("Refunds and voids"), -r.refunded),
            *(((_("Card refunds paid back"), -cards_back),) if cards_back else ()),
            (_("Takings (money in less money paid back)"), r.takings),
        ),
    )
    tenders = Table(
        "tenders",
        _("Takings by payment method"),
        (
            Column(_("Payment method"), width=1.6),
            Column(_("Money in"), "money"),
            Column(_("Paid back"), "money"),
            *((Column(_("Card refunds paid back"), "money"),) if cards_back else ()),
            Column(_("Net"), "money"),
        ),
        tuple(
            (
                _(TENDERS.get(t.tender, t.tender)),
                t.received,
                t.refunded,
                *((t.card_refunds,) if cards_back else ()),
                t.net,
            )
            for t in r.tenders
        ),
        total=(
            _("Total"),
            Money(sum(t.received.fen for t in r.tenders)),
            Money(sum(t.refunded.fen for t in r.tenders)),
            *((cards_back,) if cards_back else ()),
            r.takings,
        )
        if r.tenders
        else None,
        empty=_("No money was taken."),
    )
    pictures: tuple[Chart, ...] = ()
    if charts and r.sales:
        hours = [h for h, v in enumerate(r.sales_by_hour) if v]
        shown = range(min([9, *hours]), max([20, *hours]) + 1)
        pictures = (
            Chart(
                "sales_by_hour",
                _("Sales by hour (yuan)"),
                "bar",
                tuple(str(h) for h in shown),
                tuple(r.sales_by_hour[h] for h in shown),
                money=True,
            ),
            Chart(
                "tender_mix",
                _("Payment methods"),
                "pie",
                tuple(_(TENDERS.get(t.tender, t.tender)) for t in r.tenders),
                tuple(max(t.net.fen, 0) for t in r.tenders),
                money=True,
            ),
        )
    return Section(_("Takings and sales"), (summary, tenders), pictures)


def discounts_table(r: RegisterFigures) -> Table:
    vouchers = Money(sum(t.net.fen for t in r.tenders if t.tender == "voucher"))
    return Table(
        "discounts",
        _("Discounts, vouchers and gifts"),
        (Column(_("Item"), width=2.0), Column(_("Count"), "int"), Column(_("Amount"), "money")),
        (
            (_("Member discount"), "", r.member_discount),
            (_("Line discounts"), "", r.line_discount),
            (_("Ticket discounts"), "", r.ticket_discount),
            (_("Cash vouchers (抵用券)"), r.cash_vouchers, vouchers),
            (_("Trial vouchers (体验券)"), r.trial_vouchers, ""),
            (_("Gifts (赠品)"), r.gifts, ""),
        ),
    )


def refunds_table(entries: tuple[RefundEntry, ...], refunded: Money) -> Table:
    return Table(
        "refunds",
        _("Refunds and voids"),
        (
            Column(_("Number"), width=1.3),
            Column(_("Void or refund"), width=0.6),
            Column(_("Sale"), width=1.3),
            Column(_("Time"), width=0.9),
            Column(_("Handled by"), width=1.0),
            Column(_("Authorised by"), width=1.0),
            Column(_("Reason"), width=1.5),
            Column(_("Amount"), "money", 0.9),
        ),
        tuple(
            (
                x.number,
                _(REFUND_KINDS.get(x.kind, x.kind)),
                x.sale_number,
                _time(x.at),
                x.staff,
                x.authorised_by,
                x.reason,
                x.amount,
            )
            for x in entries
        ),
        total=(_("Total"), "", "", "", "", "", "", refunded) if entries else None,
        empty=_("No refund or void."),
    )


def drawer_table(entries: tuple[DrawerEntry, ...]) -> Table:
    return Table(
        "drawer",
        _("Drawer opened without a sale, paid in and out"),
        (
            Column(_("Time"), width=0.9),
            Column(_("Drawer event"), width=1.4),
            Column(_("Handled by"), width=1.0),
            Column(_("Authorised by"), width=1.0),
            Column(_("Reason"), width=2.0),
            Column(_("Amount"), "money", 0.9),
        ),
        tuple(
            (
                _time(e.at),
                _(DRAWER_KINDS.get(e.kind, e.kind)),
                e.staff,
                e.authorised_by,
                e.reason,
                e.amount,
            )
            for e in entries
        ),
        empty=_("The drawer was opened only for sales."),
    )


def drawer_notes(entries: tuple[DrawerEntry, ...]) -> tuple[str, ...]:
    opened = sum(1 for e in entries if e.kind == "no_sale")
    if opened:
        return (_("The drawer was opened {n} times without a sale.", n=opened),)
    return ()


def exceptions_section(r: RegisterFigures) -> Section:
    return Section(
        _("Discounts, refunds and the drawer"),
        (discounts_table(r), refunds_table(r.refunds, r.refunded), drawer_table(r.drawer)),
        (),
        drawer_notes(r.drawer),
    )


def beauticians_table(r: RegisterFigures) -> Table:
    b = r.by_beautician
    rated = [x.commission for x in b if x.commission is not None]
    return Table(
        "performance",
        _("Performance by beautician and seller"),
        (
            Column(_("Beautician no."), width=0.6),
            Column(_("Name"), width=0.9),
            Column(_("Requested (点钟)"), "int", 0.8),
            Column(_("In turn (轮钟)"), "int", 0.8),
            Column(_("Service sales"), "money"),
            Column(_("Products sold"), "int", 0.7),
            Column(_("Product sales"), "money"),
            Column(_("Card sales"), "money"),
            Column(_("Commission"), "money"),
        ),
        tuple(
            (
                x.number,
                x.name,
                x.requested,
                x.rotation,
                x.service_value,
                x.products,
                x.product_value,
                x.card_value,
                x.commission if x.commission is not None else _("no rate"),
            )
            for x in b
        ),
        total=(
            _("Total"),
            "",
            sum(x.requested for x in b),
            sum(x.rotation for x in b),
            Money(sum(x.service_value.fen for x in b)),
            sum(x.products for x in b),
            Money(sum(x.product_value.fen for x in b)),
            Money(sum(x.card_value.fen for x in b)),
            Money(sum(m.fen for m in rated)),
        )
        if b
        else None,
        empty=_("Nothing was sold."),
    )


def cash_section(cash: CashCount | None, till_opened: bool) -> Section:
    if cash is None:
        note = (
            _("The day is not closed: there is no Z report yet, so there is no cash count.")
            if till_opened
            else _("The till was not opened this day.")
        )
        empty = Table("cash", _("Cash count (Z report)"), (Column(_("Item")),), (), empty=note)
        return Section(_("Cash count (Z report)"), (empty,))
    table = Table(
        "cash",
        _("Cash count (Z report {number})", number=cash.z_number),
        (Column(_("Item"), width=2.0), Column(_("Amount"), "money")),
        (
            (_("Opening float"), cash.opening_float),
            (_("Cash expected in the drawer"), cash.expected),
            (_("Cash counted"), cash.counted),
            (_("Over (+) or short (-)"), cash.over_short),
            (_("Float kept for tomorrow"), cash.kept_float),
            (_("Takings to the safe"), cash.to_safe),
        ),
    )
    notes = (cash.note,) if cash.note else ()
    return Section(_("Cash count (Z report)"), (table,), (), notes)
