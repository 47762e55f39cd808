"""Taking treatments or money off a card inside the caller's transaction:
:func:`use_sessions_in` and :func:`spend_value_in` (see :mod:`salon_desk.members.cards`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.members.card_inputs import checked_fen, checked_ref
from salon_desk.members.card_ledger import (
    effective_uses,
    ledger_row,
    lock,
    post,
    service_ids,
    shop_today,
    usable_account,
)
from salon_desk.members.card_models import CardProduct
from salon_desk.members.card_rows import LedgerRow, ValueSpend
from salon_desk.members.card_rules import check_caps, expiry_for, split_spend, week_bounds

_CAP_MESSAGES = {
    "day": N_("Card {number} allows {limit} treatment(s) a day."),
    "week": N_("Card {number} allows {limit} treatment(s) a week."),
    "gap": N_("Card {number} needs {limit} hours between treatments."),
}


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
    ref = checked_ref(sale_ref)
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
    ref = checked_ref(sale_ref)
    fen = checked_fen(amount, "amount")
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
