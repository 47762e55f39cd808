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

Functions:

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

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import MAX_FEN, Money
from salon_desk.members.card_account_rows import account_rows
from salon_desk.members.card_ledger import (
    account_row,
    effective_uses,
    ledger_in,
    ledger_row,
    lock,
    post,
    reversed_ids,
    service_ids,
    shop_today,
    usable_account,
)
from salon_desk.members.card_models import CardAccount, CardLedger, CardProduct
from salon_desk.members.card_rows import CardAccountRow, LedgerRow, ValueSpend
from salon_desk.members.card_rules import check_caps, expiry_for, split_spend, week_bounds
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

_CAP_MESSAGES = {
    "day": N_("Card {number} allows {limit} treatment(s) a day."),
    "week": N_("Card {number} allows {limit} treatment(s) a week."),
    "gap": N_("Card {number} needs {limit} hours between treatments."),
}


def _ref(sale_ref: str) -> str:
    ref = (sale_ref or "").strip()
    if not ref or len(ref) > 40:
        raise Invalid(N_("A card change needs the sale's number."), field="sale_ref")
    return ref


def _money(amount: Money, field: str, *, positive: bool = True) -> int:
    if not isinstance(amount, Money):
        raise Invalid(N_("Not an amount of money: {text}"), field=field, text=str(amount))
    if amount.fen < 0 or (positive and amount.fen == 0):
        raise Invalid(N_("Enter an amount above zero."), field=field)
    if amount.fen > MAX_FEN:
        raise Invalid(N_("The amount is too large: {text}"), field=field, text=amount.format())
    return amount.fen


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
    ref = _ref(sale_ref)
    paid = _money(price, "price", positive=False)
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
    ref = _ref(sale_ref)
    principal = _money(amount, "amount")
    extra = _money(bonus, "bonus", positive=False)
    acct = lock(s, account_id)
    if acct.kind != "value":
        raise Conflict(N_("Only a stored-value card can be topped up."))
    today = shop_today(s, clock)
    usable_account(acct, today)
    entry = post(s, clock, actor, acct, "top_up", day=today, sale_ref=ref, principal=principal)
    if extra:
        post(s, clock, actor, acct, "bonus", day=today, sale_ref=ref, bonus=extra)
    return ledger_row(entry)


def use_sessions_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    account_id: int,
    service_id: int,
    sessions: int,
    sale_ref: str,
) -> LedgerRow:
    ref = _ref(sale_ref)
    if isinstance(sessions, bool) or not isinstance(sessions, int) or not 1 <= sessions <= 99:
        raise Invalid(N_("Enter a number of treatments from 1 to 99."), field="sessions")
    acct = lock(s, account_id)
    product = s.get(CardProduct, acct.product_id)
    assert product is not None
    if acct.kind == "value":
        raise Conflict(
            N_("Card {number} holds money: spend an amount from it."), number=acct.number
        )
    service = s.get(ServiceItem, service_id)
    if service is None:
        raise NotFound(N_("No such service."))
    today = shop_today(s, clock)
    usable_account(acct, today)
    if service_id not in service_ids(s, product.id):
        raise Conflict(
            N_("Card {number} cannot be used for {service}."),
            number=acct.number,
            service=service.name_zh,
        )
    if acct.kind == "sessions" and acct.sessions_left < sessions:
        raise Conflict(
            N_("Card {number} has {left} treatment(s) left, {wanted} wanted."),
            number=acct.number,
            left=acct.sessions_left,
            wanted=sessions,
        )
    uses = effective_uses(s, acct.id)
    monday, sunday = week_bounds(today)
    caps = check_caps(
        wanted=sessions,
        used_today=sum(e.uses for e in uses if e.day == today),
        used_this_week=sum(e.uses for e in uses if monday <= e.day <= sunday),
        last_use=max((e.at for e in uses), default=None),
        now=clock.now(),
        per_day=product.per_day_cap,
        per_week=product.per_week_cap,
        min_gap_hours=product.min_gap_hours,
    )
    if not caps.ok:
        raise Conflict(_CAP_MESSAGES[caps.reason], number=acct.number, limit=caps.limit)
    if acct.starts_on is None:  # a card that runs from its first treatment starts now
        acct.starts_on = today
        acct.expires_on = expiry_for(today, product.valid_days)
    entry = post(
        s,
        clock,
        actor,
        acct,
        "use",
        day=today,
        sale_ref=ref,
        service_id=service.id,
        sessions=-sessions if acct.kind == "sessions" else 0,
        uses=sessions,
        list_price=service.price_fen * sessions,
        expires_after=acct.expires_on,
    )
    return ledger_row(entry)


def spend_value_in(
    s: Session,
    clock: Clock,
    actor: Actor,
    *,
    account_id: int,
    amount: Money,
    sale_ref: str,
) -> ValueSpend:
    ref = _ref(sale_ref)
    fen = _money(amount, "amount")
    acct = lock(s, account_id)
    if acct.kind != "value":
        raise Conflict(N_("Card {number} holds treatments, not money."), number=acct.number)
    today = shop_today(s, clock)
    usable_account(acct, today)
    if acct.principal_fen + acct.bonus_fen < fen:
        raise Conflict(
            N_("Card {number} holds {left}, {wanted} wanted."),
            number=acct.number,
            left=Money(acct.principal_fen + acct.bonus_fen),
            wanted=amount,
        )
    from_principal, from_bonus = split_spend(fen, acct.principal_fen, acct.bonus_fen)
    entry = post(
        s,
        clock,
        actor,
        acct,
        "use",
        day=today,
        sale_ref=ref,
        principal=-from_principal,
        bonus=-from_bonus,
    )
    return ValueSpend(ledger_row(entry), Money(from_principal), Money(from_bonus))


def reverse_sale_in(
    s: Session, clock: Clock, actor: Actor, *, sale_ref: str, reason: str
) -> list[LedgerRow]:
    ref = _ref(sale_ref)
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
