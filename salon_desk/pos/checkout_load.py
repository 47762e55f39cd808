"""What a ticket names, read once inside the checkout's transaction: the member and their
level, the cards (locked), the services, products and card products with their prices,
and the staff on it; and with them the sale already made with the payment's key (a
replay) and the state of the day.

The cards come first, locked in id order; then everything else that is only read comes
in one statement (a ``UNION ALL`` with one branch per table, each looking rows up by
their ids, and one row for the key and the day), so that a ticket of any length reads
the same few statements. The cards, and
the services and card products that a card function called next looks up in the session
(a treatment taken from a card, a card sold), are the session's objects, held here so that
the session keeps them; the rest are plain rows (an ORM object costs twice the query).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import (
    Integer,
    Select,
    String,
    bindparam,
    cast,
    false,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from salon_desk.booking.models import ServiceItem
from salon_desk.core import direct
from salon_desk.core.auth import Actor
from salon_desk.core.models import Staff
from salon_desk.members.card_ledger import lock_many
from salon_desk.members.card_models import CardAccount, CardProduct
from salon_desk.members.models import Member, MemberTier
from salon_desk.pos.cart import Ticket
from salon_desk.pos.days import TRADING
from salon_desk.pos.models import Sale
from salon_desk.pos.rules import Tender
from salon_desk.stock.models import Product
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
    """What a ticket names, read once (see the module's docstring)."""

    member: MemberInfo | None = None
    cards: dict[int, CardAccount] = field(default_factory=dict)
    card_products: dict[int, CardProduct | Listed] = field(default_factory=dict)
    services: dict[int, ServiceItem | Listed] = field(default_factory=dict)
    products: dict[int, SaleProduct] = field(default_factory=dict)
    staff: dict[int, StaffInfo] = field(default_factory=dict)
    # read with them: the sale already made with the payment's key (a replay), and
    # whether the day is closed and its till opened
    again: int | None = None
    closed: bool = False
    opened: bool = False

    def staff_names(self) -> dict[int, str]:
        return {i: st.name for i, st in self.staff.items()}


def card_ids(ticket: Ticket, payments: list[Tender]) -> list[int]:
    """Every member's card the ticket uses, tops up or pays from."""
    cards = [ln.card_account_id for ln in ticket.lines if ln.card_account_id]
    cards += [ln.item_id for ln in ticket.lines if ln.kind == "top_up"]
    cards += [t.account_id for t in payments if t.kind == "stored_value" and t.account_id]
    return cards


def load_in(
    s: Session, actor: Actor, ticket: Ticket, payments: list[Tender], *, key: str, day: date
) -> Loaded:
    """What ``ticket`` names, with the sale already made with ``key`` and the state of
    ``day`` (see :class:`Loaded`). Reads the ticket as it comes: nothing here is trusted
    before the checks."""
    loaded = Loaded()
    loaded.cards = lock_many(s, card_ids(ticket, payments))
    kinds: dict[str, list[int]] = {}
    for line in ticket.lines:
        kinds.setdefault(line.kind, []).append(line.item_id)
    # as objects: the services taken from a card and the card products sold or used for
    # treatments (use_sessions_in and sell_card_in find them in the session)
    on_card = {ln.item_id: ln.card_account_id for ln in ticket.lines if ln.card_account_id}
    used = {loaded.cards[c].product_id for c in on_card.values() if c in loaded.cards}
    sold = set(kinds.get("card_sale", []))
    card_products = {*sold, *(c.product_id for c in loaded.cards.values())}
    services = set(kinds.get("service", []))
    loaded.card_products = dict(_by_id(s, CardProduct, card_products & (sold | used)))
    loaded.services = dict(_by_id(s, ServiceItem, services & on_card.keys()))
    staff = [actor.staff_id, ticket.discount_by]
    for line in ticket.lines:
        staff += [*line.beautician_ids, line.seller_id, line.discount_by]
    params = {
        "member": _ids([ticket.member.id] if ticket.member is not None else []),
        "staff": _ids(staff),
        "service": _ids(services - on_card.keys()),
        "card_product": _ids(card_products - sold - used),
        "product": _ids(kinds.get("product", [])),
        "key": key,
        "day": day,
    }
    s.flush()  # what the session holds unwritten is read as written
    for kind, *row in direct.rows(s, _NAMED, params):
        _keep(loaded, kind, *row)
    return loaded


def _keep(
    loaded: Loaded,
    kind: str,
    id_: Any,
    name: str,
    active: Any,
    price: int | None,
    member_price: int | None,
    note: str | None,
    needs_count: Any,
) -> None:
    """One row of :data:`_NAMED` into ``loaded``."""
    if kind == "opening":
        loaded.again, loaded.closed, loaded.opened = id_, bool(active), bool(needs_count)
    elif kind == "member":
        loaded.member = MemberInfo(id_, name, not active, int(price or 0))
    elif kind == "staff":
        loaded.staff[id_] = StaffInfo(id_, name, bool(active), note or "")
    elif kind == "service":
        loaded.services[id_] = Listed(id_, name, bool(active), int(price or 0))
    elif kind == "card_product":
        loaded.card_products[id_] = Listed(id_, name, bool(active), int(price or 0))
    else:
        loaded.products[id_] = SaleProduct(
            id_, name, note or "", bool(active), int(price or 0), member_price, bool(needs_count)
        )


def _ids(ids: Iterable[Any]) -> list[int]:
    return sorted({i for i in ids if isinstance(i, int) and not isinstance(i, bool)})


def _by_id(s: Session, model: type[T], ids: Iterable[int]) -> dict[int, T]:
    wanted = _ids(ids)
    if not wanted:
        return {}
    stmt = _BY_IDS.get(model)
    if stmt is None:  # built once per table (a statement remembers its cache key)
        col: Any = model.id  # type: ignore[attr-defined]
        stmt = _BY_IDS[model] = select(model).where(col.in_(bindparam("ids", expanding=True)))
    return {row.id: row for row in s.scalars(stmt, {"ids": wanted})}


_BY_IDS: dict[type, Select[Any]] = {}


def _kind(name: str) -> Any:
    return literal_column(f"'{name}'", String)


# typed: PostgreSQL matches the branches' types pair by pair, and a bare NULL is text
_NO_INT = cast(null(), Integer)
_NO_TEXT = cast(null(), String)


def _in(col: Any, name: str) -> Any:
    return col.in_(bindparam(name, expanding=True))


#: What a ticket names, by table: (kind, id, name, active, price or the member's level,
#: member price, role or category, needs a count). Built once.
_NAMED = union_all(
    select(
        _kind("member"),
        Member.id,
        Member.name,
        Member.erased_at.is_(None),
        func.coalesce(MemberTier.discount_bp, 0),
        _NO_INT,
        _NO_TEXT,
        false(),
    )
    .outerjoin(MemberTier, MemberTier.id == Member.tier_id)
    .where(_in(Member.id, "member")),
    select(
        _kind("staff"), Staff.id, Staff.name, Staff.active, _NO_INT, _NO_INT, Staff.role, false()
    ).where(_in(Staff.id, "staff")),
    select(
        _kind("service"),
        ServiceItem.id,
        ServiceItem.name_zh,
        ServiceItem.active,
        ServiceItem.price_fen,
        _NO_INT,
        _NO_TEXT,
        false(),
    ).where(_in(ServiceItem.id, "service")),
    select(
        _kind("card_product"),
        CardProduct.id,
        CardProduct.name,
        CardProduct.active,
        CardProduct.price_fen,
        _NO_INT,
        _NO_TEXT,
        false(),
    ).where(_in(CardProduct.id, "card_product")),
    select(
        _kind("product"),
        Product.id,
        Product.name_zh,
        Product.active,
        Product.price_fen,
        Product.member_price_fen,
        Product.category,
        Product.needs_count,
    ).where(_in(Product.id, "product")),
    # one row: the sale made with the payment's key (on a replay), the day closed, opened
    select(
        _kind("opening"),
        select(Sale.id).where(Sale.idempotency_key == bindparam("key")).scalar_subquery(),
        _NO_TEXT,
        TRADING[0],
        _NO_INT,
        _NO_INT,
        _NO_TEXT,
        TRADING[1],
    ),
)
