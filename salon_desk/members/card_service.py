"""Treatment cards for the Members tab: card products, cards, their ledger.

``CardService(core)``: each change is one transaction that checks the permission, runs
the session functions of :mod:`salon_desk.members.cards` / ``card_admin`` and writes the
audit log. Card products need ``Perm.CATALOGUE_EDIT``; freezing, extending, adjusting
and transferring need ``Perm.CARD_ADJUST``; refunding (退卡) needs ``Perm.CARD_REFUND``;
selling, topping up and using need ``Perm.SELL``; unfreezing is an everyday action.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select

from salon_desk.booking.models import ServiceItem
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import MAX_FEN, ZERO, Money
from salon_desk.members import card_admin, cards
from salon_desk.members.card_ledger import ledger_row, product_row
from salon_desk.members.card_models import (
    CARD_CATEGORIES,
    CARD_KINDS,
    CardProduct,
    CardProductService,
)
from salon_desk.members.card_rows import (
    CardAccountRow,
    CardProductInput,
    CardProductRow,
    LedgerRow,
    ValueSpend,
)
from salon_desk.members.rows import MemberRow


def _optional_count(value: int | None, field: str, top: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise Invalid(N_("Enter a whole number from 1 to {n}."), field=field, n=top)
    return value


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
        code = (data.code or "").strip()
        name = (data.name or "").strip()
        if not code or len(code) > 16:
            raise Invalid(N_("A code has 1 to 16 characters."), field="code")
        if not name or len(name) > 40:
            raise Invalid(N_("A name has 1 to 40 characters."), field="name")
        if data.kind not in CARD_KINDS:
            raise Invalid(N_("Choose a period card, a session pack or stored value."), field="kind")
        if data.category not in CARD_CATEGORIES:
            raise Invalid(
                N_("Unknown card category: {value}"), field="category", value=data.category
            )
        for field, amount in (("price", data.price), ("bonus", data.bonus)):
            if not 0 <= amount.fen <= MAX_FEN:
                raise Invalid(
                    N_("Not an amount of money: {text}"), field=field, text=amount.format()
                )
        sessions = data.sessions if data.kind == "sessions" else 0
        if data.kind == "sessions":
            _optional_count(data.sessions, "sessions", 999)
        valid_days = _optional_count(data.valid_days, "valid_days", 3650)
        if data.kind == "period" and valid_days is None:
            raise Invalid(N_("A period card needs its number of days."), field="valid_days")
        per_day = _optional_count(data.per_day_cap, "per_day_cap", 20)
        per_week = _optional_count(data.per_week_cap, "per_week_cap", 100)
        gap = _optional_count(data.min_gap_hours, "min_gap_hours", 24 * 90)
        services = tuple(sorted(set(data.service_ids)))
        if data.kind != "value" and not services:
            raise Invalid(N_("Choose the services this card is for."), field="service_ids")
        if len(data.terms) > 1000:
            raise Invalid(N_("At most {n} characters."), field="terms", n=1000)
        with self.core.db.tx() as s:
            known = set(s.scalars(select(ServiceItem.id).where(ServiceItem.id.in_(services))))
            if known != set(services):
                raise Invalid(N_("No such service."), field="service_ids")
            same = s.scalar(select(CardProduct).where(CardProduct.code == code))
            if same is not None and same.id != product_id:
                raise Conflict(N_("The code {code} is already used."), field="code", code=code)
            if product_id is None:
                p = CardProduct(created_at=self.core.clock.now())
                s.add(p)
                before = None
            else:
                found = s.get(CardProduct, product_id)
                if found is None:
                    raise NotFound(N_("No such card product."))
                p = found
                before = asdict(product_row(s, p))
            p.code, p.name, p.kind, p.category = code, name, data.kind, data.category
            p.price_fen, p.bonus_fen, p.sessions = data.price.fen, data.bonus.fen, sessions
            p.valid_days, p.from_first_use = valid_days, bool(data.from_first_use)
            p.per_day_cap, p.per_week_cap, p.min_gap_hours = per_day, per_week, gap
            p.terms, p.active = data.terms.strip(), bool(data.active)
            s.flush()
            for link in s.scalars(
                select(CardProductService).where(CardProductService.product_id == p.id)
            ):
                s.delete(link)
            s.flush()
            for sid in services:
                s.add(CardProductService(product_id=p.id, service_id=sid))
            s.flush()
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
