"""A line of the ticket being rung up, and the member attached to it. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from salon_desk.core.money import ZERO, Money
from salon_desk.pos.rules import CARD_LINE_KINDS, LineInput


@dataclass(frozen=True, slots=True)
class Line:
    key: int
    #: "service" | "product" | "card_sale" (开卡) | "top_up" (充值)
    kind: str
    #: service_item.id, product.id, card_product.id (card_sale), card_account.id (top_up)
    item_id: int
    name: str
    unit_price: Money
    qty: int = 1
    discount_bp: int = 0
    discount: Money = ZERO
    discount_by: int | None = None  # the manager who allowed a discount over the limit
    gift: bool = False  # 赠品: a product given free; it still leaves the shelf
    trial_code: str = ""  # 体验券: the voucher that makes this service free
    beautician_ids: tuple[int, ...] = ()
    seller_id: int | None = None
    booking_id: int | None = None  # the completed appointment this service line pays
    card_account_id: int | None = None  # a session or period card that covers this service
    card_label: str = ""
    bonus: Money = ZERO  # top_up: stored value given on top (赠送)

    @property
    def free(self) -> bool:
        return self.gift or bool(self.trial_code) or self.card_account_id is not None

    @property
    def for_card(self) -> bool:
        """A card sold or a top-up: money received, paid in full, not from a card."""
        return self.kind in CARD_LINE_KINDS

    def pricing(self, member_bp: int) -> LineInput:
        return LineInput(
            self.unit_price,
            self.qty,
            self.discount_bp,
            self.discount,
            0 if self.free or self.for_card else member_bp,
            self.free,
            not self.for_card,
        )


@dataclass(frozen=True, slots=True)
class MemberRef:
    """The member attached to a ticket, as the members side describes them."""

    id: int
    name: str
    tier_name: str = ""
    tier_bp: int = 0  # the tier's discount on everything not free
