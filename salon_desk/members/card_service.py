"""Treatment cards for the Members tab: card products, cards, their ledger.

``CardService(core)``: each change is one transaction that checks the permission, runs
the session functions of :mod:`salon_desk.members.cards` / ``card_admin`` /
``card_product_edit`` and writes the audit log. Card products need
``Perm.CATALOGUE_EDIT``; freezing, extending, adjusting and transferring need
``Perm.CARD_ADJUST``; selling, topping up and using need ``Perm.SELL``; unfreezing is an
everyday action. Refunding a card (退卡, ``Perm.CARD_REFUND``) pays money back, so it is
:class:`~salon_desk.pos.card_payout.CardPayoutService`'s.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.money import ZERO, Money
from salon_desk.members import card_admin, cards
from salon_desk.members.card_ledger import ledger_row, product_row
from salon_desk.members.card_models import CardProduct
from salon_desk.members.card_product_edit import checked_product, save_product_in
from salon_desk.members.card_rows import (
    CardAccountRow,
    CardProductInput,
    CardProductRow,
    LedgerRow,
    ValueSpend,
)
from salon_desk.members.rows import MemberRow


class CardService:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- reading -------------------------------------------------------------------
    def products(self, *, active_only: bool = True) -> list[CardProductRow]:
        with self.core.db.read() as s:
            q = select(CardProduct).order_by(CardProduct.kind, CardProduct.price_fen)
            if active_only:
                q = q.where(CardProduct.active.is_(True))
            return [product_row(s, p) for p in s.scalars(q)]

    def accounts_for_member(
        self, member_id: int, *, include_closed: bool = True
    ) -> list[CardAccountRow]:
        with self.core.db.read() as s:
            return cards.accounts_for_member_in(s, member_id, include_closed=include_closed)

    def account(self, account_id: int) -> CardAccountRow:
        with self.core.db.read() as s:
            return cards.account_in(s, account_id)

    def ledger(self, account_id: int) -> list[LedgerRow]:
        with self.core.db.read() as s:
            cards.account_in(s, account_id)
            return cards.ledger_in(s, account_id)

    def member(self, member_id: int) -> MemberRow:
        with self.core.db.read() as s:
            return cards.member_in(s, member_id)

    def search(self, text: str, limit: int = 50) -> list[MemberRow]:
        with self.core.db.read() as s:
            return cards.search_in(s, text, limit)

    # --- card products -------------------------------------------------------------
    def save_product(
        self, actor: Actor, data: CardProductInput, *, product_id: int | None = None
    ) -> CardProductRow:
        require(actor, Perm.CATALOGUE_EDIT)
        clean = checked_product(data)
        with self.core.db.tx() as s:
            p, before = save_product_in(s, self.core.clock, clean, product_id)
            row = product_row(s, p)
            record(
                s,
                self.core.clock,
                actor,
                "card.product",
                "card_product",
                p.id,
                before=before,
                after=asdict(row),
            )
            return row

    # --- the everyday card actions -----------------------------------------------------
    def sell(
        self, actor: Actor, *, member_id: int, product_id: int, price: Money, sale_ref: str
    ) -> CardAccountRow:
        require(actor, Perm.SELL)
        with self.core.db.tx() as s:
            return cards.sell_card_in(
                s,
                self.core.clock,
                actor,
                member_id=member_id,
                product_id=product_id,
                price=price,
                sale_ref=sale_ref,
            )

    def top_up(
        self, actor: Actor, *, account_id: int, amount: Money, bonus: Money, sale_ref: str
    ) -> LedgerRow:
        require(actor, Perm.SELL)
        with self.core.db.tx() as s:
            return cards.top_up_in(
                s,
                self.core.clock,
                actor,
                account_id=account_id,
                amount=amount,
                bonus=bonus,
                sale_ref=sale_ref,
            )

    def use_sessions(
        self, actor: Actor, *, account_id: int, service_id: int, sessions: int, sale_ref: str
    ) -> LedgerRow:
        require(actor, Perm.SELL)
        with self.core.db.tx() as s:
            return cards.use_sessions_in(
                s,
                self.core.clock,
                actor,
                account_id=account_id,
                service_id=service_id,
                sessions=sessions,
                sale_ref=sale_ref,
            )

    def spend_value(
        self, actor: Actor, *, account_id: int, amount: Money, sale_ref: str
    ) -> ValueSpend:
        require(actor, Perm.SELL)
        with self.core.db.tx() as s:
            return cards.spend_value_in(
                s, self.core.clock, actor, account_id=account_id, amount=amount, sale_ref=sale_ref
            )

    def sign(self, actor: Actor, ledger_id: int, strokes: list[list[list[float]]]) -> None:
        with self.core.db.tx() as s:
            card_admin.sign_in(s, self.core.clock, ledger_id, strokes)

    # --- protected card actions --------------------------------------------------------
    def _audit(self, s: object, actor: Actor, action: str, row: LedgerRow, reason: str) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        record(
            s,
            self.core.clock,
            actor,
            action,
            "card_account",
            row.account_id,
            after=asdict(row),
            reason=reason or None,
        )

    def freeze(self, actor: Actor, account_id: int, reason: str) -> LedgerRow:
        require(actor, Perm.CARD_ADJUST)
        with self.core.db.tx() as s:
            row = ledger_row(card_admin.freeze_in(s, self.core.clock, actor, account_id, reason))
            self._audit(s, actor, "card.freeze", row, reason)
            return row

    def unfreeze(self, actor: Actor, account_id: int) -> LedgerRow:
        with self.core.db.tx() as s:
            row = ledger_row(card_admin.unfreeze_in(s, self.core.clock, actor, account_id))
            self._audit(s, actor, "card.unfreeze", row, "")
            return row

    def extend(self, actor: Actor, account_id: int, days: int, reason: str) -> LedgerRow:
        require(actor, Perm.CARD_ADJUST)
        with self.core.db.tx() as s:
            entry = card_admin.extend_in(s, self.core.clock, actor, account_id, days, reason)
            row = ledger_row(entry)
            self._audit(s, actor, "card.extend", row, reason)
            return row

    def adjust(
        self,
        actor: Actor,
        account_id: int,
        *,
        sessions: int = 0,
        principal: Money = ZERO,
        bonus: Money = ZERO,
        reason: str,
    ) -> LedgerRow:
        require(actor, Perm.CARD_ADJUST)
        with self.core.db.tx() as s:
            entry = card_admin.adjust_in(
                s,
                self.core.clock,
                actor,
                account_id,
                sessions=sessions,
                principal=principal,
                bonus=bonus,
                reason=reason,
            )
            row = ledger_row(entry)
            self._audit(s, actor, "card.adjust", row, reason)
            return row

    def transfer(
        self, actor: Actor, account_id: int, to_member_id: int, reason: str
    ) -> CardAccountRow:
        require(actor, Perm.CARD_ADJUST)
        with self.core.db.tx() as s:
            old, new = card_admin.transfer_in(
                s, self.core.clock, actor, account_id, to_member_id, reason
            )
            record(
                s,
                self.core.clock,
                actor,
                "card.transfer",
                "card_account",
                old.id,
                before={"member_id": old.member_id},
                after={"member_id": new.member_id, "account_id": new.id},
                reason=reason,
            )
            return cards.account_in(s, new.id)

    def expire_due(self, actor: Actor | None = None) -> list[LedgerRow]:
        """Close the cards whose last day has passed (run at opening and closing)."""
        with self.core.db.tx() as s:
            return [ledger_row(e) for e in card_admin.expire_due_in(s, self.core.clock, actor)]
