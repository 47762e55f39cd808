"""A card moved over from a paper card or another system, with what is left on it.

The card is opened like a sale (a ``sale`` ledger entry, and a ``bonus`` entry for the
bonus left on a stored-value card) whose sale number is ``IMPORT-<day>`` and whose reason
names the file. What the member paid, used by a later refund (退卡), is the ``paid``
column when given; otherwise the money left on a stored-value card, the card's price for
a period card, and for a session pack the sessions left at the pack's price per session.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.core.money import round_fen
from salon_desk.members.card_ledger import post, shop_today
from salon_desk.members.card_models import CardAccount, CardProduct
from salon_desk.members.card_rules import expiry_for
from salon_desk.members.import_rows import CardCells


def _check(product: CardProduct, cells: CardCells) -> None:
    money = cells.principal.fen or cells.bonus.fen
    if product.kind == "sessions":
        if money:
            raise Invalid(N_("Only a stored-value card holds money."), field="principal")
        if cells.sessions_left < 1:
            raise Invalid(N_("Enter the sessions left on the card."), field="sessions_left")
        if cells.sessions_left > max(product.sessions, 1) * 10:
            raise Invalid(
                N_("More sessions left than the card ever had: {n}."),
                field="sessions_left",
                n=cells.sessions_left,
            )
    elif product.kind == "value":
        if cells.sessions_left:
            raise Invalid(N_("Only a session pack holds sessions."), field="sessions_left")
        if not money:
            raise Invalid(N_("Enter the money left on the card."), field="principal")
    else:
        if cells.sessions_left:
            raise Invalid(N_("Only a session pack holds sessions."), field="sessions_left")
        if money:
            raise Invalid(N_("Only a stored-value card holds money."), field="principal")


def import_card_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    member_id: int,
    cells: CardCells,
    reason: str,
) -> CardAccount:
    product = s.scalar(select(CardProduct).where(CardProduct.code == cells.code))
    if product is None:
        raise Invalid(
            N_("No card product has the code {code}."), field="card_code", code=cells.code
        )
    _check(product, cells)
    today = shop_today(s, clock)
    if cells.expires_on is not None and cells.expires_on < today:
        raise Invalid(
            N_("The card expired on {day}: there is nothing to move over."),
            field="expires_on",
            day=cells.expires_on.isoformat(),
        )
    expires = cells.expires_on or expiry_for(today, product.valid_days)
    if cells.paid is not None:
        paid = cells.paid.fen
    elif product.kind == "value":
        paid = cells.principal.fen
    elif product.kind == "sessions":
        paid = round_fen(
            Decimal(product.price_fen * cells.sessions_left) / max(product.sessions, 1)
        )
    else:
        paid = product.price_fen
    ref = f"IMPORT-{today:%Y%m%d}"
    acct = CardAccount(
        number=next_number(s, "card", today),
        member_id=member_id,
        product_id=product.id,
        kind=product.kind,
        price_fen=paid,
        sold_at=clock.now(),
        sold_by=actor.staff_id,
        sale_ref=ref,
        starts_on=today,
        expires_on=expires,
        status="active",
    )
    s.add(acct)
    s.flush()
    post(
        s,
        clock,
        actor,
        acct,
        "sale",
        day=today,
        sale_ref=ref,
        expires_after=expires,
        sessions=cells.sessions_left,
        principal=cells.principal.fen,
        reason=reason,
    )
    if cells.bonus.fen:
        post(
            s,
            clock,
            actor,
            acct,
            "bonus",
            day=today,
            sale_ref=ref,
            bonus=cells.bonus.fen,
            reason=reason,
        )
    return acct
