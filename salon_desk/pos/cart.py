"""The ticket being rung up: lines, member, discounts, gifts and trial vouchers. Pure.

A :class:`Ticket` is edited by the register as the counter taps; every change is checked
at once (quantities, discount limits of the signed-in role) and :meth:`Ticket.priced`
gives the totals. The checkout checks the whole ticket again before it writes anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from salon_desk.core.auth import Actor
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import ZERO, Money
from salon_desk.pos.cart_line import Line, MemberRef
from salon_desk.pos.rules import (
    CARD_LINE_KINDS,
    LINE_KINDS,
    Priced,
    approve_discount,
    check_amount,
    check_bp,
    check_qty,
    discount_bp_of,
    price_line,
    price_ticket,
)

__all__ = ["MAX_LINES", "Line", "MemberRef", "Ticket"]

MAX_LINES = 60


@dataclass
class Ticket:
    lines: list[Line] = field(default_factory=list)
    member: MemberRef | None = None
    discount_bp: int = 0
    discount: Money = ZERO
    discount_by: int | None = None
    _next_key: int = 1

    # --- reading ---------------------------------------------------------------------
    @property
    def member_bp(self) -> int:
        return self.member.tier_bp if self.member else 0

    def priced(self) -> Priced:
        return price_ticket(
            [line.pricing(self.member_bp) for line in self.lines],
            discount_bp=self.discount_bp,
            discount=self.discount,
        )

    def line(self, key: int) -> Line:
        for line in self.lines:
            if line.key == key:
                return line
        raise NotFound(N_("That line is no longer on the ticket."))

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def card_total(self) -> Money:
        """What the ticket charges for cards sold and top-ups (never paid from a card)."""
        priced = self.priced()
        return Money(
            sum(p.net.fen for ln, p in zip(self.lines, priced.lines, strict=True) if ln.for_card)
        )

    @property
    def booking_ids(self) -> list[int]:
        """The appointments this ticket pays (marked paid by the checkout)."""
        return list(dict.fromkeys(ln.booking_id for ln in self.lines if ln.booking_id))

    # --- adding and changing lines -----------------------------------------------------
    def add(
        self,
        kind: str,
        item_id: int,
        name: str,
        unit_price: Money,
        *,
        qty: int = 1,
        beautician_ids: tuple[int, ...] = (),
        seller_id: int | None = None,
        booking_id: int | None = None,
        bonus: Money = ZERO,
    ) -> Line:
        """Add a line; the same product tapped or scanned again adds one to its line.
        A card sold or a top-up is for the attached member, one to a line."""
        if kind not in LINE_KINDS:
            raise Invalid(N_("Unknown kind of line: {kind}"), kind=kind)
        check_qty(qty)
        check_amount(unit_price, field="price")
        check_amount(bonus, field="bonus")
        if kind in CARD_LINE_KINDS:
            self._check_card_line(kind, item_id, unit_price, qty, bonus)
        elif bonus:
            raise Invalid(N_("Only a top-up carries a bonus."), field="bonus")
        if booking_id is not None and booking_id in self.booking_ids:
            raise Invalid(N_("This appointment is already on the ticket."))
        if kind == "product":
            for line in self.lines:
                if line.kind == "product" and line.item_id == item_id and not line.gift:
                    return self.set_qty(line.key, line.qty + qty)
        if len(self.lines) >= MAX_LINES:
            raise Invalid(N_("A ticket holds at most {n} lines."), n=MAX_LINES)
        line = Line(
            self._next_key,
            kind,
            item_id,
            name,
            unit_price,
            qty,
            beautician_ids=tuple(beautician_ids),
            seller_id=seller_id,
            booking_id=booking_id if kind == "service" else None,
            bonus=bonus,
        )
        self._next_key += 1
        self.lines.append(line)
        return line

    def _check_card_line(
        self, kind: str, item_id: int, unit_price: Money, qty: int, bonus: Money
    ) -> None:
        if self.member is None:
            raise Invalid(N_("Attach the member first."))
        if qty != 1:
            raise Invalid(N_("One card to a line."), field="qty")
        if kind == "top_up":
            if unit_price.fen <= 0:
                raise Invalid(N_("Enter an amount above zero."), field="amount")
            if any(ln.kind == "top_up" and ln.item_id == item_id for ln in self.lines):
                raise Invalid(N_("This card is already topped up on the ticket."))

    def _put(self, line: Line) -> Line:
        price_line(line.pricing(self.member_bp))  # refuses a discount beyond the line
        self.lines = [line if old.key == line.key else old for old in self.lines]
        self._check_ticket_discount()
        return line

    def set_qty(self, key: int, qty: int) -> Line:
        check_qty(qty)
        line = self.line(key)
        if line.for_card and qty != 1:
            raise Invalid(N_("One card to a line."), field="qty")
        return self._put(replace(line, qty=qty))

    def remove(self, key: int) -> None:
        """Take a line off before payment (nothing was sold yet, so nothing to void)."""
        self.line(key)
        self.lines = [line for line in self.lines if line.key != key]
        if not self.lines:
            self.discount_bp, self.discount, self.discount_by = 0, ZERO, None
        self._check_ticket_discount()

    def set_staff(
        self, key: int, *, beautician_ids: tuple[int, ...] = (), seller_id: int | None = None
    ) -> Line:
        return self._put(
            replace(self.line(key), beautician_ids=tuple(beautician_ids), seller_id=seller_id)
        )

    def set_line_discount(
        self, actor: Actor, key: int, *, bp: int = 0, amount: Money = ZERO
    ) -> Line:
        """A percentage or a fixed amount off one line, within the actor's limit; beyond it
        :class:`Forbidden` asks for a manager's PIN."""
        check_bp(bp)
        check_amount(amount, field="discount")
        line = self.line(key)
        if line.free:
            raise Invalid(N_("A free line cannot be discounted."), field="discount")
        if line.for_card:
            raise Invalid(N_("A card or a top-up is paid in full."), field="discount")
        trial = replace(line, discount_bp=bp, discount=amount)
        p = price_line(trial.pricing(self.member_bp))
        base = p.gross - p.member_discount
        by = approve_discount(actor, discount_bp_of(p.line_discount, base))
        return self._put(replace(trial, discount_by=by))

    def set_ticket_discount(self, actor: Actor, *, bp: int = 0, amount: Money = ZERO) -> Priced:
        check_bp(bp)
        check_amount(amount, field="discount")
        before = price_ticket([line.pricing(self.member_bp) for line in self.lines])
        priced = price_ticket(
            [line.pricing(self.member_bp) for line in self.lines], discount_bp=bp, discount=amount
        )
        by = approve_discount(actor, discount_bp_of(priced.ticket_discount, before.total))
        self.discount_bp, self.discount, self.discount_by = bp, amount, by
        return priced

    def make_gift(self, actor: Actor, key: int) -> Line:
        """Give a product line free (赠品). A gift is a 100 % discount: beyond the role's
        limit it needs a manager. The stock still leaves the shelf."""
        line = self.line(key)
        if line.kind != "product":
            raise Invalid(N_("Only a product can be a gift."))
        by = approve_discount(actor, 10_000)
        return self._put(replace(line, gift=True, discount_bp=0, discount=ZERO, discount_by=by))

    def apply_trial_voucher(self, key: int, code: str) -> Line:
        """A trial voucher (体验券) makes one service free; the code can be used once."""
        code = (code or "").strip()
        if not code or len(code) > 40:
            raise Invalid(N_("Enter the code of the voucher."), field="code")
        line = self.line(key)
        if line.kind != "service":
            raise Invalid(N_("A trial voucher is for a service."))
        if any(other.trial_code == code for other in self.lines):
            raise Invalid(N_("This voucher is already on the ticket: {code}"), code=code)
        if line.qty != 1:
            raise Invalid(N_("A trial voucher covers one treatment."), field="qty")
        return self._put(replace(line, trial_code=code, discount_bp=0, discount=ZERO))

    def use_card(self, key: int, account_id: int, label: str) -> Line:
        """The member's session or period card covers this service (the checkout takes the
        treatments off the card); the line is then charged nothing."""
        line = self.line(key)
        if line.kind != "service":
            raise Invalid(N_("A treatment card is for a service."))
        if self.member is None:
            raise Invalid(N_("Attach the member first."))
        return self._put(
            replace(
                line,
                card_account_id=account_id,
                card_label=label[:40],
                discount_bp=0,
                discount=ZERO,
                trial_code="",
            )
        )

    def attach_member(self, member: MemberRef | None) -> Priced:
        if member is not None:
            check_bp(member.tier_bp)
        same = member is not None and self.member is not None and member.id == self.member.id
        if not same and any(ln.for_card for ln in self.lines):
            raise Invalid(
                N_("The cards on this ticket are for {name}: take them off first."),
                name=self.member.name if self.member else "",
            )
        self.member = member
        if member is None:  # cards belong to the member who was attached
            self.lines = [
                replace(ln, card_account_id=None, card_label="") if ln.card_account_id else ln
                for ln in self.lines
            ]
        self._check_ticket_discount()
        return self.priced()

    def _check_ticket_discount(self) -> None:
        try:
            self.priced()
        except Invalid:
            # The ticket shrank below its fixed discount: the discount goes, not the line.
            self.discount_bp, self.discount, self.discount_by = 0, ZERO, None

    # --- parking ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "lines": [
                {
                    **asdict(line),
                    "unit_price": line.unit_price.fen,
                    "discount": line.discount.fen,
                    "bonus": line.bonus.fen,
                }
                for line in self.lines
            ],
            "member": asdict(self.member) if self.member else None,
            "discount_bp": self.discount_bp,
            "discount": self.discount.fen,
            "discount_by": self.discount_by,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ticket:
        lines = [
            Line(
                **{
                    **raw,
                    "unit_price": Money(raw["unit_price"]),
                    "discount": Money(raw["discount"]),
                    "bonus": Money(raw.get("bonus", 0)),
                    "beautician_ids": tuple(raw["beautician_ids"]),
                    "booking_id": raw.get("booking_id"),
                }
            )
            for raw in data["lines"]
        ]
        member = MemberRef(**data["member"]) if data.get("member") else None
        return cls(
            lines=lines,
            member=member,
            discount_bp=data["discount_bp"],
            discount=Money(data["discount"]),
            discount_by=data["discount_by"],
            _next_key=max((line.key for line in lines), default=0) + 1,
        )
