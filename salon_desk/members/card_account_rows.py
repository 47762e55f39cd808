"""A card read back as a :class:`CardAccountRow`: one card, or all of a member's cards in
a fixed number of statements (the member screen opens members with dozens of cards)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salon_desk.core.money import Money
from salon_desk.members.card_models import CardAccount, CardLedger, CardProduct, CardProductService
from salon_desk.members.card_rows import CardAccountRow
from salon_desk.members.models import Member


def service_ids(s: Session, product_id: int) -> tuple[int, ...]:
    return tuple(
        s.scalars(
            select(CardProductService.service_id)
            .where(CardProductService.product_id == product_id)
            .order_by(CardProductService.service_id)
        )
    )


def account_row(s: Session, acct: CardAccount) -> CardAccountRow:
    member = s.get(Member, acct.member_id)
    product = s.get(CardProduct, acct.product_id)
    assert member is not None and product is not None
    uses = s.scalar(
        select(func.coalesce(func.sum(CardLedger.uses), 0)).where(CardLedger.account_id == acct.id)
    )
    return _row(acct, member.name, product, int(uses or 0), service_ids(s, acct.product_id))


def account_rows(s: Session, accounts: Sequence[CardAccount]) -> list[CardAccountRow]:
    """The rows of ``accounts`` in their order: their members, products, uses and
    services read once for all of them instead of four statements a card."""
    if not accounts:
        return []
    ids = [a.id for a in accounts]
    product_ids = sorted({a.product_id for a in accounts})
    names = dict(
        s.execute(
            select(Member.id, Member.name).where(
                Member.id.in_(sorted({a.member_id for a in accounts}))
            )
        ).all()
    )
    products = {
        p.id: p for p in s.scalars(select(CardProduct).where(CardProduct.id.in_(product_ids)))
    }
    uses = dict(
        s.execute(
            select(CardLedger.account_id, func.sum(CardLedger.uses))
            .where(CardLedger.account_id.in_(ids))
            .group_by(CardLedger.account_id)
        ).all()
    )
    services: dict[int, list[int]] = {}
    for product_id, service_id in s.execute(
        select(CardProductService.product_id, CardProductService.service_id)
        .where(CardProductService.product_id.in_(product_ids))
        .order_by(CardProductService.product_id, CardProductService.service_id)
    ):
        services.setdefault(product_id, []).append(service_id)
    return [
        _row(
            a,
            names[a.member_id],
            products[a.product_id],
            int(uses.get(a.id) or 0),
            tuple(services.get(a.product_id, ())),
        )
        for a in accounts
    ]


def _row(
    acct: CardAccount, member_name: str, product: CardProduct, uses: int, services: tuple[int, ...]
) -> CardAccountRow:
    return CardAccountRow(
        id=acct.id,
        number=acct.number,
        member_id=acct.member_id,
        member_name=member_name,
        product_id=acct.product_id,
        product_name=product.name,
        kind=acct.kind,
        category=product.category,
        price=Money(acct.price_fen),
        sold_at=acct.sold_at,
        sale_ref=acct.sale_ref,
        starts_on=acct.starts_on,
        expires_on=acct.expires_on,
        frozen_since=acct.frozen_since,
        status=acct.status,
        sessions_left=acct.sessions_left,
        principal=Money(acct.principal_fen),
        bonus=Money(acct.bonus_fen),
        uses=uses,
        service_ids=services,
    )
