"""The card ledger inside a session: lock a card, post an entry, read cards back.

Every change to a card goes through :func:`post`: one guarded ``UPDATE`` of the running
balance (it matches no row when the result would be negative, and the database's checks
refuse a negative balance anyway) and one new ledger entry holding the change and the
balance after it. :func:`lock` takes the card's row lock on PostgreSQL
(``SELECT ... FOR UPDATE``); on SQLite the write transaction already holds the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from salon_desk.core import direct
from salon_desk.core.auth import Actor
from salon_desk.core.clock import Clock
from salon_desk.core.errors import Conflict
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.money import Money

# a card's row is read in card_account_rows; the card functions import it from here
from salon_desk.members.card_account_rows import account_row as account_row
from salon_desk.members.card_account_rows import service_ids as service_ids

# the lock and the shop's day live in card_locks; the card functions import them from here
from salon_desk.members.card_locks import lock as lock
from salon_desk.members.card_locks import lock_many as lock_many
from salon_desk.members.card_locks import shop_today as shop_today
from salon_desk.members.card_locks import use_zone_in as use_zone_in
from salon_desk.members.card_models import (
    CardAccount,
    CardLedger,
    CardProduct,
    CardSignature,
)
from salon_desk.members.card_rows import CardProductRow, LedgerRow, NewEntry

_C = CardAccount
_POST = (
    update(_C)
    .where(
        _C.id == bindparam("account_id"),
        _C.sessions_left + bindparam("d_sessions") >= 0,
        _C.principal_fen + bindparam("d_principal") >= 0,
        _C.bonus_fen + bindparam("d_bonus") >= 0,
    )
    .values(
        sessions_left=_C.sessions_left + bindparam("d_sessions"),
        principal_fen=_C.principal_fen + bindparam("d_principal"),
        bonus_fen=_C.bonus_fen + bindparam("d_bonus"),
    )
    .returning(_C.sessions_left, _C.principal_fen, _C.bonus_fen)
    .execution_options(synchronize_session=False)
)
_INSERT_ENTRY = insert(CardLedger).returning(CardLedger.id)


def post(
    s: Session,
    clock: Clock,
    actor: Actor | None,
    acct: CardAccount,
    kind: str,
    *,
    day: date,
    sessions: int = 0,
    principal: int = 0,
    bonus: int = 0,
    uses: int = 0,
    service_id: int | None = None,
    list_price: int = 0,
    expires_after: date | None = None,
    sale_ref: str | None = None,
    reverses_id: int | None = None,
    related_account_id: int | None = None,
    reason: str = "",
) -> NewEntry:
    """Apply a change to the card's balance and append its ledger entry."""
    if acct.id is None:  # a card made in this transaction and not yet written
        s.flush()
    params = {
        "account_id": acct.id,
        "d_sessions": sessions,
        "d_principal": principal,
        "d_bonus": bonus,
    }
    # on the transaction's driver connection: the ORM's path for an UPDATE costs 1 ms more,
    # and the card object is brought up to date below
    result = direct.one_or_none(s, _POST, params)
    if result is None:
        raise Conflict(
            N_("Not enough left on card {number}: {left}."),
            number=acct.number,
            left=_left_text(acct),
        )
    after_sessions, after_principal, after_bonus = result
    set_committed_value(acct, "sessions_left", after_sessions)
    set_committed_value(acct, "principal_fen", after_principal)
    set_committed_value(acct, "bonus_fen", after_bonus)
    values: dict[str, Any] = dict(
        account_id=acct.id,
        at=clock.now(),
        day=day,
        kind=kind,
        sessions=sessions,
        principal_fen=principal,
        bonus_fen=bonus,
        sessions_after=after_sessions,
        principal_after_fen=after_principal,
        bonus_after_fen=after_bonus,
        uses=uses,
        service_id=service_id,
        list_price_fen=list_price,
        expires_after=expires_after,
        sale_ref=sale_ref,
        reverses_id=reverses_id,
        related_account_id=related_account_id,
        staff_id=actor.staff_id if actor else None,
        authorised_by=actor.authorised_by if actor else None,
        reason=reason,
    )
    # a plain INSERT too: the unit of work's flush of one new object cost more than the
    # statement. The entry returned is a plain object.
    entry_id = direct.scalar_one(s, _INSERT_ENTRY, values)
    # imported here: the reports read the cards, not the other way round
    from salon_desk.reports.kept_figures import card_entry_posted_in

    card_entry_posted_in(s, day)  # a closed day's kept card figures, kept again
    return NewEntry(entry_id, **values)


