"""Treatment cards laid out as tables: money received for cards, revenue earned from
cards used, and the card figures that are not money — never added together."""

from __future__ import annotations

from salon_desk.core.i18n import _
from salon_desk.reports.layout import Column, Section, Table
from salon_desk.reports.model import CardFigures


def cards_section(c: CardFigures) -> Section:
    columns = (
        Column(_("Item"), width=2.4),
        Column(_("Count"), "int"),
        Column(_("Amount"), "money"),
    )
    received = Table(
        "cards_received",
        _("Cards sold and topped up: money received, not yet earned"),
        columns,
        (
            (_("New cards sold"), c.sold, c.sold_value),
            (_("Stored value topped up"), c.topped_up, c.top_up),
            (_("Card sales and top-ups undone"), "", -c.undone),
        ),
        total=(_("Money received for cards"), "", c.received),
    )
    earned = Table(
        "cards_earned",
        _("Cards used: revenue earned"),
        columns,
        (
            (_("Treatments from session cards"), c.session_uses, c.session),
            (_("Stored value spent (principal)"), c.value_uses, c.principal_used),
            (_("Period cards, earned by the day they run"), "", c.period_earned),
        ),
        total=(_("Revenue earned from cards"), "", c.earned),
    )
    other = Table(
        "cards_other",
        _("Other card figures (not added to the above)"),
        columns,
        (
            (_("Bonus value given (not money)"), "", c.bonus),
            (_("Stored value spent from the bonus (not money)"), "", c.bonus_used),
            (_("Treatments from period cards, at list price"), c.period_uses, c.period_list),
            (_("Cards refunded: money paid back"), c.refunds, c.refund),
            (_("Cards brought over, paid for before (not money)"), c.imported, c.imported_value),
        ),
    )
    notes = (
        _(
            "Money received for cards is owed to members until they use it; it is never "
            "added to the revenue earned. A session is earned at the price paid per "
            "session; only the principal of stored value is money. A period card is earned evenly "
            "over the days it runs; a refund, expiry or transfer settles the rest."
        ),
    )
    return Section(_("Treatment cards"), (received, earned, other), (), notes)
