"""A card locked inside a transaction is the session's object, as a query would give it:
read afresh, the same object the session already holds, changes pending in the session
written first, and nothing to write when the lock alone was taken."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event
from test_pos_checkout import Shop, make_shop
from test_pos_members import member_with_cards

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import NotFound
from salon_desk.members.card_ledger import lock, lock_many
from salon_desk.members.card_models import CardAccount


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def test_a_locked_card_is_the_sessions_object_as_read(core: Core, owner: Actor, shop: Shop) -> None:
    _m, pack, value = member_with_cards(core, owner, shop)
    with core.db.tx() as s:
        held = s.get_one(CardAccount, pack.id)
        held.expires_on = date(2031, 1, 1)  # pending: written before the lock reads
        cards = lock_many(s, [value.id, pack.id, 10_000])
        assert set(cards) == {pack.id, value.id}  # an unknown card is left out
        assert cards[pack.id] is held and held.expires_on == date(2031, 1, 1)
        card = cards[value.id]
        assert card in s and not s.is_modified(card) and not s.dirty
        assert (card.number, card.kind, card.principal_fen) == (value.number, "value", 10000)
        assert card.expires_on == value.expires_on and card.member_id == value.member_id
        assert lock(s, value.id) is card
        with pytest.raises(NotFound):
            lock(s, 10_000)
    with core.db.read() as s:
        assert s.get_one(CardAccount, pack.id).expires_on == date(2031, 1, 1)


def test_a_lock_alone_writes_nothing(core: Core, owner: Actor, shop: Shop) -> None:
    _m, pack, value = member_with_cards(core, owner, shop)
    seen: list[str] = []

    def note(_c: object, _cur: object, sql: str, *_args: object) -> None:
        seen.append(sql.split()[0])

    event.listen(core.db.engine, "before_cursor_execute", note)
    try:
        with core.db.tx() as s:
            lock_many(s, [pack.id, value.id])
    finally:
        event.remove(core.db.engine, "before_cursor_execute", note)
    assert "UPDATE" not in seen and "INSERT" not in seen
