"""The members part of a period report: new and active members, what their cards still
hold at the end of the period, and the members who spent most."""

from __future__ import annotations

from salon_desk.core.i18n import _
from salon_desk.reports.layout import Column, Section, Table
from salon_desk.reports.model import MemberFigures


def members_section(m: MemberFigures, end_text: str) -> Section:
    summary = Table(
        "members",
        _("Members"),
        (Column(_("Item"), width=2.4), Column(_("Count"), "int")),
        (
            (_("Members on file at the end of the period"), m.total),
            (_("New members"), m.new),
            (_("Active members (a ticket or a card used)"), m.active),
        ),
    )
    o = m.owed
    owed = Table(
        "cards_owed",
        _("Owed on members' cards at the end of {day}", day=end_text),
        (Column(_("Item"), width=2.4), Column(_("Count"), "int"), Column(_("Amount"), "money")),
        (
            (_("Unused stored value (principal)"), "", o.principal),
            (_("Unused sessions, at the price paid"), o.sessions, o.sessions_value),
            (_("Period cards, the days not yet run"), o.period_cards, o.period_unearned),
        ),
        total=(_("Owed on cards ({n} cards)", n=o.cards), "", o.total),
    )
    top = Table(
        "top_members",
        _("Top members by spend"),
        (
            Column(_("Rank"), "int", 0.5),
            Column(_("Member no."), width=1.0),
            Column(_("Name"), width=1.2),
            Column(_("Tickets"), "int", 0.7),
            Column(_("Card treatments"), "int", 0.9),
            Column(_("Spend"), "money"),
        ),
        tuple(
            (i, t.number, t.name, t.visits, t.treatments, t.spend)
            for i, t in enumerate(m.top, start=1)
        ),
        empty=_("No member spent money in this period."),
    )
    notes = (
        _("Besides, unused stored-value bonus (not money): {amount}.", amount=o.bonus.format()),
        _(
            "Spend is the money a member paid: ticket payments other than stored value, "
            "less money paid back, plus cards bought or topped up away from the register."
        ),
    )
    return Section(_("Members"), (summary, owed, top), (), notes)
