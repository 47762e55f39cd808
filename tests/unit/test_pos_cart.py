"""The ticket as the counter edits it: lines, limits, gifts, trial vouchers, parking."""

from __future__ import annotations

import pytest

from salon_desk.core.auth import Actor, Grant, Perm, Role
from salon_desk.core.errors import Forbidden, Invalid
from salon_desk.core.money import Money
from salon_desk.pos.cart import MemberRef, Ticket

COUNTER = Actor(3, "101", "小陈", Role.COUNTER)
MANAGER = Actor(2, "9001", "李经理", Role.MANAGER)


def ticket() -> Ticket:
    t = Ticket()
    t.add("service", 1, "深层补水", Money(28800), beautician_ids=(7,), seller_id=3)
    t.add("product", 5, "玻尿酸精华", Money(16800))
    return t


def test_scanning_a_product_again_adds_to_its_line() -> None:
    t = ticket()
    t.add("product", 5, "玻尿酸精华", Money(16800))
    assert [line.qty for line in t.lines] == [1, 2]
    assert t.priced().total == Money(28800 + 2 * 16800)


def test_counter_discount_within_limit_and_manager_beyond() -> None:
    t = ticket()
    line = t.set_line_discount(COUNTER, 1, bp=1000)
    assert line.discount_by is None
    assert t.priced().total == Money(25920 + 16800)
    with pytest.raises(Forbidden) as err:
        t.set_line_discount(COUNTER, 1, bp=1500)
    assert err.value.permission == Perm.DISCOUNT_OVER_LIMIT.value
    assert t.line(1).discount_bp == 1000  # unchanged
    granted = COUNTER.with_grant(Grant(2, "李经理", Perm.DISCOUNT_OVER_LIMIT))
    assert t.set_line_discount(granted, 1, bp=1500).discount_by == 2
    # a manager's own limit is 100 %: nobody else needs to approve
    assert t.set_line_discount(MANAGER, 1, amount=Money(8800)).discount_by is None


def test_ticket_discount_is_limited_too() -> None:
    t = ticket()
    with pytest.raises(Forbidden):
        t.set_ticket_discount(COUNTER, amount=Money(5000))
    assert t.discount == Money(0)
    p = t.set_ticket_discount(COUNTER, amount=Money(4000))
    assert p.total == Money(45600 - 4000)
    assert p.ticket_discount == Money(sum(line.ticket_share.fen for line in p.lines))
    with pytest.raises(Invalid):
        t.set_ticket_discount(MANAGER, amount=Money(45601))


def test_member_tier_discount_applies_to_everything_not_free() -> None:
    t = ticket()
    t.attach_member(MemberRef(11, "张丽", "金卡", 1200))
    p = t.priced()
    assert p.member_discount == Money(round(45600 * 0.12))
    gift = t.add("product", 9, "试用小样", Money(3000))
    with pytest.raises(Forbidden):
        t.make_gift(COUNTER, gift.key)
    t.make_gift(MANAGER, gift.key)
    p = t.priced()
    assert p.lines[2].net == Money(0) and p.lines[2].list_value == Money(3000)
    assert p.member_discount == Money(5472)


def test_trial_voucher_makes_one_service_free_once() -> None:
    t = ticket()
    t.apply_trial_voucher(1, "TY-0001")
    assert t.priced().total == Money(16800)
    t.add("service", 2, "眼部护理", Money(9800))
    with pytest.raises(Invalid):
        t.apply_trial_voucher(3, "TY-0001")
    with pytest.raises(Invalid):
        t.apply_trial_voucher(2, "TY-0002")  # a product


def test_bad_quantities_are_refused_and_the_line_is_kept() -> None:
    t = ticket()
    for bad in (0, -1, 1000):
        with pytest.raises(Invalid):
            t.set_qty(2, bad)
    assert t.line(2).qty == 1


def test_removing_lines_drops_a_ticket_discount_larger_than_what_is_left() -> None:
    t = ticket()
    t.set_ticket_discount(MANAGER, amount=Money(20000))
    t.remove(1)
    assert t.discount == Money(0)
    assert t.priced().total == Money(16800)


def test_a_parked_ticket_comes_back_the_same() -> None:
    t = ticket()
    t.attach_member(MemberRef(11, "张丽", "金卡", 1200))
    t.set_line_discount(MANAGER, 2, bp=2000)
    t.set_ticket_discount(COUNTER, bp=500)
    back = Ticket.from_dict(t.to_dict())
    assert back.lines == t.lines and back.member == t.member
    assert back.priced() == t.priced()
    assert back.add("service", 3, "肩颈按摩", Money(100)).key == 3
