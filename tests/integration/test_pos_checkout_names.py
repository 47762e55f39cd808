"""What a ticket names — its member and their level, services, products, card products and
staff — is read again when it is paid (in one statement with the cards): a service taken
off the price list, a product or a card no longer sold, a beautician who has left, a member
erased or whose level changed since the ticket was rung up is refused with its own
message, and nothing is saved."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from test_pos_checkout import Shop, counts, make_shop, open_till

from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, NotFound, SalonError
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.privacy_service import MemberPrivacyService
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.rules import Tender
from salon_desk.stock.service import StockService


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    shop = make_shop(core, owner)
    open_till(core, owner)
    return shop


def gold_member(core: Core, owner: Actor) -> MemberRow:
    members = MemberService(core)
    gold = members.save_tier(owner, name="金卡", discount_bp=1200)
    return members.create(owner, MemberInput(name="张丽", phone="13812345678", tier_id=gold.id))


def card_product(
    core: Core, owner: Actor, *, active: bool = True, product_id: int | None = None
) -> int:
    row = CardService(core).save_product(
        owner,
        CardProductInput(
            code="V1",
            name="储值卡",
            kind="value",
            category="value",
            price=Money(100000),
            active=active,
        ),
        product_id=product_id,
    )
    return row.id


def full_ticket(shop: Shop, member: MemberRow, seller: Actor, card: int) -> Ticket:
    """The member's ticket naming every kind of thing: a facial by 阿美, a serum at the
    member's price sold by ``seller``, a mask, and a stored-value card sold."""
    t = Ticket()
    t.attach_member(MemberRef(member.id, member.name, member.tier_name, member.tier_bp))
    t.add(
        "service", shop.facial, "深层补水", Money(28800), beautician_ids=(shop.beautician.staff_id,)
    )
    t.add("product", shop.serum, "玻尿酸精华", Money(15800), seller_id=seller.staff_id)
    t.add("product", shop.mask, "面膜", Money(3990))
    t.add("card_sale", card, "储值卡", Money(100000))
    return t


def pay(core: Core, actor: Actor, t: Ticket) -> object:
    due = t.priced().total
    return CheckoutService(core).pay(actor, t, [Tender("cash", due)], str(uuid.uuid4()))


def test_a_ticket_naming_every_kind_of_thing_is_paid_with_the_names_read(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    member = gold_member(core, owner)
    sale = CheckoutService(core).pay(
        counter,
        (t := full_ticket(shop, member, counter, card_product(core, owner))),
        [Tender("cash", t.priced().total)],
        str(uuid.uuid4()),
    )
    assert sale.cashier == counter.name and sale.member_name == "张丽"
    assert [ln.beauticians for ln in sale.lines] == [("阿美",), (), (), ()]
    assert [ln.seller for ln in sale.lines] == ["", counter.name, "", ""]
    assert [ln.kind for ln in sale.lines] == ["service", "product", "product", "card_sale"]


def _service_off_the_list(core: Core, owner: Actor, shop: Shop, member: MemberRow) -> None:
    CatalogueService(core).set_active(owner, shop.facial, False)


def _product_no_longer_sold(core: Core, owner: Actor, shop: Shop, member: MemberRow) -> None:
    StockService(core).set_active(owner, shop.mask, False)


def _beautician_has_left(core: Core, owner: Actor, shop: Shop, member: MemberRow) -> None:
    core.auth.set_active(owner, shop.beautician.staff_id, False)


def _level_changed(core: Core, owner: Actor, shop: Shop, member: MemberRow) -> None:
    assert member.tier_id is not None
    MemberService(core).save_tier(owner, name="金卡", discount_bp=1500, tier_id=member.tier_id)


def _member_erased(core: Core, owner: Actor, shop: Shop, member: MemberRow) -> None:
    MemberPrivacyService(core).erase(owner, member.id, "本人要求删除")


CHANGES: dict[str, tuple[Callable[[Core, Actor, Shop, MemberRow], None], type, str]] = {
    "service": (_service_off_the_list, NotFound, "This service is not on the price list: {name}"),
    "product": (_product_no_longer_sold, NotFound, "This product is no longer sold: {name}"),
    "beautician": (_beautician_has_left, NotFound, "No such staff member."),
    "level": (_level_changed, Conflict, "{name}'s level has changed: attach the member again."),
    "erased": (_member_erased, NotFound, "No such member."),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_since_the_ticket_was_rung_up_refuses_it(
    core: Core, owner: Actor, counter: Actor, shop: Shop, change: str
) -> None:
    member = gold_member(core, owner)
    t = full_ticket(shop, member, counter, card_product(core, owner))
    how, error, code = CHANGES[change]
    how(core, owner, shop, member)
    before = counts(core)
    with pytest.raises(error) as caught:
        pay(core, counter, t)
    assert caught.value.code == code
    assert counts(core) == before


def test_a_card_no_longer_sold_or_a_stranger_on_the_ticket_is_refused(
    core: Core, owner: Actor, counter: Actor, shop: Shop
) -> None:
    member = gold_member(core, owner)
    card = card_product(core, owner)
    t = full_ticket(shop, member, counter, card)
    card_product(core, owner, active=False, product_id=card)
    before = counts(core)
    with pytest.raises(NotFound) as caught:
        pay(core, counter, t)
    assert caught.value.code == "This card is no longer sold: {name}"
    card_product(core, owner, active=True, product_id=card)
    stranger = Ticket()
    stranger.add("service", shop.eye, "眼部护理", Money(9800), beautician_ids=(999_999,))
    with pytest.raises(SalonError) as caught:
        pay(core, counter, stranger)
    assert caught.value.code == "No such staff member."
    assert counts(core) == before
    pay(core, counter, t)  # on sale again: the same ticket is paid
    assert counts(core)["pos_sale"] == before["pos_sale"] + 1