def _left_text(acct: CardAccount) -> str:
    if acct.kind == "value":
        return Money(acct.principal_fen + acct.bonus_fen).format()
    return str(acct.sessions_left)


# --- effective uses (a use that was reversed does not count) ---------------------------
def reversed_ids(s: Session, account_id: int) -> set[int]:
    return {
        rid
        for rid in s.scalars(
            select(CardLedger.reverses_id).where(
                CardLedger.account_id == account_id, CardLedger.reverses_id.is_not(None)
            )
        )
        if rid is not None
    }


def effective_uses(s: Session, account_id: int) -> list[CardLedger]:
    undone = reversed_ids(s, account_id)
    return [
        e
        for e in s.scalars(
            select(CardLedger)
            .where(CardLedger.account_id == account_id, CardLedger.kind == "use")
            .order_by(CardLedger.id)
        )
        if e.id not in undone
    ]


# --- rows --------------------------------------------------------------------------------
def product_row(s: Session, p: CardProduct) -> CardProductRow:
    return CardProductRow(
        id=p.id,
        code=p.code,
        name=p.name,
        kind=p.kind,
        category=p.category,
        price=Money(p.price_fen),
        sessions=p.sessions,
        bonus=Money(p.bonus_fen),
        valid_days=p.valid_days,
        from_first_use=p.from_first_use,
        per_day_cap=p.per_day_cap,
        per_week_cap=p.per_week_cap,
        min_gap_hours=p.min_gap_hours,
        terms=p.terms,
        active=p.active,
        service_ids=service_ids(s, p.id),
    )


def ledger_row(e: CardLedger | NewEntry, signed: bool = False) -> LedgerRow:
    return LedgerRow(
        id=e.id,
        account_id=e.account_id,
        at=e.at,
        day=e.day,
        kind=e.kind,
        sessions=e.sessions,
        principal=Money(e.principal_fen),
        bonus=Money(e.bonus_fen),
        sessions_after=e.sessions_after,
        principal_after=Money(e.principal_after_fen),
        bonus_after=Money(e.bonus_after_fen),
        uses=e.uses,
        service_id=e.service_id,
        list_price=Money(e.list_price_fen),
        expires_after=e.expires_after,
        sale_ref=e.sale_ref,
        reverses_id=e.reverses_id,
        related_account_id=e.related_account_id,
        staff_id=e.staff_id,
        authorised_by=e.authorised_by,
        reason=e.reason,
        signed=signed,
    )


def ledger_in(s: Session, account_id: int) -> list[LedgerRow]:
    signed = set(
        s.scalars(
            select(CardSignature.ledger_id)
            .join(CardLedger, CardLedger.id == CardSignature.ledger_id)
            .where(CardLedger.account_id == account_id)
        )
    )
    return [
        ledger_row(e, e.id in signed)
        for e in s.scalars(
            select(CardLedger).where(CardLedger.account_id == account_id).order_by(CardLedger.id)
        )
    ]


def usable_account(acct: CardAccount, today: date) -> None:
    """Refuse a card that is not in use: refunded, transferred, expired or frozen."""
    if acct.status != "active":
        raise Conflict(
            N_("Card {number} is closed ({status})."),
            number=acct.number,
            status=_status_msg(acct.status),
        )
    if acct.frozen_since is not None:
        raise Conflict(
            N_("Card {number} is frozen since {day}."), number=acct.number, day=acct.frozen_since
        )
    if acct.expires_on is not None and today > acct.expires_on:
        raise Conflict(
            N_("Card {number} expired on {day}."), number=acct.number, day=acct.expires_on
        )


STATUS_LABELS = {
    "active": N_("In use"),
    "refunded": N_("Refunded"),
    "transferred": N_("Transferred"),
    "expired": N_("Expired"),
    "void": N_("Voided"),
}


def _status_msg(status: str) -> Msg:
    return Msg(STATUS_LABELS.get(status, status))
