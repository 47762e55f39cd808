"""Selling a card (开卡) or topping up stored value (充值) on the ticket: the counter
chooses among the cards on sale and the member's stored-value cards, then types the
amount of a top-up and any bonus on the keypad."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desk.core.i18n import _
from salon_desk.core.money import ZERO, Money
from salon_desk.members.card_service import CardService
from salon_desk.pos.cart import Ticket
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.choice_dialog import ChoiceDialog
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog


def add_card_line(ctx: UiContext, parent: QWidget, ticket: Ticket) -> bool:
    """Ask what to sell and put it on the ticket; ``True`` when a line was added."""
    member = ticket.member
    if member is None:
        ctx.error(parent, _("Attach the member first."))
        return False
    cards = ctx.service(CardService)
    choices: list[tuple[str, tuple[str, object]]] = [
        (f"{_('New card')} {p.name}\n{p.price.format()}", ("card_sale", p))
        for p in cards.products()
    ]
    choices += [
        (
            f"{_('Top-up')} {a.product_name} {a.number}\n{_('Balance')} {a.value.format()}",
            ("top_up", a),
        )
        for a in cards.accounts_for_member(member.id)
        if a.kind == "value" and a.status == "active"
    ]
    if not choices:
        ctx.error(parent, _("No cards are on sale."))
        return False
    chosen = ChoiceDialog.ask(parent, _("Sell a card or top up"), choices)
    if chosen is None:
        return False
    kind, item = chosen
    if kind == "card_sale":
        line = ctx.attempt(
            parent,
            ticket.add,
            "card_sale",
            item.id,
            item.name,
            item.price,
            seller_id=ctx.actor.staff_id,
        )
        return line is not None
    amount = NumPadDialog.ask(parent, _("Top-up"), prompt=_("Amount paid in"), minimum=1)
    if not isinstance(amount, Money):
        return False
    bonus = NumPadDialog.ask(parent, _("Bonus"), prompt=_("Bonus on top (0 for none)"))
    if bonus is None:
        return False
    line = ctx.attempt(
        parent,
        ticket.add,
        "top_up",
        item.id,
        f"{item.product_name} {item.number}",
        amount,
        seller_id=ctx.actor.staff_id,
        bonus=bonus if isinstance(bonus, Money) else ZERO,
    )
    return line is not None
