"""The checks of a checkout, inside its transaction where they read the database: the
member and their cards, the items and their prices, discounts beyond the cashier's limit,
and what may be paid from a card. Each raises before anything is written."""

from __future__ import annotations

from sqlalchemy.orm import Session

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import ROLE_PERMS, Actor, Perm, Role, require
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.models import Staff
from salon_desk.core.money import total
from salon_desk.members.card_models import CardProduct
from salon_desk.members.cards import account_in, member_in
from salon_desk.pos.cart import Line, Ticket
from salon_desk.pos.rules import Settlement, Tender, discount_bp_of, limit_bp, price_line
from salon_desk.stock.models import Product


def check_member_in(s: Session, ticket: Ticket, payments: list[Tender]) -> None:
    """The member is real and their level's discount is the one on the ticket; every
    card used belongs to them."""
    cards = [ln.card_account_id for ln in ticket.lines if ln.card_account_id]
    cards += [ln.item_id for ln in ticket.lines if ln.kind == "top_up"]
    cards += [t.account_id for t in payments if t.kind == "stored_value" and t.account_id]
    if ticket.member is None:
        if cards or any(ln.for_card for ln in ticket.lines):
            raise Invalid(N_("Attach the member first."))
        return
    member = member_in(s, ticket.member.id)
    if member.erased:
        raise NotFound(N_("No such member."))
    if member.tier_bp != ticket.member.tier_bp:
        raise Conflict(N_("{name}'s level has changed: attach the member again."), name=member.name)
    for account_id in cards:
        if account_in(s, account_id).member_id != member.id:
            raise Conflict(N_("That card belongs to another member."))


def check_lines_in(s: Session, actor: Actor, ticket: Ticket) -> list[tuple[str, int | None]]:
    approvals: list[tuple[str, int | None]] = []
    members_price = ticket.member is not None
    for line in ticket.lines:
        _check_item(s, actor, line, members_price)
        for staff_id in (*line.beautician_ids, *([line.seller_id] if line.seller_id else [])):
            st = s.get(Staff, staff_id)
            if st is None or not st.active:
                raise NotFound(N_("No such staff member."))
        pl = price_line(line.pricing(ticket.member_bp))
        base = pl.gross - pl.member_discount
        share = 10_000 if line.gift else discount_bp_of(pl.line_discount, base)
        if share > limit_bp(actor) and not actor.can(Perm.DISCOUNT_OVER_LIMIT):
            approver_in(s, line.discount_by)
            approvals.append((line.name, line.discount_by))
    return approvals


def _check_item(s: Session, actor: Actor, line: Line, member: bool) -> None:
    if line.kind == "top_up":
        return  # the card is the member's (checked above); top_up_in checks the rest
    if line.kind == "card_sale":
        card = s.get(CardProduct, line.item_id)
        if card is None or not card.active:
            raise NotFound(N_("This card is no longer sold: {name}"), name=line.name)
        prices = {card.price_fen}
    elif line.kind == "service":
        item = s.get(ServiceItem, line.item_id)
        if item is None or not item.active:
            raise NotFound(N_("This service is not on the price list: {name}"), name=line.name)
        prices = {item.price_fen}
    else:
        product = s.get(Product, line.item_id)
        if product is None or not product.active:
            raise NotFound(N_("This product is no longer sold: {name}"), name=line.name)
        prices = {product.price_fen}
        if member and product.member_price_fen is not None:
            prices.add(product.member_price_fen)
    if line.unit_price.fen not in prices:
        require(actor, Perm.PRICE_CHANGE)


def check_card_payments(ticket: Ticket, payments: list[Tender], settlement: Settlement) -> None:
    """A card sold or a top-up is not paid from a card: stored value pays at most what
    the services and products on the ticket come to."""
    from_cards = total(
        applied
        for t, applied in zip(payments, settlement.applied, strict=True)
        if t.kind == "stored_value"
    )
    allowed = ticket.priced().total - ticket.card_total
    if from_cards > allowed:
        raise Invalid(
            N_(
                "A card or a top-up cannot be paid with stored value: at most {amount} of "
                "this ticket can come from a card."
            ),
            field="payments",
            amount=allowed,
        )


def approver_in(s: Session, staff_id: int | None) -> None:
    """A discount beyond the cashier's limit must carry the manager who allowed it."""
    st = s.get(Staff, staff_id) if staff_id else None
    if st is None or not st.active or Perm.DISCOUNT_OVER_LIMIT not in ROLE_PERMS[Role(st.role)]:
        raise Forbidden(
            N_("This needs a manager's permission: {action}"),
            permission=Perm.DISCOUNT_OVER_LIMIT.value,
            action=Msg(N_("Discount over the limit")),
        )
