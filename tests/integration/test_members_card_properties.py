"""Any sequence of sales, uses, top-ups, spends, freezes, reversals and refunds keeps each
card's stored balance equal to the sum of its ledger and never below zero."""

from __future__ import annotations

import itertools

from card_shop import build_card_shop, ledger_sums, stored_balance
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.members.cards import reverse_sale_in
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.card_payout import CardPayoutService

OPS = st.one_of(
    st.tuples(st.just("use"), st.integers(-1, 12)),
    st.tuples(st.just("spend"), st.integers(-100, 700_000)),
    st.tuples(st.just("top"), st.integers(-100, 300_000), st.integers(0, 50_000)),
    st.tuples(st.just("freeze"), st.just(0)),
    st.tuples(st.just("unfreeze"), st.just(0)),
    st.tuples(st.just("days"), st.integers(0, 200)),
    st.tuples(st.just("reverse"), st.integers(0, 30)),
    st.tuples(st.just("refund"), st.sampled_from(["pack", "value"])),
    st.tuples(st.just("expire"), st.just(0)),
)

_phones = itertools.count(13000000000)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(OPS, max_size=14))
def test_balance_is_the_sum_of_the_ledger_and_never_negative(
    sqlite_core: Core, clock: FixedClock, ops: list[tuple[object, ...]]
) -> None:
    core = sqlite_core
    if not core.auth.has_staff():  # the first example sets up the shop
        core.auth.create_owner(name="王店长", number="8888", pin="8888")
        build_card_shop(core, _owner(core))
    owner = _owner(core)
    cards = CardService(core)
    products = {p.code: p for p in cards.products()}
    member = MemberService(core).create(owner, MemberInput(name="测试", phone=str(next(_phones))))
    refs = itertools.count(1)
    pack = cards.sell(
        owner,
        member_id=member.id,
        product_id=products["P10"].id,
        price=Money(150000),
        sale_ref=f"P{next(refs)}",
    )
    value = cards.sell(
        owner,
        member_id=member.id,
        product_id=products["V5000"].id,
        price=Money(500000),
        sale_ref=f"P{next(refs)}",
    )
    facial = products["P10"].service_ids[0]
    for op in ops:
        ref = f"X{member.id}-{next(refs)}"
        try:
            kind, n = op[0], int(str(op[1])) if isinstance(op[1], int) else 0
            if kind == "use":
                cards.use_sessions(
                    owner, account_id=pack.id, service_id=facial, sessions=n, sale_ref=ref
                )
            elif kind == "spend":
                cards.spend_value(owner, account_id=value.id, amount=Money(n), sale_ref=ref)
            elif kind == "top":
                cards.top_up(
                    owner,
                    account_id=value.id,
                    amount=Money(n),
                    bonus=Money(int(str(op[2]))),
                    sale_ref=ref,
                )
            elif kind == "freeze":
                cards.freeze(owner, pack.id, "出差")
            elif kind == "unfreeze":
                cards.unfreeze(owner, pack.id)
            elif kind == "days":
                clock.advance(days=n)
            elif kind == "reverse":
                pick = f"X{member.id}-{n}" if n else (pack.sale_ref or "")
                with core.db.tx() as s:
                    reverse_sale_in(s, core.clock, owner, sale_ref=pick, reason="撤销")
            elif kind == "refund":
                CardPayoutService(cards.core).refund_card(
                    owner, pack.id if op[1] == "pack" else value.id, "退卡", method="wechat"
                )
            elif kind == "expire":
                cards.expire_due(owner)
        except (Conflict, Invalid):
            pass
        for account in (pack.id, value.id):
            sums = ledger_sums(core, account)
            assert sums == stored_balance(core, account)
            assert min(sums) >= 0


def _owner(core: Core) -> Actor:
    row = core.auth.list_staff()[0]
    return Actor(row.id, row.number, row.name, Role(row.role))
