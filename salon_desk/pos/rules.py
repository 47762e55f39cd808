"""Pure rules of the register: line and ticket pricing, discount limits, tenders, change.

All amounts are :class:`Money` in integer fen; percentages are basis points rounded once
per amount with the one rule of ``core/money.py``. The invariants the property tests hold:

* ``total == subtotal - line_discounts - ticket_discount`` and ``total == sum(line nets)``
* the ticket discount is spread over the lines with :meth:`Money.allocate`, so the shares
  add up to the fen
* ``sum(applied payments) == total`` and ``change == cash received - cash due >= 0``
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from salon_desk.core.auth import DISCOUNT_LIMIT_BP, Actor, Perm, require
from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_
from salon_desk.core.money import MAX_FEN, ZERO, Money, total

#: The most units of one thing on one line: a typo guard (a scanner that repeats, 1111).
MAX_QTY = 999

LINE_KINDS: dict[str, str] = {
    "service": N_("Service"),
    "product": N_("Product"),
    "card_sale": N_("Card sold"),
    "top_up": N_("Top-up"),
}
#: Lines that are money received for a member's card, not revenue earned: a card sold
#: (开卡) or stored value topped up (充值). No discount applies to them, and they cannot
#: be paid from a card.
CARD_LINE_KINDS = frozenset({"card_sale", "top_up"})

#: Tenders and whether each needs a reference (terminal slip, transaction number, code).
TENDERS: dict[str, str] = {
    "cash": N_("Cash"),
    "bank_card": N_("Bank card"),
    "wechat": N_("WeChat Pay"),
    "alipay": N_("Alipay"),
    "voucher": N_("Cash voucher"),
    "stored_value": N_("Stored value"),
}
NEEDS_REFERENCE = frozenset({"bank_card", "wechat", "alipay", "voucher"})

#: Notes and coins counted in the drawer, in fen, largest first.
DENOMINATIONS: tuple[int, ...] = (10000, 5000, 2000, 1000, 500, 100, 50, 10)


# --- quantities and discounts ------------------------------------------------------------
def check_qty(qty: object) -> int:
    if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
        raise Invalid(N_("The quantity must be a whole number above zero."), field="qty")
    if qty > MAX_QTY:
        raise Invalid(N_("At most {n} of one item on a line."), field="qty", n=MAX_QTY)
    return qty


def check_bp(bp: object) -> int:
    if isinstance(bp, bool) or not isinstance(bp, int) or bp < 0 or bp > 10_000:
        raise Invalid(N_("A discount is between 0 % and 100 %."), field="discount")
    return bp


def check_amount(amount: object, *, field: str = "amount") -> Money:
    if not isinstance(amount, Money) or amount.fen < 0 or amount.fen > MAX_FEN:
        raise Invalid(N_("Enter an amount of zero or more."), field=field)
    return amount


def discount_bp_of(discount: Money, base: Money) -> int:
    """The share of ``base`` that ``discount`` takes, in basis points, rounded up so that a
    discount a fen over the limit still counts as over it."""
    if base.fen <= 0:
        return 0 if discount.fen <= 0 else 10_000
    return -(-discount.fen * 10_000 // base.fen)


def limit_bp(actor: Actor) -> int:
    return DISCOUNT_LIMIT_BP[actor.role]


def approve_discount(actor: Actor, share_bp: int) -> int | None:
    """Check a discount of ``share_bp`` against the actor's limit. Returns who approved a
    discount beyond the limit (a manager's staff id), ``None`` when none was needed.
    Raises :class:`Forbidden` (the UI offers the manager PIN) when the limit is passed."""
    if share_bp <= limit_bp(actor):
        return None
    require(actor, Perm.DISCOUNT_OVER_LIMIT)
    return actor.authorised_by or actor.staff_id


# --- pricing ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LineInput:
    """What pricing needs of a line."""

    unit_price: Money
    qty: int
    discount_bp: int = 0  # the counter's line discount
    discount: Money = ZERO  # a fixed amount off the line
    member_bp: int = 0  # the member's tier discount
    free: bool = False  # a gift (赠品) or a trial voucher (体验券): charged nothing
    discountable: bool = True  # False for a card sold or a top-up: paid in full


@dataclass(frozen=True, slots=True)
class PricedLine:
    gross: Money  # what it costs before anything: unit price x qty (0 when free)
    list_value: Money  # unit price x qty even when free (shown on the receipt)
    member_discount: Money
    line_discount: Money
    ticket_share: Money
    net: Money  # what the member pays for this line


@dataclass(frozen=True, slots=True)
class Priced:
    lines: tuple[PricedLine, ...]
    subtotal: Money  # sum of gross
    member_discount: Money
    line_discount: Money
    ticket_discount: Money
    total: Money

    @property
    def discount(self) -> Money:
        return self.member_discount + self.line_discount + self.ticket_discount


def price_line(line: LineInput) -> PricedLine:
    check_qty(line.qty)
    check_amount(line.unit_price, field="price")
    check_bp(line.discount_bp)
    check_bp(line.member_bp)
    check_amount(line.discount, field="discount")
    if not line.discountable and (line.discount_bp or line.discount or line.free):
        raise Invalid(N_("A card or a top-up is paid in full."), field="discount")
    list_value = line.unit_price * line.qty
    gross = ZERO if line.free else list_value
    member = gross.percent(line.member_bp) if line.discountable else ZERO
    after_member = gross - member
    own = after_member.percent(line.discount_bp) + line.discount
    if own > after_member:
        raise Invalid(N_("A discount cannot be more than the line costs."), field="discount")
    return PricedLine(gross, list_value, member, own, ZERO, after_member - own)


def price_ticket(
    lines: Sequence[LineInput], *, discount_bp: int = 0, discount: Money = ZERO
) -> Priced:
    """Price a ticket: each line, then the ticket discount (a percentage of what is left
    or a fixed amount) spread over the lines in proportion to their amounts. Lines that
    are not discountable (cards sold, top-ups) take no share and are not in its base."""
    check_bp(discount_bp)
    check_amount(discount, field="discount")
    priced = [price_line(line) for line in lines]
    weights = [p.net.fen if i.discountable else 0 for p, i in zip(priced, lines, strict=True)]
    before = Money(sum(weights))
    ticket = before.percent(discount_bp) + discount
    if ticket > before:
        raise Invalid(N_("A discount cannot be more than the ticket costs."), field="discount")
    shares = ticket.allocate(weights) if priced else []
    done = tuple(
        PricedLine(p.gross, p.list_value, p.member_discount, p.line_discount, sh, p.net - sh)
        for p, sh in zip(priced, shares, strict=True)
    )
    return Priced(
        lines=done,
        subtotal=total(p.gross for p in done),
        member_discount=total(p.member_discount for p in done),
        line_discount=total(p.line_discount for p in done),
        ticket_discount=ticket,
        total=total(p.net for p in done),
    )


# --- payments --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Tender:
    """One payment as entered. For cash, ``amount`` is what the member handed over."""

    kind: str
    amount: Money
    reference: str = ""
    account_id: int | None = None  # the member's stored-value card


@dataclass(frozen=True, slots=True)
class Settlement:
    applied: tuple[Money, ...]  # per tender, what goes against the ticket
    received: Money  # everything handed over
    change: Money  # cash given back

    @property
    def paid(self) -> Money:
        return total(self.applied)


def settle(due: Money, tenders: Sequence[Tender]) -> Settlement:
    """Check the payments against the amount due. Only cash may exceed it (the surplus is
    the change); every other tender must fit within what is left to pay."""
    if due.fen < 0:
        raise Invalid(N_("Nothing is due on this ticket."))
    if not tenders and due.fen > 0:
        raise Invalid(N_("Add a payment."), field="payments")
    seen_refs: set[tuple[str, str]] = set()
    for t in tenders:
        if t.kind not in TENDERS:
            raise Invalid(N_("Unknown way of paying: {kind}"), field="payments", kind=t.kind)
        if not isinstance(t.amount, Money) or t.amount.fen <= 0 or t.amount.fen > MAX_FEN:
            raise Invalid(N_("A payment must be more than zero."), field="payments")
        ref = (t.reference or "").strip()
        if t.kind in NEEDS_REFERENCE and not ref:
            raise Invalid(
                N_("Enter the reference of the {tender} payment."),
                field="reference",
                tender=TENDERS[t.kind],
            )
        if t.kind == "stored_value" and t.account_id is None:
            raise Invalid(N_("Choose the member's stored-value card."), field="payments")
        if len(ref) > 40:
            raise Invalid(N_("A payment reference is at most 40 characters."), field="reference")
        if not ref.isprintable():
            raise Invalid(
                N_("The reference contains characters that cannot be printed."), field="reference"
            )
        if ref and (t.kind, ref) in seen_refs:
            raise Invalid(
                N_("The same reference is entered twice: {ref}"), field="reference", ref=ref
            )
        if ref:
            seen_refs.add((t.kind, ref))
    other = total(t.amount for t in tenders if t.kind != "cash")
    cash = total(t.amount for t in tenders if t.kind == "cash")
    if other > due:
        raise Invalid(
            N_("Payments other than cash come to {paid}, more than the {due} due."),
            field="payments",
            paid=other,
            due=due,
        )
    cash_due = due - other
    if cash < cash_due:
        raise Invalid(N_("{short} is still to pay."), field="payments", short=cash_due - cash)
    change = cash - cash_due
    applied: list[Money] = []
    left_change = change
    # The change comes off the cash tenders, last first.
    for t in reversed(tenders):
        if t.kind == "cash" and left_change:
            take = min(left_change, t.amount)
            applied.append(t.amount - take)
            left_change -= take
        else:
            applied.append(t.amount)
    applied.reverse()
    return Settlement(tuple(applied), cash + other, change)


def cash_in_counts(counts: dict[int, int]) -> Money:
    """The value of a drawer count ``{denomination_fen: pieces}``."""
    value = 0
    for denom, pieces in counts.items():
        if denom not in DENOMINATIONS:
            raise Invalid(N_("Not a banknote or coin: {value}"), field="counts", value=denom)
        if isinstance(pieces, bool) or not isinstance(pieces, int) or not 0 <= pieces <= 9999:
            raise Invalid(N_("Enter how many pieces, from 0 to 9999."), field="counts")
        value += denom * pieces
    return Money(value)


def quick_notes(due: Money) -> list[Money]:
    """The cash amounts offered as one-tap buttons: exact, then the next ¥50 and ¥100."""
    notes = [due]
    for step in (5000, 10000):
        up = Money(-(-due.fen // step) * step)
        if up > due and up not in notes:
            notes.append(up)
    for fixed in (Money(5000), Money(10000)):
        if fixed > due and fixed not in notes:
            notes.append(fixed)
    return sorted(notes)
