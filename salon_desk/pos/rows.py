"""What the register services return: frozen rows, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from salon_desk.core.money import ZERO, Money


@dataclass(frozen=True, slots=True)
class TillStatus:
    day: date
    opened: bool
    opening_float: Money | None
    closed: bool
    z_number: str | None
    #: The last day before ``day`` that had an opening, and whether it was closed (Z).
    previous_day: date | None
    previous_settled: bool
    #: The float yesterday's closing kept for today (what this morning's count should be).
    expected_float: Money | None
    previous_handover: str
    open_tickets: int


@dataclass(frozen=True, slots=True)
class OpenResult:
    day: date
    opening_float: Money
    expected_float: Money | None
    #: ``counted - expected`` when yesterday kept a float and today's count differs.
    difference: Money | None


@dataclass(frozen=True, slots=True)
class DrawerEvent:
    id: int
    at: datetime
    kind: str
    amount: Money
    reason: str
    staff_name: str


@dataclass(frozen=True, slots=True)
class SaleLineRow:
    id: int
    seq: int
    kind: str
    item_id: int
    name: str
    unit_price: Money
    qty: int
    list_value: Money
    member_discount: Money
    line_discount: Money
    ticket_share: Money
    net: Money
    gift: bool
    trial_code: str
    beauticians: tuple[str, ...]
    seller: str
    refunded_qty: int
    refunded: Money
    #: top_up: the card topped up; card_sale: the card made; service: the card used
    card_account_id: int | None = None
    bonus: Money = ZERO  # top_up: stored value given on top

    @property
    def for_card(self) -> bool:
        """A card sold or a top-up: money received, not revenue earned."""
        return self.kind in ("card_sale", "top_up")


@dataclass(frozen=True, slots=True)
class PaymentRow:
    tender: str
    amount: Money
    received: Money
    reference: str


@dataclass(frozen=True, slots=True)
class SaleRow:
    id: int
    number: str
    day: date
    at: datetime
    cashier: str
    member_id: int | None
    member_name: str
    subtotal: Money
    member_discount: Money
    line_discount: Money
    ticket_discount: Money
    total: Money
    received: Money
    change: Money
    lines: tuple[SaleLineRow, ...]
    payments: tuple[PaymentRow, ...]
    refunded: Money
    voided: bool
    #: True when this call found a sale already made with the same key (a repeated tap).
    replayed: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParkedRow:
    id: int
    at: datetime
    label: str
    total: Money
    staff_name: str


@dataclass(frozen=True, slots=True)
class RefundRow:
    id: int
    number: str
    kind: str
    sale_number: str
    at: datetime
    total: Money
    payments: tuple[tuple[str, Money], ...]
    reason: str


@dataclass(frozen=True, slots=True)
class DayFigures:
    """The X report (any time) and the figures a Z report freezes."""

    day: date
    sales: int
    gross: Money  # subtotals before discounts
    discounts: Money
    takings: Money  # sum of the sales' totals
    refunds: int
    refunded: Money
    #: tender -> net amount (payments less refunds)
    by_tender: dict[str, Money]
    opening_float: Money
    paid_in: Money
    paid_out: Money
    no_sales: int
    expected_cash: Money
    #: The voids among ``refunds`` / ``refunded`` (a whole sale taken back the same day).
    voids: int = 0
    voided: Money = ZERO
    #: ``discounts`` split: the member tier, line discounts, ticket discounts.
    member_discount: Money = ZERO
    line_discount: Money = ZERO
    ticket_discount: Money = ZERO
    #: tender -> what refunds and voids paid back (``by_tender`` is net of it)
    back_by_tender: dict[str, Money] = field(default_factory=dict)
    #: Money received for members' cards on tickets (in ``takings``, not revenue):
    #: cards sold (开卡) and top-ups (充值), how many lines and how much; the stored
    #: value given on top of top-ups (赠送) is not money.
    cards_sold: int = 0
    cards_sold_value: Money = ZERO
    top_ups: int = 0
    top_ups_value: Money = ZERO
    bonus_given: Money = ZERO
    #: Cards used (no money in): treatments taken from session or period cards, and
    #: their list value. Stored value spent is ``by_tender["stored_value"]``.
    sessions_used: int = 0
    sessions_value: Money = ZERO
    #: Members' cards refunded (退卡) in cash from the drawer: how many, how much
    card_refunds: int = 0
    card_refunds_paid: Money = ZERO
    #: Members' cards refunded (退卡) and paid back by a method other than cash: method ->
    #: how much (not in ``by_tender``, which is the tickets' money)
    card_payouts: dict[str, Money] = field(default_factory=dict)

    @property
    def net(self) -> Money:
        return self.takings - self.refunded

    @property
    def refunds_only(self) -> int:
        return self.refunds - self.voids

    @property
    def refunded_only(self) -> Money:
        return self.refunded - self.voided

    def paid_in_by(self, tender: str) -> Money:
        """What came in by ``tender`` before anything was paid back."""
        return self.by_tender.get(tender, ZERO) + self.back_by_tender.get(tender, ZERO)

    def expected_by(self, method: str) -> Money:
        """What ``method`` (other than cash) should show for the day: the tickets' money
        less the cards refunded by it (what the terminal or the provider's statement says)."""
        return self.by_tender.get(method, ZERO) - self.card_payouts.get(method, ZERO)


@dataclass(frozen=True, slots=True)
class MethodCount:
    """A payment method other than cash at closing: what the day's payments say, what the
    terminal or statement says (``None``: not counted), and the difference."""

    method: str
    expected: Money
    counted: Money | None
    over_short: Money | None
    #: cards refunded by this method (``expected`` is net of them)
    card_refunds: Money = ZERO


@dataclass(frozen=True, slots=True)
class ZReportRow:
    number: str
    day: date
    at: datetime
    staff_name: str
    figures: DayFigures
    counted: Money
    expected: Money
    over_short: Money
    kept_float: Money
    to_safe: Money
    note: str
    handover: str
    counts: dict[int, int]
    #: bank card, WeChat Pay, Alipay: expected against counted (older Zs: not counted)
    methods: tuple[MethodCount, ...] = ()
