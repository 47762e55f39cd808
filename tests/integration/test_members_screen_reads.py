"""The member screen's reads take a fixed number of statements, however many cards and
tickets the member has (a regular has dozens of cards and thousands of tickets), and a
member's tickets are found through their own index."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from card_shop import CardShop, build_card_shop
from sent_sql import statements
from test_members_privacy import member_with_history

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.members.history_service import MemberHistoryService


def _count(core: Core, read: Callable[[], object]) -> int:
    with statements(core) as seen:
        read()
    return len(seen)


def _sell(shop: CardShop, counter: Actor, n: int) -> None:
    for i in range(n):
        product = (shop.pack, shop.value, shop.month)[i % 3]
        price = Money(500000) if product is shop.value else product.price
        shop.cards.sell(
            counter, member_id=shop.member.id, product_id=product.id, price=price, sale_ref=f"S{i}"
        )


def test_a_members_cards_are_read_in_the_same_statements_however_many(
    core: Core, owner: Actor, counter: Actor
) -> None:
    shop = build_card_shop(core, owner)
    _sell(shop, counter, 2)
    few = _count(core, lambda: shop.cards.accounts_for_member(shop.member.id))
    rows = shop.cards.accounts_for_member(shop.member.id)
    _sell(shop, counter, 7)
    many = _count(core, lambda: shop.cards.accounts_for_member(shop.member.id))
    assert few == many
    again = shop.cards.accounts_for_member(shop.member.id)
    assert len(again) == 9
    assert [a.id for a in again if a.id in {r.id for r in rows}] == [r.id for r in rows]
    for a in again:  # each row as the card reads alone
        assert a == shop.cards.account(a.id)


def test_a_members_tickets_are_read_through_their_index(core: Core, owner: Actor) -> None:
    m, _number = member_with_history(core, owner)
    history = MemberHistoryService(core)
    plans: list[str] = []
    with statements(core) as seen:
        history.purchases(m.id)
        history.visits(m.id)
    with core.db.engine.connect() as conn:
        for sql in seen:
            if "FROM pos_sale" in sql and "member_id" in sql and core.db.dialect == "sqlite":
                q = sql.replace("?", "1")
                plans += [str(r[-1]) for r in conn.execute(sa.text(f"EXPLAIN QUERY PLAN {q}"))]
    if core.db.dialect == "sqlite":
        assert any("ix_pos_sale_member_at" in p for p in plans), plans
