"""The figures of the manager's reports, separate from how they are shown.

A :class:`DailyReport` or :class:`PeriodReport` is built once from the database (all money
in integer fen) and then rendered by the PDF, the CSV and XLSX exports and the Reports tab
from the same object, so every output shows the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salon_desk.core.money import ZERO, Money


@dataclass(frozen=True, slots=True)
class Header:
    shop_name: str
    shop_address: str
    start: date
    end: date  # inclusive; equal to ``start`` for a daily report
    printed_by: str
    printed_at: datetime  # shop-local, aware


# --- appointments ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AutoCancelled:
    number: str
    guest_name: str
    guest_phone: str
    starts_at: datetime  # shop-local
    closed_at: datetime | None  # shop-local
    beautician: str  # "07 李美"
    reason: str


@dataclass(frozen=True, slots=True)
class BeauticianBookings:
    number: str
    name: str
    requested_done: int  # 点钟 completed
    rotation_done: int  # 轮钟 completed
    value: Money  # list price of the completed services


@dataclass(frozen=True, slots=True)
class BookingFigures:
    total: int  # every booking made for the day(s), whatever became of it
    completed: int
    cancelled: int
    no_show: int
    auto_cancelled: int
    still_open: int  # booked, arrived or in service
    requested: int  # 点钟 among all
    rotation: int  # 轮钟 among all
    walk_ins: int  # bookings made for a walk-in
    completed_value: Money
    auto_cancelled_list: tuple[AutoCancelled, ...]
    by_beautician: tuple[BeauticianBookings, ...]


# --- stock counts -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CountVariance:
    count_number: str
    product: str  # brand, name, specification
    location: str  # key of ``stock.rules.LOCATIONS``
    expected: int
    counted: int
    variance: int
    value: Money  # at cost
    reason: str | None  # key of ``stock.rules.VARIANCE_REASONS``
    note: str


@dataclass(frozen=True, slots=True)
class StockCountFigures:
    counts: tuple[str, ...]  # numbers of the counts posted in the period
    lines_counted: int
    variances: tuple[CountVariance, ...]  # only the lines that differ

    @property
    def shortage(self) -> Money:
        return Money(sum(v.value.fen for v in self.variances if v.value.fen < 0))

    @property
    def surplus(self) -> Money:
        return Money(sum(v.value.fen for v in self.variances if v.value.fen > 0))

    @property
    def net(self) -> Money:
        return Money(sum(v.value.fen for v in self.variances))


# --- treatment cards ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CardFigures:
    """Cards in a day or range (rules in :mod:`salon_desk.reports.card_figures`). Money
    received for cards and revenue earned from cards are never added together."""

    sold: int  # cards sold, less sales undone
    sold_value: Money  # price paid for the cards sold
    topped_up: int
    top_up: Money  # stored-value principal added
    undone: Money  # sales and top-ups undone (reversed)
    bonus: Money  # bonus value given: not money
    refunds: int
    refund: Money  # paid back to members for cards refunded
    session_uses: int
    session: Money  # earned from session packs used
    value_uses: int
    principal_used: Money  # earned: stored-value principal spent
    bonus_used: Money  # not money
    period_uses: int
    period_list: Money  # period-card treatments at list price: not money
    period_earned: Money  # earned by period cards, by the day they run
    imported: int  # cards brought over from paper or another system
    imported_value: Money  # what was paid for them before: not money received now

    @property
    def received(self) -> Money:
        """Money received for cards (a liability until used)."""
        return self.sold_value + self.top_up - self.undone

    @property
    def earned(self) -> Money:
        """Revenue earned from cards used."""
        return self.session + self.principal_used + self.period_earned


# --- members ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CardsOwed:
    """What members' cards still hold at the end of a range (rules in
    :mod:`salon_desk.reports.member_figures`)."""

    cards: int  # cards with something left
    principal: Money  # unused stored value: money
    bonus: Money  # unused stored-value bonus: not money
    sessions: int  # unused sessions on session packs
    sessions_value: Money  # their worth at the price paid
    period_cards: int  # period cards with part of their price not yet earned
    period_unearned: Money  # that part: owed as days the card still runs

    @property
    def total(self) -> Money:
        """Money owed on cards: principal, sessions and period days (not the bonus)."""
        return self.principal + self.sessions_value + self.period_unearned


@dataclass(frozen=True, slots=True)
class TopMember:
    number: str
    name: str
    visits: int  # register tickets
    treatments: int  # treatments taken on cards
    spend: Money


@dataclass(frozen=True, slots=True)
class MemberFigures:
    total: int  # members on file at the end of the range
    new: int
    active: int
    owed: CardsOwed
    top: tuple[TopMember, ...]


# --- reports ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DailyReport:
    header: Header
    bookings: BookingFigures
    stock: StockCountFigures
    bookings_by_hour: tuple[int, ...]  # 24 counts of bookings by starting hour
    register: RegisterFigures
    cards: CardFigures


@dataclass(frozen=True, slots=True)
class DayRow:
    day: date
    bookings: int
    completed: int
    cancelled: int
    no_show: int
    auto_cancelled: int
    completed_value: Money
    stock_variance: Money
    sales: Money  # what the day's sales came to
    refunded: Money
    takings: Money  # all tenders, less money paid back
    over_short: Money | None  # None: the day was not closed
    cards_received: Money  # money received for cards (a liability)
    cards_earned: Money  # revenue earned from cards used


@dataclass(frozen=True, slots=True)
class PeriodReport:
    header: Header
    days: tuple[DayRow, ...]
    bookings: BookingFigures
    stock: StockCountFigures
    register: RegisterFigures
    cards: CardFigures
    members: MemberFigures


# --- the register -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TenderLine:
    tender: str  # key of ``pos.rules.TENDERS``
    received: Money  # against sales
    refunded: Money  # paid back for sales refunded or voided
    card_refunds: Money = ZERO  # paid back for members' cards refunded (退卡)

    @property
    def net(self) -> Money:
        return self.received - self.refunded - self.card_refunds


@dataclass(frozen=True, slots=True)
class RefundEntry:
    number: str
    kind: str  # "void" or "refund"
    sale_number: str
    at: datetime  # shop-local
    staff: str
    authorised_by: str
    reason: str
    amount: Money


@dataclass(frozen=True, slots=True)
class DrawerEntry:
    at: datetime  # shop-local
    kind: str  # "no_sale", "paid_in", "paid_out", "card_back"
    staff: str
    authorised_by: str
    amount: Money
    reason: str


@dataclass(frozen=True, slots=True)
class BeauticianSales:
    """What one beautician or seller did (shared service lines split evenly)."""

    number: str
    name: str
    requested: int  # service lines asked for by number (点钟)
    requested_value: Money  # net of discounts
    rotation: int  # service lines given in turn (轮钟)
    rotation_value: Money
    products: int  # units sold
    product_value: Money
    cards: int  # cards sold and topped up, less those undone
    card_value: Money
    commission: Money | None  # None: no rate is set for them

    @property
    def services(self) -> int:
        return self.requested + self.rotation

    @property
    def service_value(self) -> Money:
        return self.requested_value + self.rotation_value


@dataclass(frozen=True, slots=True)
class CashCount:
    z_number: str
    opening_float: Money
    expected: Money
    counted: Money
    over_short: Money
    kept_float: Money
    to_safe: Money
    note: str


@dataclass(frozen=True, slots=True)
class RegisterFigures:
    sales: int
    gross: Money  # list prices before discounts
    member_discount: Money
    line_discount: Money
    ticket_discount: Money
    total: Money  # what the sales came to
    services: Money  # net, by kind
    products: Money
    cards_on_tickets: Money  # cards sold and topped up on tickets (counted with the cards)
    gifts: int
    trial_vouchers: int
    cash_vouchers: int
    tenders: tuple[TenderLine, ...]
    refunds: tuple[RefundEntry, ...]
    drawer: tuple[DrawerEntry, ...]
    by_beautician: tuple[BeauticianSales, ...]
    sales_by_hour: tuple[int, ...]  # 24 amounts in fen: services and products, no cards
    till_opened: bool
    cash: CashCount | None  # None: the day is not closed (no Z report)

    @property
    def refunded(self) -> Money:
        return Money(sum(r.amount.fen for r in self.refunds))

    @property
    def takings(self) -> Money:
        """Money in less money paid back, all tenders (cash basis)."""
        return Money(sum(t.net.fen for t in self.tenders))
