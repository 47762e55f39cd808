"""Undoing a voided or refunded sale's card entries inside the caller's transaction:
:func:`reverse_sale_in` (see :mod:`salon_desk.members.cards`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import N_
from salon_desk.members.card_inputs import checked_ref
from salon_desk.members.card_ledger import (
    effective_uses,
    ledger_row,
    lock,
    post,
    reversed_ids,
    shop_today,
)
from salon_desk.members.card_models import CardLedger, CardProduct
from salon_desk.members.card_rows import LedgerRow


def reverse_sale_in(
    s: Session, clock: Clock, actor: Actor, *, sale_ref: str, reason: str
) -> list[LedgerRow]:
    ref = checked_ref(sale_ref)
    why = (reason or "").strip()
    if not why:
        raise Invalid(N_("Give a reason."), field="reason")
    entries = list(
        s.scalars(
            select(CardLedger)
            .where(CardLedger.sale_ref == ref, CardLedger.kind != "reversal")
            .order_by(CardLedger.id.desc())
        )
    )
    today = shop_today(s, clock)
    done: list[LedgerRow] = []
    for e in entries:
        acct = lock(s, e.account_id)
        if e.id in reversed_ids(s, acct.id):
            continue
        if acct.status not in ("active", "expired") or (
            acct.status == "expired" and e.kind != "sale"
        ):
            raise Conflict(
                N_("Card {number} is closed: this sale cannot be undone."), number=acct.number
            )
        if e.kind == "sale":
            undone = reversed_ids(s, acct.id)
            later = [
                x
                for x in s.scalars(
                    select(CardLedger.id).where(
                        CardLedger.account_id == acct.id,
                        CardLedger.id > e.id,
                        CardLedger.kind.in_(("use", "top_up", "transfer", "adjustment")),
                        CardLedger.sale_ref.is_distinct_from(ref),
                    )
                )
                if x not in undone
            ]
            if later:
                raise Conflict(
                    N_("Card {number} has been used since it was sold; refund the card."),
                    number=acct.number,
                )
        row = post(
            s,
            clock,
            actor,
            acct,
            "reversal",
            day=today,
            sale_ref=ref,
            reverses_id=e.id,
            sessions=-e.sessions,
            principal=-e.principal_fen,
            bonus=-e.bonus_fen,
            uses=-e.uses,
            service_id=e.service_id,
            list_price=-e.list_price_fen,
            reason=why,
        )
        if e.kind == "sale":
            acct.status = "void"
        elif e.kind == "use" and acct.kind != "value":
            product = s.get(CardProduct, acct.product_id)
            if product is not None and product.from_first_use and not effective_uses(s, acct.id):
                acct.starts_on = None
                acct.expires_on = None
        s.flush()
        done.append(ledger_row(row))
    return done
