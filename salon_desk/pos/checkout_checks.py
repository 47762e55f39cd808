"""The checks of a checkout, inside its transaction: the member and their cards, the items
and their prices, discounts beyond the cashier's limit, what may be paid from a card, and
vouchers. Each raises before anything is written. They check what
:func:`~salon_desk.pos.checkout_load.load_in` read; only the vouchers are read here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.auth import ROLE_PERMS, Actor, Perm, Role, require
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.money import total
from salon_desk.pos.cart import Line, Ticket
from salon_desk.pos.checkout_load import Loaded, card_ids
from salon_desk.pos.models import VoucherUse
from salon_desk.pos.rules import Priced, Settlement, Tender, discount_bp_of, limit_bp


def check_member_in(loaded: Loaded, ticket: Ticket, payments: list[Tender]) -> None:
    """The member is real and their level's discount is the one on the ticket; every
    card used belongs to them."""
    cards = card_ids(ticket, payments)
    if ticket.member is None:
        if cards or any(ln.for_card for ln in ticket.lines):
            raise Invalid(N_("Attach the member first."))
        return
    member = loaded.member
    if member is None or member.erased:
        raise NotFound(N_("No such member."))
    if member.tier_bp != ticket.member.tier_bp:
        raise Conflict(N_("{name}'s level has changed: attach the member again."), name=member.name)
    for account_id in cards:
        card = loaded.cards.get(account_id)
        if card is None:
            raise NotFound(N_("No such card."))
        if card.member_id != member.id:
            raise Conflict(N_("That card belongs to another member."))


def check_lines_in(
    loaded: Loaded, actor: Actor, ticket: Ticket, priced: Priced
) -> list[tuple[str, int | None]]:
    approvals: list[tuple[str, int | None]] = []
    members_price = ticket.member is not None
    for line, pl in zip(ticket.lines, priced.lines, strict=True):
        _check_item(loaded, actor, line, members_price)
        for staff_id in (*line.beautician_ids, *([line.seller_id] if line.seller_id else [])):
            st = loaded.staff.get(staff_id)
            if st is None or not st.active:
                raise NotFound(N_("No such staff member."))
        base = pl.gross - pl.member_discount
        share = 10_000 if line.gift else discount_bp_of(pl.line_discount, base)
        if share > limit_bp(actor) and not actor.can(Perm.DISCOUNT_OVER_LIMIT):
            approver_in(loaded, line.discount_by)
            approvals.append((line.name, line.discount_by))
    return approvals


def _check_item(loaded: Loaded, actor: Actor, line: Line, member: bool) -> None:
    if line.kind == "top_up":
        return  # the card is the member's (checked above); top_up_in checks the rest
    if line.kind == "card_sale":
        card = loaded.card_products.get(line.item_id)
        if card is None or not card.active:
            raise NotFound(N_("This card is no longer sold: {name}"), name=line.name)
        prices = {card.price_fen}
    elif line.kind == "service":
        item = loaded.services.get(line.item_id)
        if item is None or not item.active:
            raise NotFound(N_("This service is not on the price list: {name}"), name=line.name)
        prices = {item.price_fen}
    else:
        product = loaded.products.get(line.item_id)
        if product is None or not product.active:
            raise NotFound(N_("This product is no longer sold: {name}"), name=line.name)
        prices = {product.price_fen}
        if member and product.member_price_fen is not None:
            prices.add(product.member_price_fen)
    if line.unit_price.fen not in prices:
        require(actor, Perm.PRICE_CHANGE)


def check_card_payments(
    ticket: Ticket, priced: Priced, payments: list[Tender], settlement: Settlement
) -> None:
    """A card sold or a top-up is not paid from a card: stored value pays at most what
    the services and products on the ticket come to."""
    from_cards = total(
        applied
        for t, applied in zip(payments, settlement.applied, strict=True)
        if t.kind == "stored_value"
    )
    lines = zip(ticket.lines, priced.lines, strict=True)
    for_cards = total(p.net for ln, p in lines if ln.for_card)
    allowed = priced.total - for_cards
    if from_cards > allowed:
        raise Invalid(
            N_(
                "A card or a top-up cannot be paid with stored value: at most {amount} of "
                "this ticket can come from a card."
            ),
            field="payments",
            amount=allowed,
        )


def check_vouchers_in(s: Session, ticket: Ticket, payments: list[Tender]) -> list[str]:
    """The trial and cash voucher codes of this sale, each unused until now."""
    codes = [ln.trial_code for ln in ticket.lines if ln.trial_code]
    codes += [(t.reference or "").strip() for t in payments if t.kind == "voucher"]
    if not codes:
        return []
    used = set(s.scalars(select(VoucherUse.code).where(VoucherUse.code.in_(codes))))
    seen: set[str] = set()
    for code in codes:
        if code in used or code in seen:
            raise Conflict(N_("This voucher has already been used: {code}"), code=code)
        seen.add(code)
    return codes


def approver_in(loaded: Loaded, staff_id: int | None) -> None:
    """A discount beyond the cashier's limit must carry the manager who allowed it."""
    st = loaded.staff.get(staff_id) if staff_id else None
    if st is None or not st.active or Perm.DISCOUNT_OVER_LIMIT not in ROLE_PERMS[Role(st.role)]:
        raise Forbidden(
            N_("This needs a manager's permission: {action}"),
            permission=Perm.DISCOUNT_OVER_LIMIT.value,
            action=Msg(N_("Discount over the limit")),
        )
