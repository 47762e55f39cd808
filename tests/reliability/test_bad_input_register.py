"""Bad input at the register, one table per form: the ticket at checkout, the payment,
the card sale and the card use. The tickets are built line by line as a resumed parked
ticket would arrive (the cart's own checks bypassed), so the checkout's checks are the
ones under test. Every case is refused with a Chinese message and saves nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bad_input import CONTROL, EMOJI, HUGE, LONG, SQL, Case, refusal_problems
from salon_world import World

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import MAX_FEN, Money
from salon_desk.members.card_service import CardService
from salon_desk.pos.cart import Line, MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rules import Tender


def _line(w: World, **kw: object) -> Line:
    base = Line(1, "product", w.product_id, "精华", Money(16800), seller_id=w.owner.staff_id)
    return replace(base, **kw)  # type: ignore[arg-type]


def _pay(w: World, ticket: Ticket, tenders: list[Tender] | None, key: str | None = None) -> object:
    if tenders is None:
        total = ticket.priced().total if ticket.lines else Money(0)
        tenders = [Tender("cash", total if total.fen > 0 else Money(100))]
    k = key if key is not None else str(uuid.uuid4())
    return lambda: CheckoutService(w.core).pay(w.owner, ticket, tenders, k)


# --- the ticket at checkout ------------------------------------------------------------------
def _ticket(label: str, make: Callable[[World], Ticket], key: str | None = None) -> Case:
    def prepare(w: World) -> object:
        w.open_till()
        t = make(w)
        try:
            tenders = None if t.lines else [Tender("cash", Money(100))]
            return _pay(w, t, tenders, key)
        except Exception:
            return _pay(w, t, [Tender("cash", Money(100))], key)

    return Case(f"checkout {label}", prepare)  # type: ignore[arg-type]


def _one(**kw: object) -> Callable[[World], Ticket]:
    return lambda w: Ticket(lines=[_line(w, **kw)], _next_key=2)


def _card_of_another(w: World) -> Ticket:
    mine, other = w.member(), w.member()
    acct = w.card(w.pack, other)
    t = Ticket(member=w.member_ref(mine))
    line = t.add("service", w.service_id, "深层补水", Money(28800), beautician_ids=(w.beautician,))
    return Ticket(lines=[replace(line, card_account_id=acct.id)], member=t.member, _next_key=2)


CHECKOUT = [
    _ticket("of an empty ticket", lambda w: Ticket()),
    _ticket("of zero units", _one(qty=0)),
    _ticket("of minus one unit", _one(qty=-1)),
    _ticket("of a huge quantity", _one(qty=HUGE)),
    _ticket("of a quantity that is text", _one(qty="2")),
    _ticket("of a negative price", _one(unit_price=Money(-16800))),
    _ticket("of a huge price", _one(unit_price=Money(MAX_FEN + 1))),
    _ticket("of an unknown product", _one(item_id=HUGE)),
    _ticket("of an unknown service", _one(kind="service", item_id=HUGE)),
    _ticket("of an unknown kind of line", _one(kind=SQL)),
    _ticket("of a discount over 100 %", _one(discount_bp=20_000)),
    _ticket("of a negative discount", _one(discount_bp=-500)),
    _ticket("of a discount larger than the line", _one(discount=Money(99_999_00))),
    _ticket("of an unknown beautician", _one(kind="service", item_id=-1, beautician_ids=(HUGE,))),
    _ticket("of an unknown seller", _one(seller_id=HUGE)),
    _ticket(
        "of an unknown member",
        lambda w: Ticket(lines=[_line(w)], member=MemberRef(HUGE, "某"), _next_key=2),
    ),
    _ticket("of another member's card", _card_of_another),
    _ticket("with an empty payment key", lambda w: Ticket(lines=[_line(w)], _next_key=2), key=""),
    _ticket("with a key of emoji", lambda w: Ticket(lines=[_line(w)], _next_key=2), key=EMOJI),
    _ticket("with a key of SQL", lambda w: Ticket(lines=[_line(w)], _next_key=2), key=SQL),
    _ticket("with a key too long", lambda w: Ticket(lines=[_line(w)], _next_key=2), key=LONG),
]


# --- the payment -----------------------------------------------------------------------------
def _payment(label: str, make: Callable[[World, Money], list[Tender]]) -> Case:
    def prepare(w: World) -> object:
        w.open_till()
        t = w.ticket()
        return _pay(w, t, make(w, t.priced().total))

    return Case(f"payment {label}", prepare)  # type: ignore[arg-type]


def _value_card(w: World, due: Money, amount: Money | None = None) -> list[Tender]:
    acct = w.card(w.value)
    return [Tender("stored_value", amount or due, "", acct.id)]


PAYMENT = [
    _payment("missing", lambda w, due: []),
    _payment("of an unknown kind", lambda w, due: [Tender(SQL, due)]),
    _payment("of zero", lambda w, due: [Tender("cash", Money(0)), Tender("cash", due)]),
    _payment(
        "negative",
        lambda w, due: [Tender("cash", due + Money(100)), Tender("wechat", Money(-100), "WX1")],
    ),
    _payment("huge", lambda w, due: [Tender("cash", Money(HUGE))]),
    _payment("as a number, not money", lambda w, due: [Tender("cash", due.fen)]),  # type: ignore[arg-type]
    _payment("one fen short", lambda w, due: [Tender("cash", due - Money(1))]),
    _payment("by WeChat over the total", lambda w, due: [Tender("wechat", due + Money(1), "W")]),
    _payment("by WeChat without its number", lambda w, due: [Tender("wechat", due, "")]),
    _payment("with a reference too long", lambda w, due: [Tender("wechat", due, "9" * 41)]),
    _payment(
        "with control characters in the reference", lambda w, due: [Tender("wechat", due, CONTROL)]
    ),
    _payment(
        "with one WeChat number twice",
        lambda w, due: [
            Tender("wechat", Money(100), "WX9"),
            Tender("wechat", due - Money(100), "WX9"),
        ],
    ),
    _payment("from stored value without a card", lambda w, due: [Tender("stored_value", due)]),
    _payment("from an unknown card", lambda w, due: [Tender("stored_value", due, "", HUGE)]),
    _payment("from a card of no member on the ticket", _value_card),
]


# --- the card sale and the card use ----------------------------------------------------------
def _card_call(label: str, make: Callable[[World], Callable[[], object]]) -> Case:
    return Case(f"card {label}", make)  # type: ignore[arg-type]


def _sell(**kw: object) -> Callable[[World], Callable[[], object]]:
    def make(w: World) -> Callable[[], object]:
        m, p = w.member(), w.pack
        values: dict[str, object] = {"member_id": m.id, "product_id": p.id, "price": p.price,
                                     "sale_ref": "S-1"}  # fmt: skip
        values.update(kw)
        return lambda: CardService(w.core).sell(w.owner, **values)  # type: ignore[arg-type]

    return make


def _use(**kw: object) -> Callable[[World], Callable[[], object]]:
    def make(w: World) -> Callable[[], object]:
        acct = w.card(w.pack)
        values: dict[str, object] = {"account_id": acct.id, "service_id": w.service_id,
                                     "sessions": 1, "sale_ref": "U-1"}  # fmt: skip
        values.update(kw)
        return lambda: CardService(w.core).use_sessions(w.owner, **values)  # type: ignore[arg-type]

    return make


def _spend(amount: object, **kw: object) -> Callable[[World], Callable[[], object]]:
    def make(w: World) -> Callable[[], object]:
        acct = w.card(w.value)
        values: dict[str, object] = {"account_id": acct.id, "amount": amount, "sale_ref": "V-1"}
        values.update(kw)
        return lambda: CardService(w.core).spend_value(w.owner, **values)  # type: ignore[arg-type]

    return make


def _top_up(amount: object, bonus: object = Money(0)) -> Callable[[World], Callable[[], object]]:
    def make(w: World) -> Callable[[], object]:
        acct = w.card(w.value)
        return lambda: CardService(w.core).top_up(
            w.owner,
            account_id=acct.id,
            amount=amount,
            bonus=bonus,
            sale_ref="T-1",  # type: ignore[arg-type]
        )

    return make


CARDS = [
    _card_call("sold at a negative price", _sell(price=Money(-1))),
    _card_call("sold at a huge price", _sell(price=Money(HUGE))),
    _card_call("sold for a number, not money", _sell(price=150000)),
    _card_call("sold to an unknown member", _sell(member_id=HUGE)),
    _card_call("of an unknown kind sold", _sell(product_id=-1)),
    _card_call("sold without the sale's number", _sell(sale_ref="")),
    _card_call("sold with a sale number too long", _sell(sale_ref=LONG)),
    _card_call("use of zero sessions", _use(sessions=0)),
    _card_call("use of minus one session", _use(sessions=-1)),
    _card_call("use of a huge number of sessions", _use(sessions=HUGE)),
    _card_call("use of more sessions than left", _use(sessions=11)),
    _card_call("use for a service it does not cover", _use(service_id=HUGE)),
    _card_call("use of an unknown card", _use(account_id=HUGE)),
    _card_call("use without the sale's number", _use(sale_ref="  ")),
    _card_call("spend of zero", _spend(Money(0))),
    _card_call("spend of a negative amount", _spend(Money(-100))),
    _card_call("spend of a huge amount", _spend(Money(HUGE))),
    _card_call("spend of more than the balance", _spend(Money(600_001))),
    _card_call("spend of text", _spend("100")),
    _card_call("top-up of zero", _top_up(Money(0))),
    _card_call("top-up of a negative amount", _top_up(Money(-5000))),
    _card_call("top-up with a negative bonus", _top_up(Money(5000), Money(-1))),
    _card_call("top-up of a huge amount", _top_up(Money(HUGE))),
]


def _problems(core: Core, owner: Actor, tmp_path: Path, cases: list[Case]) -> list[str]:
    w = World(core, owner, tmp_path)
    w.actors  # noqa: B018  (the shop first, so that only the call under test can write)
    w.ticket()
    w.open_till()
    return refusal_problems(w, cases)


def test_the_checkout_refuses_bad_tickets(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _problems(core, owner, tmp_path, CHECKOUT) == []


def test_the_payment_refuses_bad_tenders(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _problems(core, owner, tmp_path, PAYMENT) == []


def test_card_sale_and_use_refuse_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _problems(core, owner, tmp_path, CARDS) == []
