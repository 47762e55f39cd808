"""Using a card at the members desk, confirmed by the member's signature.

``use(actor, account_id=..., service_id=..., sessions=1 | amount=Money, strokes=..., png=...)``
takes a session (session packs, period cards) or money (stored value) for a service and
keeps the signature with the ledger entry, in one transaction: without a signature
nothing is taken. The use gets its own number (``card_use`` document numbers,
``20261128-0003``) as its sale reference. Needs ``Perm.SELL``, like the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.members.card_admin import sign_in
from salon_desk.members.card_ledger import ledger_row, service_ids, shop_today
from salon_desk.members.card_models import CardAccount, CardLedger, CardSignature
from salon_desk.members.card_rows import LedgerRow
from salon_desk.members.cards import spend_value_in, use_sessions_in


@dataclass(frozen=True, slots=True)
class ServiceChoice:
    id: int
    name: str
    price: Money


@dataclass(frozen=True, slots=True)
class SignatureRow:
    ledger_id: int
    strokes: str  # JSON
    png: bytes | None
    signed_at: datetime


class CardUseService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def services_for(self, account_id: int) -> list[ServiceChoice]:
        """What the card may be used for (a stored-value card with no list: everything)."""
        with self.core.db.read() as s:
            acct = s.get(CardAccount, account_id)
            if acct is None:
                raise NotFound(N_("No such card."))
            allowed = service_ids(s, acct.product_id)
            q = select(ServiceItem).where(ServiceItem.active.is_(True))
            if allowed:
                q = q.where(ServiceItem.id.in_(allowed))
            return [
                ServiceChoice(i.id, i.name_zh, Money(i.price_fen))
                for i in s.scalars(q.order_by(ServiceItem.code))
            ]

    def use(
        self,
        actor: Actor,
        *,
        account_id: int,
        service_id: int,
        strokes: list[list[list[float]]],
        png: bytes | None = None,
        sessions: int = 1,
        amount: Money | None = None,
    ) -> LedgerRow:
        require(actor, Perm.SELL)
        if not strokes or not any(strokes):
            raise Invalid(N_("Please sign on the screen."), field="signature")
        with self.core.db.tx() as s:
            clock = self.core.clock
            ref = next_number(s, "card_use", shop_today(s, clock))
            if amount is not None:
                if s.get(ServiceItem, service_id) is None:
                    raise NotFound(N_("No such service."))
                entry = spend_value_in(
                    s, clock, actor, account_id=account_id, amount=amount, sale_ref=ref
                ).entry
            else:
                entry = use_sessions_in(
                    s,
                    clock,
                    actor,
                    account_id=account_id,
                    service_id=service_id,
                    sessions=sessions,
                    sale_ref=ref,
                )
            sign_in(s, clock, entry.id, strokes, png)
            e = s.get(CardLedger, entry.id)
            assert e is not None
            if amount is not None:  # the entry written just above: which service it paid for
                e.service_id = service_id
                s.flush()
            return ledger_row(e, signed=True)

    def signature(self, ledger_id: int) -> SignatureRow | None:
        with self.core.db.read() as s:
            sig = s.get(CardSignature, ledger_id)
            if sig is None:
                return None
            return SignatureRow(sig.ledger_id, sig.strokes, sig.png, sig.signed_at)
