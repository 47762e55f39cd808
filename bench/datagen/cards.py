"""Treatment cards in memory while the days are generated: each change is one ledger row
with the balance after it, as :func:`salon_desk.members.card_ledger.post` writes it; the
account rows are written at the end with the balances the ledger adds up to."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime

from bench.datagen.reference import CardProduct
from bench.datagen.sink import Sink, day_text, stamp, ts
from salon_desk.members.card_rules import expiry_for, split_spend


@dataclass
class Card:
    id: int
    number: str
    member_id: int
    product: CardProduct
    sold_at: datetime
    sold_by: int
    sale_ref: str
    starts_on: date | None
    expires_on: date | None
    status: str = "active"
    sessions: int = 0
    principal: int = 0
    bonus: int = 0
    last_use: date | None = None


@dataclass
class Cards:
    sink: Sink
    by_member: dict[int, list[Card]] = field(default_factory=dict)
    all: list[Card] = field(default_factory=list)
    due: list[tuple[date, int]] = field(default_factory=list)  # (expires_on, index in all)
    per_day: dict[date, int] = field(default_factory=dict)

    def post(
        self,
        card: Card,
        kind: str,
        at: datetime,
        day: date,
        *,
        sessions: int = 0,
        principal: int = 0,
        bonus: int = 0,
        uses: int = 0,
        service_id: int | None = None,
        list_price: int = 0,
        expires_after: date | None = None,
        sale_ref: str | None = None,
        staff_id: int | None = None,
    ) -> None:
        card.sessions += sessions
        card.principal += principal
        card.bonus += bonus
        assert card.sessions >= 0 and card.principal >= 0 and card.bonus >= 0
        self.sink.add(
            "card_ledger",
            (
                self.sink.new_id("card_ledger"),
                card.id,
                ts(at),
                day_text(day),
                kind,
                sessions,
                principal,
                bonus,
                card.sessions,
                card.principal,
                card.bonus,
                uses,
                service_id,
                list_price,
                day_text(expires_after) if expires_after else None,
                sale_ref,
                None,
                None,
                staff_id,
                None,
                "",
            ),
        )

    def sell(
        self, member_id: int, product: CardProduct, at: datetime, day: date, staff_id: int
    ) -> Card:
        n = self.per_day.get(day, 0) + 1
        self.per_day[day] = n
        number = f"{stamp(day)}-{n:04d}"
        starts = None if product.from_first_use else day
        expires = expiry_for(starts, product.valid_days) if starts else None
        card = Card(
            id=self.sink.new_id("card_account"),
            number=number,
            member_id=member_id,
            product=product,
            sold_at=at,
            sold_by=staff_id,
            sale_ref=f"CARD-{number}",
            starts_on=starts,
            expires_on=expires,
        )
        self.all.append(card)
        self.by_member.setdefault(member_id, []).append(card)
        self._watch(card)
        self.post(
            card,
            "sale",
            at,
            day,
            sessions=product.sessions if product.kind == "sessions" else 0,
            principal=product.price_fen if product.kind == "value" else 0,
            expires_after=expires,
            sale_ref=card.sale_ref,
            staff_id=staff_id,
        )
        if product.kind == "value" and product.bonus_fen:
            self.post(
                card,
                "bonus",
                at,
                day,
                bonus=product.bonus_fen,
                sale_ref=card.sale_ref,
                staff_id=staff_id,
            )
        return card

    def _watch(self, card: Card) -> None:
        if card.expires_on is not None:
            heapq.heappush(self.due, (card.expires_on, card.id - 1))  # ids follow self.all

    def expire(self, day: date, at: datetime) -> None:
        """What ``expire_due`` does on ``day``: close every active card past its last day."""
        while self.due and self.due[0][0] < day:
            _, index = heapq.heappop(self.due)
            card = self.all[index]
            if card.status != "active" or card.expires_on is None or card.expires_on >= day:
                continue
            self.post(
                card,
                "expiry",
                at,
                day,
                sessions=-card.sessions,
                principal=-card.principal,
                bonus=-card.bonus,
                expires_after=card.expires_on,
            )
            card.status = "expired"

    def for_service(self, member_id: int, service_id: int, day: date) -> Card | None:
        """A usable session pack or period card of the member that covers the service and
        was last used at least a week ago (so no day, week or gap cap can refuse it)."""
        for card in self.by_member.get(member_id, ()):
            p = card.product
            if (
                card.status == "active"
                and p.kind in ("sessions", "period")
                and service_id in p.service_ids
                and (card.expires_on is None or card.expires_on >= day)
                and (p.kind == "period" or card.sessions >= 1)
                and (card.last_use is None or (day - card.last_use).days >= 7)
            ):
                return card
        return None

    def use(
        self,
        card: Card,
        service_id: int,
        price_fen: int,
        at: datetime,
        day: date,
        ref: str,
        staff: int,
    ) -> None:
        if card.starts_on is None:
            card.starts_on = day
            card.expires_on = expiry_for(day, card.product.valid_days)
            self._watch(card)
        card.last_use = day
        self.post(
            card,
            "use",
            at,
            day,
            sessions=-1 if card.product.kind == "sessions" else 0,
            uses=1,
            service_id=service_id,
            list_price=price_fen,
            expires_after=card.expires_on,
            sale_ref=ref,
            staff_id=staff,
        )

    def value_card(self, member_id: int, amount: int, day: date) -> Card | None:
        for card in self.by_member.get(member_id, ()):
            if (
                card.status == "active"
                and card.product.kind == "value"
                and (card.expires_on is None or card.expires_on >= day)
                and card.principal + card.bonus >= amount
            ):
                return card
        return None

    def spend(self, card: Card, amount: int, at: datetime, day: date, ref: str, staff: int) -> None:
        principal, bonus = split_spend(amount, card.principal, card.bonus)
        self.post(
            card, "use", at, day, principal=-principal, bonus=-bonus, sale_ref=ref, staff_id=staff
        )

    def write_accounts(self) -> None:
        for c in self.all:
            self.sink.add(
                "card_account",
                (
                    c.id,
                    c.number,
                    c.member_id,
                    c.product.id,
                    c.product.kind,
                    c.product.price_fen,
                    ts(c.sold_at),
                    c.sold_by,
                    c.sale_ref,
                    day_text(c.starts_on) if c.starts_on else None,
                    day_text(c.expires_on) if c.expires_on else None,
                    None,
                    c.status,
                    c.sessions,
                    c.principal,
                    c.bonus,
                ),
            )
        for day, n in self.per_day.items():
            self.sink.add("doc_counter", ("card", day_text(day), n))
