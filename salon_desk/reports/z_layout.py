"""The Z report of a closed day (打烊结算) laid out as titled tables for the A4 PDF.

Every figure comes from what the Z froze when the day was closed (the sales, takings by
payment method, the cash counted against expected, the float kept); the lists of refunds,
voids and drawer events are the day's rows, which cannot change once the day is closed.
Money received for members' cards and cards used are kept apart from each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salon_desk.core.i18n import N_, _
from salon_desk.core.money import ZERO, Money
from salon_desk.pos.rows import DayFigures, ZReportRow
from salon_desk.pos.rules import DENOMINATIONS, TENDERS
from salon_desk.reports.layout import Cell, Column, Layout, Section, Table
from salon_desk.reports.model import DrawerEntry, RefundEntry
from salon_desk.reports.register_layout import drawer_notes, drawer_table, refunds_table

TITLE_Z = N_("Z report (closing the day)")
#: Tenders that are not money coming in: paid from a member's card or a voucher.
NOT_MONEY = ("stored_value", "voucher")


@dataclass(frozen=True, slots=True)
class ZSheet:
    """A closed day's Z with the day's refunds and drawer events, ready to lay out."""

    z: ZReportRow
    refunds: tuple[RefundEntry, ...]
    drawer: tuple[DrawerEntry, ...]
    shop: str
    address: str
    closed_by: str
    closed_at: datetime  # shop-local
    printed_by: str
    printed_at: datetime  # shop-local


def _stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def sales_table(f: DayFigures) -> Table:
    cols = (Column(_("Item"), width=2.4), Column(_("Count"), "int"), Column(_("Amount"), "money"))
    rows: tuple[tuple[Cell, ...], ...] = (
        (_("Tickets paid"), f.sales, f.takings),
        (_("List price before discounts"), "", f.gross),
        (_("Member discount"), "", -f.member_discount),
        (_("Line discounts"), "", -f.line_discount),
        (_("Ticket discounts"), "", -f.ticket_discount),
        (_("Voids"), f.voids, -f.voided),
        (_("Refunds"), f.refunds_only, -f.refunded_only),
    )
    return Table(
        "z_sales",
        _("Sales, discounts, refunds and voids"),
        cols,
        rows,
        total=(_("Takings less refunds and voids"), "", f.net),
    )


def tenders_table(f: DayFigures) -> Table:
    """By method: money in, paid back for tickets, paid back for cards refunded (退卡, a
    column only when there were any, as in the daily report) and what is left."""
    cards = {**f.card_payouts, **({"cash": f.card_refunds_paid} if f.card_refunds_paid else {})}
    kinds = [
        k
        for k in TENDERS
        if k == "cash" or f.paid_in_by(k) or f.back_by_tender.get(k) or k in cards
    ]
    kinds += sorted(k for k in {*f.by_tender, *f.back_by_tender, *cards} if k not in TENDERS)

    def net(k: str) -> Money:
        return f.by_tender.get(k, ZERO) - cards.get(k, ZERO)

    rows = tuple(
        (
            _(TENDERS.get(k, k)),
            f.paid_in_by(k),
            f.back_by_tender.get(k, ZERO),
            *((cards.get(k, ZERO),) if cards else ()),
            net(k),
        )
        for k in kinds
    )
    return Table(
        "z_tenders",
        _("Takings by payment method"),
        (
            Column(_("Payment method"), width=1.6),
            Column(_("Money in"), "money"),
            Column(_("Paid back"), "money"),
            *((Column(_("Card refunds paid back"), "money"),) if cards else ()),
            Column(_("Net"), "money"),
        ),
        rows,
        total=(
            _("Total"),
            Money(sum(f.paid_in_by(k).fen for k in kinds)),
            Money(sum(f.back_by_tender.get(k, ZERO).fen for k in kinds)),
            *((Money(sum(v.fen for v in cards.values())),) if cards else ()),
            Money(sum(net(k).fen for k in kinds)),
        ),
    )


def cash_table(z: ZReportRow) -> Table:
    f = z.figures
    return Table(
        "z_cash",
        _("Cash in the drawer"),
        (Column(_("Item"), width=2.4), Column(_("Amount"), "money")),
        (
            (_("Opening float"), f.opening_float),
            (_("Cash takings (net)"), f.by_tender.get("cash", ZERO)),
            (_("Paid in"), f.paid_in),
            (_("Paid out"), -f.paid_out),
            *(((_("Card refunds paid out"), -f.card_refunds_paid),) if f.card_refunds_paid else ()),
            (_("Cash expected in the drawer"), z.expected),
            (_("Cash counted"), z.counted),
            (_("Over (+) or short (-)"), z.over_short),
            (_("Float kept for tomorrow"), z.kept_float),
            (_("Takings to the safe"), z.to_safe),
        ),
    )


def methods_table(z: ZReportRow) -> Table:
    """Bank card, WeChat Pay, Alipay: expected against what the terminals say."""
    not_counted = _("Not counted")
    refunds = any(m.card_refunds for m in z.methods)  # cards refunded by these methods
    return Table(
        "z_methods",
        _("Other payment methods"),
        (
            Column(_("Method"), width=1.4),
            *((Column(_("Card refunds paid back"), "money"),) if refunds else ()),
            Column(_("Expected"), "money"),
            Column(_("Counted by terminal"), "money"),
            Column(_("Over (+) or short (-)"), "money"),
        ),
        tuple(
            (
                _(TENDERS.get(m.method, m.method)),
                *((-m.card_refunds,) if refunds else ()),
                m.expected,
                not_counted if m.counted is None else m.counted,
                not_counted if m.over_short is None else m.over_short,
            )
            for m in z.methods
        ),
    )


def count_table(z: ZReportRow) -> Table:
    denoms = [d for d in DENOMINATIONS if z.counts.get(d)]
    denoms += sorted((d for d in z.counts if d not in DENOMINATIONS and z.counts[d]), reverse=True)
    return Table(
        "z_count",
        _("Drawer count by denomination"),
        (
            Column(_("Note or coin"), width=1.4),
            Column(_("Pieces"), "int"),
            Column(_("Amount"), "money"),
        ),
        tuple(
            (Money(d).format(grouping=False), z.counts[d], Money(d) * z.counts[d]) for d in denoms
        ),
        total=(_("Cash counted"), sum(z.counts[d] for d in denoms), z.counted) if denoms else None,
        empty=_("The drawer was empty."),
    )


def cards_table(f: DayFigures) -> Table:
    received = f.cards_sold_value + f.top_ups_value
    spent = f.by_tender.get("stored_value", ZERO)
    return Table(
        "z_cards",
        _("Money received for cards, and cards used"),
        (Column(_("Item"), width=2.4), Column(_("Count"), "int"), Column(_("Amount"), "money")),
        (
            (_("Cards sold (开卡)"), f.cards_sold, f.cards_sold_value),
            (_("Top-ups (充值)"), f.top_ups, f.top_ups_value),
            (_("Money received for cards (in the takings)"), "", received),
            (_("Stored value given on top (赠送), not money"), "", f.bonus_given),
            (_("Paid from stored value (card use, no money in)"), "", spent),
            (
                _("Treatments from session cards (card use, at list price)"),
                f.sessions_used,
                f.sessions_value,
            ),
        ),
    )


def z_layout(sheet: ZSheet) -> Layout:
    z, f = sheet.z, sheet.z.figures
    summary_notes = (
        _(
            "Z report {number} for {day}, closed by {name} at {time}.",
            number=z.number,
            day=z.day.isoformat(),
            name=sheet.closed_by,
            time=_stamp(sheet.closed_at),
        ),
        _(
            "Stored value and cash vouchers are paid from cards and vouchers: no money "
            "comes in for them."
        ),
    )
    cash_notes = (_("Why the drawer is out: {note}", note=z.note),) if z.note else ()
    sections = [
        Section(_("Takings"), (sales_table(f), tenders_table(f)), (), summary_notes),
        Section(
            _("Cash count"),
            (cash_table(z), methods_table(z), count_table(z)),
            (),
            cash_notes,
        ),
        Section(_("Members' cards"), (cards_table(f),)),
        Section(
            _("Refunds, voids and the drawer"),
            (refunds_table(sheet.refunds, f.refunded), drawer_table(sheet.drawer)),
            (),
            drawer_notes(sheet.drawer),
        ),
    ]
    if z.handover:
        sections.append(Section(_("Handover for the next shift"), (), (), (z.handover,)))
    return Layout(
        title=_(TITLE_Z),
        subtitle=f"{z.day.isoformat()}  {z.number}",
        shop=sheet.shop,
        address=sheet.address,
        printed=_(
            "Printed by {name} at {time}",
            name=sheet.printed_by,
            time=_stamp(sheet.printed_at),
        ),
        sections=tuple(sections),
    )
