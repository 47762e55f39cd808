"""The checks of a checkout, inside its transaction where they read the database: the
member and their cards, the items and their prices, discounts beyond the cashier's limit,
what may be paid from a card, and vouchers. Each raises before anything is written.

:func:`load_in` reads what a ticket names in a few queries (one per table, not one per
line) and keeps the objects for the whole transaction, so that the card and stock
functions the checkout calls next find them in the session instead of reading them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Executable, Select, bindparam, func, select
from sqlalchemy.orm import Session

from salon_desk.booking.models import ServiceItem
from salon_desk.core import direct
from salon_desk.core.auth import ROLE_PERMS, Actor, Perm, Role, require
from salon_desk.core.errors import Conflict, Forbidden, Invalid, NotFound
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.models import Staff
from salon_desk.core.money import total
from salon_desk.members.card_ledger import lock_many
from salon_desk.members.card_models import CardAccount, CardProduct
from salon_desk.members.models import Member, MemberTier
from salon_desk.pos.cart import Line, Ticket
from salon_desk.pos.models import VoucherUse
from salon_desk.pos.rules import Priced, Settlement, Tender, discount_bp_of, limit_bp
from salon_desk.stock.queries import products_for_sale_in
from salon_desk.stock.rows import SaleProduct

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MemberInfo:
    id: int
    name: str
    erased: bool
    tier_bp: int  # the discount of the member's level


@dataclass(frozen=True, slots=True)
class StaffInfo:
    id: int
    name: str
    active: bool
    role: str


@dataclass(frozen=True, slots=True)
class Listed:
    """A service or a card product as the checks read it: on sale, at what price."""

    id: int
    name: str
    active: bool
    price_fen: int


@dataclass
class Loaded:
    """What a ticket names, read once. The cards are the session's objects, and so are
    the services and card products that a card function called next looks up in the
    session (a treatment taken from a card, a card sold), held here so that the session
    keeps them; the rest is only read, as plain rows (an ORM object costs twice the query).
    """

    member: MemberInfo | None = None
    cards: dict[int, CardAccount] = field(default_factory=dict)
    card_products: dict[int, CardProduct | Listed] = field(default_factory=dict)
    services: dict[int, ServiceItem | Listed] = field(default_factory=dict)
    products: dict[int, SaleProduct] = field(default_factory=dict)
    staff: dict[int, StaffInfo] = field(default_factory=dict)

    def staff_names(self) -> dict[int, str]:
        return {i: st.name for i, st in self.staff.items()}


def _by_id(s: Session, model: type[T], ids: Iterable[int]) -> dict[int, T]:
    wanted = sorted({i for i in ids if isinstance(i, int) and not isinstance(i, bool)})
    if not wanted:
        return {}
    stmt = _BY_IDS.get(model)
    if stmt is None:  # built once per table (a statement remembers its cache key)
        col: Any = model.id  # type: ignore[attr-defined]
        stmt = _BY_IDS[model] = select(model).where(col.in_(bindparam("ids", expanding=True)))
    return {row.id: row for row in s.scalars(stmt, {"ids": wanted})}


def _listed(s: Session, stmt: Executable, ids: Iterable[int]) -> dict[int, Listed]:
    wanted = sorted({i for i in ids if isinstance(i, int) and not isinstance(i, bool)})
    if not wanted:
        return {}
    return {r[0]: Listed(*r) for r in direct.rows(s, stmt, {"ids": wanted})}


_BY_IDS: dict[type, Select[Any]] = {}
_SERVICES = select(
    ServiceItem.id, ServiceItem.name_zh, ServiceItem.active, ServiceItem.price_fen
).where(ServiceItem.id.in_(bindparam("ids", expanding=True)))
_CARD_PRODUCTS = select(
    CardProduct.id, CardProduct.name, CardProduct.active, CardProduct.price_fen
).where(CardProduct.id.in_(bindparam("ids", expanding=True)))
_MEMBER = (
    select(Member.id, Member.name, Member.erased_at, func.coalesce(MemberTier.discount_bp, 0))
    .outerjoin(MemberTier, MemberTier.id == Member.tier_id)
    .where(Member.id == bindparam("id"))
)
_STAFF = select(Staff.id, Staff.name, Staff.active, Staff.role).where(
    Staff.id.in_(bindparam("ids", expanding=True))
)


def card_ids(ticket: Ticket, payments: list[Tender]) -> list[int]:
    """Every member's card the ticket uses, tops up or pays from."""
    cards = [ln.card_account_id for ln in ticket.lines if ln.card_account_id]
    cards += [ln.item_id for ln in ticket.lines if ln.kind == "top_up"]
    cards += [t.account_id for t in payments if t.kind == "stored_value" and t.account_id]
    return cards


def load_in(s: Session, actor: Actor, ticket: Ticket, payments: list[Tender]) -> Loaded:
    loaded = Loaded()
    if ticket.member is not None:
        found = direct.one_or_none(s, _MEMBER, {"id": ticket.member.id})
        if found is not None:
            member_id, name, erased_at, tier_bp = found
            loaded.member = MemberInfo(member_id, name, erased_at is not None, int(tier_bp))
    loaded.cards = lock_many(s, card_ids(ticket, payments))
    kinds: dict[str, list[int]] = {}
    for line in ticket.lines:
        kinds.setdefault(line.kind, []).append(line.item_id)
    # as objects: the services taken from a card and the card products sold or used for
    # treatments (use_sessions_in and sell_card_in find them in the session)
    on_card = {ln.item_id: ln.card_account_id for ln in ticket.lines if ln.card_account_id}
    used = {loaded.cards[c].product_id for c in on_card.values() if c in loaded.cards}
    sold = set(kinds.get("card_sale", []))
    products = {*sold, *(c.product_id for c in loaded.cards.values())}
    loaded.card_products = {
        **_listed(s, _CARD_PRODUCTS, products - sold - used),
        **_by_id(s, CardProduct, products & (sold | used)),
    }
    services = set(kinds.get("service", []))
    loaded.services = {
        **_listed(s, _SERVICES, services - on_card.keys()),
        **_by_id(s, ServiceItem, services & on_card.keys()),
    }
    loaded.products = products_for_sale_in(s, kinds.get("product", []))
    staff = [actor.staff_id, ticket.discount_by]
    for line in ticket.lines:
        staff += [*line.beautician_ids, line.seller_id, line.discount_by]
    wanted = sorted({i for i in staff if isinstance(i, int) and not isinstance(i, bool)})
    if wanted:
        rows = direct.rows(s, _STAFF, {"ids": wanted})
        loaded.staff = {r[0]: StaffInfo(r[0], r[1], bool(r[2]), r[3]) for r in rows}
    return loaded


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
