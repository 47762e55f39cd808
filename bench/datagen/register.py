"""The register's days: the float counted in the morning, the sales (with their lines,
beauticians, payments, card uses and stock taken off the shelf), and the Z report that
closes the day with the figures the sales add up to."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bench.datagen.bookings import Book, Guest
from bench.datagen.cards import Cards
from bench.datagen.reference import Reference, Service
from bench.datagen.sink import Sink, as_json, day_text, pick, stamp, ts
from bench.datagen.stock import Product, Stock
from salon_desk.core.money import Money
from salon_desk.pos.days import figures_to_json
from salon_desk.pos.demo import counts_for
from salon_desk.pos.rows import DayFigures
from salon_desk.pos.rules import TENDERS

FLOAT_FEN = 50_000
TENDER_ODDS = ("wechat",) * 9 + ("alipay",) * 5 + ("cash",) * 3 + ("bank_card",) * 3
REF_PREFIX = {"wechat": "4200", "alipay": "2026", "bank_card": "POS"}


@dataclass
class Ticket:
    at: datetime
    guest: Guest | None
    services: list[Service]
    beautician: int | None
    products: list[tuple[Product, int]]
    booking_id: int | None = None
    buys_card: bool = False


@dataclass
class Register:
    sink: Sink
    ref: Reference
    cards: Cards
    stock: Stock
    book: Book
    tier_bp: list[int]
    percent: dict[tuple[int, int], int] = field(default_factory=dict)

    def discount(self, gross: int, bp: int) -> int:
        key = (gross, bp)
        found = self.percent.get(key)
        if found is None:
            found = Money(gross).percent(bp).fen
            self.percent[key] = found
        return found

    def open_day(self, day: date, at: datetime, first: bool) -> None:
        counts = {str(k): v for k, v in sorted(counts_for(Money(FLOAT_FEN)).items(), reverse=True)}
        self.sink.add(
            "pos_till_open",
            (
                self.sink.new_id("pos_till_open"),
                day_text(day),
                ts(at),
                self.ref.counters[0],
                FLOAT_FEN,
                as_json(counts),
                None if first else FLOAT_FEN,
                "",
            ),
        )

    def trade(
        self, rng: random.Random, day: date, tickets: list[Ticket], close_at: datetime
    ) -> None:
        tickets.sort(key=lambda t: t.at)
        n_sales = gross_sum = disc_sum = takings = 0
        by_tender = dict.fromkeys(TENDERS, 0)
        for k, t in enumerate(tickets, start=1):
            number = f"{stamp(day)}-{k:04d}"
            sale_id = self.sink.new_id("pos_sale")
            counter = pick(rng, self.ref.counters)
            member_id = t.guest.member_id if t.guest else None
            bp = self.tier_bp[member_id - 1] if member_id else 0
            if t.buys_card and member_id is not None:
                card_product = pick(rng, self.ref.card_products)
                self.cards.sell(member_id, card_product, t.at - timedelta(minutes=2), day, counter)
            subtotal = member_disc = 0
            seq = 0
            for service in t.services:
                seq += 1
                line_id = self.sink.new_id("pos_sale_line")
                card = self.cards.for_service(member_id, service.id, day) if member_id else None
                if card is not None:
                    self.cards.use(card, service.id, service.price_fen, t.at, day, number, counter)
                    gross = disc = 0
                else:
                    gross = service.price_fen
                    disc = self.discount(gross, bp)
                subtotal += gross
                member_disc += disc
                self.sink.add(
                    "pos_sale_line",
                    (
                        line_id,
                        sale_id,
                        seq,
                        "service",
                        service.id,
                        None,
                        service.name,
                        service.price_fen,
                        1,
                        service.price_fen,
                        gross,
                        disc,
                        0,
                        0,
                        gross - disc,
                        0,
                        0,
                        None,
                        0,
                        "",
                        None,
                        None,  # card_product_id, card_account_id, bonus_fen: card lines only
                        None,
                        0,
                    ),
                )
                if t.beautician is not None:
                    self.sink.add("pos_sale_line_beautician", (line_id, t.beautician))
            for product, qty in t.products:
                seq += 1
                gross = product.price_fen * qty
                disc = self.discount(gross, bp)
                subtotal += gross
                member_disc += disc
                self.sink.add(
                    "pos_sale_line",
                    (
                        self.sink.new_id("pos_sale_line"),
                        sale_id,
                        seq,
                        "product",
                        None,
                        product.id,
                        product.name,
                        product.price_fen,
                        qty,
                        gross,
                        gross,
                        disc,
                        0,
                        0,
                        gross - disc,
                        0,
                        0,
                        None,
                        0,
                        "",
                        t.beautician,
                        None,
                        None,
                        0,
                    ),
                )
                self.stock.sell(product, qty, number, t.at, counter)
            total = subtotal - member_disc
            received, change = self.pay(
                rng, sale_id, number, member_id, total, t.at, day, counter, by_tender
            )
            self.sink.add(
                "pos_sale",
                (
                    sale_id,
                    number,
                    f"bench-{sale_id:012d}",
                    day_text(day),
                    ts(t.at),
                    counter,
                    member_id,
                    t.guest.name if member_id and t.guest else "",
                    bp,
                    subtotal,
                    member_disc,
                    0,
                    0,
                    0,
                    None,
                    total,
                    received,
                    change,
                ),
            )
            if t.booking_id is not None:
                self.book.paid(t.booking_id, number, t.at, counter)
            n_sales += 1
            gross_sum += subtotal
            disc_sum += member_disc
            takings += total
        if tickets:
            self.sink.add("doc_counter", ("receipt", day_text(day), len(tickets)))
        self.close_day(day, close_at, n_sales, gross_sum, disc_sum, takings, by_tender)

    def pay(
        self,
        rng: random.Random,
        sale_id: int,
        number: str,
        member_id: int | None,
        total: int,
        at: datetime,
        day: date,
        counter: int,
        by_tender: dict[str, int],
    ) -> tuple[int, int]:
        """Payments that add up to the total; returns (received, change)."""
        if total == 0:
            return 0, 0
        payments: list[tuple[str, int, int, str]] = []  # tender, applied, received, reference
        card = self.cards.value_card(member_id, total, day) if member_id else None
        if card is not None and rng.random() < 0.8:
            self.cards.spend(card, total, at, day, number, counter)
            payments.append(("stored_value", total, total, card.number))
        else:
            left = total
            if total > 20_000 and rng.random() < 0.1:  # part in cash, the rest by phone
                payments.append(("cash", 10_000, 10_000, ""))
                left -= 10_000
            tender = pick(rng, TENDER_ODDS)
            if tender == "cash":
                handed = -(-left // 5_000) * 5_000 if rng.random() < 0.6 else left
                payments.append(("cash", left, handed, ""))
            else:
                reference = f"{REF_PREFIX[tender]}{sale_id:012d}"
                payments.append((tender, left, left, reference))
        received = change = 0
        for seq, (tender, applied, handed, reference) in enumerate(payments, start=1):
            self.sink.add(
                "pos_payment",
                (self.sink.new_id("pos_payment"), sale_id, seq, tender, applied, handed, reference),
            )
            by_tender[tender] += applied
            received += handed
            change += handed - applied
        return received, change

    def close_day(
        self,
        day: date,
        at: datetime,
        n_sales: int,
        gross: int,
        discounts: int,
        takings: int,
        by_tender: dict[str, int],
    ) -> None:
        expected = FLOAT_FEN + by_tender["cash"]
        figures = DayFigures(
            day=day,
            sales=n_sales,
            gross=Money(gross),
            discounts=Money(discounts),
            takings=Money(takings),
            refunds=0,
            refunded=Money(0),
            by_tender={k: Money(v) for k, v in by_tender.items()},
            opening_float=Money(FLOAT_FEN),
            paid_in=Money(0),
            paid_out=Money(0),
            no_sales=0,
            expected_cash=Money(expected),
        )
        counts = {str(k): v for k, v in sorted(counts_for(Money(expected)).items(), reverse=True)}
        self.sink.add(
            "pos_z_report",
            (
                self.sink.new_id("pos_z_report"),
                f"{stamp(day)}-0001",
                day_text(day),
                ts(at),
                self.ref.managers[0],
                as_json(figures_to_json(figures)),
                as_json(counts),
                expected,
                expected,
                0,
                FLOAT_FEN,
                expected - FLOAT_FEN,
                "",
                "",
            ),
        )
        self.sink.add("doc_counter", ("z", day_text(day), 1))
