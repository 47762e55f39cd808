"""A card inside a transaction: the shop's day its entries fall on, and its lock.

:func:`lock` takes the card's row lock on PostgreSQL (``SELECT ... FOR UPDATE``; on SQLite
the write transaction already holds the database) and keeps the card for the rest of the
transaction, so that a checkout paying from a card, or using it twice, reads it once;
:func:`lock_many` locks the cards of a ticket together. :func:`shop_today` reads the shop's
time zone once per transaction, or takes the one the caller works in (:func:`use_zone_in`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_state, set_committed_value

from salon_desk.core import direct
from salon_desk.core.clock import Clock, local_day
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import SettingValue
from salon_desk.core.settings import BY_NAME
from salon_desk.members.card_models import CardAccount


def shop_today(s: Session, clock: Clock) -> date:
    """Today in the shop's time zone: the shop setting, read once per transaction (a
    checkout using several cards reads it once), or the zone the caller works in
    (:func:`use_zone_in`)."""
    tz = s.info.get(_TZ_KEY)
    if not isinstance(tz, ZoneInfo):
        row = s.get(SettingValue, "shop.timezone")
        name = row.value.get("v") if row is not None else None
        try:
            tz = ZoneInfo(name or BY_NAME["shop.timezone"].default)
        except (ValueError, KeyError):
            tz = ZoneInfo(BY_NAME["shop.timezone"].default)
        s.info[_TZ_KEY] = tz
    return local_day(clock.now(), tz)


def use_zone_in(s: Session, tz: ZoneInfo) -> None:
    """The card entries of this transaction fall on days of ``tz`` (the checkout passes
    the zone its sale's day was taken in, so that both agree)."""
    s.info[_TZ_KEY] = tz


def lock(s: Session, account_id: int) -> CardAccount:
    """The card, locked for this transaction (``SELECT ... FOR UPDATE`` on PostgreSQL) and
    read afresh. A card locked earlier in the transaction is not read again: nobody else
    can have changed it, and this transaction changes it only through :func:`post`."""
    held = _held(s)
    acct = held.get(account_id)
    if acct is None:
        found = _read(s, _LOCK, {"id": account_id})
        if not found:
            raise NotFound(N_("No such card."))
        acct = held[account_id] = found[0]
    return acct


def lock_many(s: Session, account_ids: Iterable[int]) -> dict[int, CardAccount]:
    """Lock several cards at once, in id order (two counters never wait on each other in
    a circle); the cards found, by id. Later :func:`lock` calls on them read nothing."""
    held = _held(s)
    ids = {i for i in account_ids if isinstance(i, int) and not isinstance(i, bool)}
    wanted = sorted(ids - held.keys())
    if wanted:
        for acct in _read(s, _LOCK_MANY, {"ids": wanted}):
            held[acct.id] = acct
    return {i: held[i] for i in ids if i in held}


def _read(s: Session, stmt: Select[Any], params: dict[str, Any]) -> list[CardAccount]:
    """The cards ``stmt`` selects, read on the transaction's driver connection and made
    the session's objects as the ORM's query would (after the same autoflush): a card the
    session holds takes the values read (``populate_existing``), another becomes a
    persistent object as read. The ORM's loading cost twice the rest of a card's lock.

    A new object gets its values as the ORM's loader gives them, straight into its
    state's dict: through the mapped class's constructor every column is an attribute
    event (and the object a pending change to forget again), which cost more than the
    statement."""
    s.flush()
    found = []
    for row in direct.rows(s, stmt, params):
        values = dict(zip(_KEYS, row, strict=True))
        acct = s.identity_map.get(_MAPPER.identity_key_from_primary_key((values["id"],)))
        if isinstance(acct, CardAccount):
            for key, value in values.items():
                set_committed_value(acct, key, value)
        else:
            acct = _MANAGER.new_instance()
            instance_state(acct).dict.update(values)
            make_transient_to_detached(acct)  # as if loaded: no change to write
            s.add(acct)
        found.append(acct)
    return found


_MAPPER = CardAccount.__mapper__
_MANAGER = _MAPPER.class_manager


def _held(s: Session) -> dict[int, CardAccount]:
    """The cards this transaction has locked (kept referenced, so they stay in the
    session's identity map)."""
    held = s.info.get(_LOCKED_KEY)
    if held is None:
        held = s.info[_LOCKED_KEY] = {}
    return held


_TZ_KEY = "salon_desk.shop_tz"
_LOCKED_KEY = "salon_desk.locked_cards"
# The statements of every card use, built once (a statement remembers its cache key);
# their columns are the table's, in order: _KEYS are the attributes they fill.
_LOCK = (
    select(CardAccount)
    .where(CardAccount.id == bindparam("id"))
    .with_for_update()
    .execution_options(populate_existing=True)
)
_LOCK_MANY = (
    select(CardAccount)
    .where(CardAccount.id.in_(bindparam("ids", expanding=True)))
    .order_by(CardAccount.id)
    .with_for_update()
    .execution_options(populate_existing=True)
)
_KEYS = tuple(CardAccount.__mapper__.get_property_by_column(c).key for c in CardAccount.__table__.c)
if [c.name for c in _LOCK_MANY.selected_columns] != [c.name for c in CardAccount.__table__.c]:
    raise TypeError("the card locks must select the card's columns in the table's order")
