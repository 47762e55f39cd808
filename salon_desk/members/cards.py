"""Card operations that run inside the caller's transaction (the register's checkout).

The register composes these into its single checkout transaction::

    with core.db.tx() as s:
        card = sell_card_in(s, core.clock, actor, member_id=m, product_id=p,
                            price=Money(168000), sale_ref=number)
        use_sessions_in(s, core.clock, actor, account_id=a, service_id=svc,
                        sessions=1, sale_ref=number)
        spent = spend_value_in(s, core.clock, actor, account_id=v,
                               amount=Money(12800), sale_ref=number)
        # spent.principal / spent.bonus: what came from real money and from the bonus

and undoes them when a sale is voided or refunded::

    with core.db.tx() as s:
        reverse_sale_in(s, core.clock, actor, sale_ref=number, reason="顾客退单")

Functions (all importable from here; the uses live in :mod:`~salon_desk.members.card_uses`,
the reversal in :mod:`~salon_desk.members.card_reversal`, the input checks in
:mod:`~salon_desk.members.card_inputs`):

* ``sell_card_in(s, clock, actor, *, member_id, product_id, price, sale_ref)`` →
  :class:`CardAccountRow`. A session pack gets its sessions, a stored-value card the
  price as principal plus the product's bonus; a period card starts today or, when the
  product says so, on its first use.
* ``top_up_in(s, clock, actor, *, account_id, amount, bonus, sale_ref)`` →
  :class:`LedgerRow` (the top-up; a bonus is a second entry with the same ``sale_ref``).
* ``use_sessions_in(s, clock, actor, *, account_id, service_id, sessions, sale_ref)`` →
  :class:`LedgerRow`. Session packs lose ``sessions``; period cards count them against
  their per-day and per-week caps and the minimum gap.
* ``spend_value_in(s, clock, actor, *, account_id, amount, sale_ref)`` →
  :class:`ValueSpend`. **Shop rule:** a spend is taken from principal and bonus in the
  proportion they stand in on the card (principal rounded half up, the rest from the
  bonus); see :mod:`salon_desk.members.card_rules`.
* ``reverse_sale_in(s, clock, actor, *, sale_ref, reason)`` → ``list[LedgerRow]``:
  a reversal entry for every card entry of that sale not yet reversed (newest first); a
  sold card is voided. Nothing to reverse is an empty list. A card sold in that sale and
  used since cannot be voided: :class:`Conflict` (refund the card instead).

Reading inside a session: :func:`account_in`, :func:`accounts_for_member_in`,
:func:`ledger_in`, :func:`member_in`, :func:`search_in`; outside one, the same through
:class:`~salon_desk.members.card_service.CardService` (``accounts_for_member``,
``account``, ``member``, ``search``).

Every function checks its input and raises :class:`Invalid`, :class:`NotFound` or
:class:`Conflict` (not enough left, expired, frozen, closed, wrong service, a cap) before
anything is written; the caller's transaction rolls everything back on error. The sale
permission (``Perm.SELL``) is the register's to check.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.members.card_account_rows import account_rows
from salon_desk.members.card_inputs import checked_fen, checked_ref
from salon_desk.members.card_ledger import (
    account_row,
    ledger_in,
    ledger_row,
    lock,
    post,
    shop_today,
    usable_account,
)
from salon_desk.members.card_models import CardAccount, CardProduct
from salon_desk.members.card_reversal import reverse_sale_in
from salon_desk.members.card_rows import CardAccountRow, LedgerRow
from salon_desk.members.card_rules import expiry_for
from salon_desk.members.card_uses import spend_value_in, use_sessions_in
from salon_desk.members.models import Member
from salon_desk.members.queries import member_in, search_in

__all__ = [
    "account_in",
    "accounts_for_member_in",
    "ledger_in",
    "member_in",
    "reverse_sale_in",
    "search_in",
    "sell_card_in",
    "spend_value_in",
    "top_up_in",
    "use_sessions_in",
]


def account_in(s: Session, account_id: int) -> CardAccountRow:
    acct = s.get(CardAccount, account_id)
    if acct is None:
        raise NotFound(N_("No such card."))
    return account_row(s, acct)


def accounts_for_member_in(
    s: Session, member_id: int, *, include_closed: bool = True
) -> list[CardAccountRow]:
    q = select(CardAccount).where(CardAccount.member_id == member_id)
    if not include_closed:
        q = q.where(CardAccount.status == "active")
    q = q.order_by(CardAccount.status != "active", CardAccount.sold_at.desc(), CardAccount.id)
    return account_rows(s, list(s.scalars(q)))


def sell_card_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    member_id: int,
    product_id: int,
    price: Money,
    sale_ref: str,
) -> CardAccountRow:
    ref = checked_ref(sale_ref)
    paid = checked_fen(price, "price", positive=False)
    member = s.get(Member, member_id)
    if member is None or member.erased_at is not None:
        raise NotFound(N_("No such member."))
    product = s.get(CardProduct, product_id)
    if product is None:
        raise NotFound(N_("No such card product."))
    if not product.active:
        raise Conflict(N_("This card is no longer sold: {name}"), name=product.name)
    if product.kind == "value" and paid == 0:
        raise Invalid(N_("Enter an amount above zero."), field="price")
    today = shop_today(s, clock)
    starts = None if product.from_first_use else today
    expires = expiry_for(starts, product.valid_days) if starts else None
    acct = CardAccount(
        number=next_number(s, "card", today),
        member_id=member.id,
        product_id=product.id,
        kind=product.kind,
        price_fen=paid,
        sold_at=clock.now(),
        sold_by=actor.staff_id,
        sale_ref=ref,
        starts_on=starts,
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
        sessions=product.sessions if product.kind == "sessions" else 0,
        principal=paid if product.kind == "value" else 0,
    )
    if product.kind == "value" and product.bonus_fen:
        post(s, clock, actor, acct, "bonus", day=today, sale_ref=ref, bonus=product.bonus_fen)
    return account_row(s, acct)


def top_up_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    account_id: int,
    amount: Money,
    bonus: Money,
    sale_ref: str,
) -> LedgerRow:
    ref = checked_ref(sale_ref)
    principal = checked_fen(amount, "amount")
    extra = checked_fen(bonus, "bonus", positive=False)
    acct = lock(s, account_id)
    if acct.kind != "value":
        raise Conflict(N_("Only a stored-value card can be topped up."))
    today = shop_today(s, clock)
    usable_account(acct, today)
    entry = post(s, clock, actor, acct, "top_up", day=today, sale_ref=ref, principal=principal)
    if extra:
        post(s, clock, actor, acct, "bonus", day=today, sale_ref=ref, bonus=extra)
    return ledger_row(entry)
