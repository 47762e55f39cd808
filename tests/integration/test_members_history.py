"""The member screen's history: purchases from the register, visits (attended bookings
and sales with treatments no booking accounts for) and follow-up calls by phone."""

from __future__ import annotations

from datetime import date

from test_members_privacy import NAME, PHONE, member_with_history

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.members.history_service import MemberHistoryService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.refund_service import RefundService


def test_purchases_visits_and_calls(core: Core, owner: Actor) -> None:
    m, sale_number = member_with_history(core, owner)
    other = MemberService(core).create(owner, MemberInput(name="路人", phone="13600000000"))
    history = MemberHistoryService(core)
    [purchase] = history.purchases(m.id)
    assert purchase.number == sale_number and purchase.total.fen > 0
    assert purchase.items == "深层清洁补水护理" and purchase.refunded.fen == 0
    # The sale's treatment is a visit; the booking for later today is not, until she comes.
    assert [v.ref for v in history.visits(m.id)] == [sale_number]
    [booking] = BookingService(core).day(date(2026, 11, 28))
    core.clock.advance(hours=5)  # type: ignore[attr-defined]
    LifecycleService(core).arrive(owner, booking.id)
    visits = history.visits(m.id)
    assert [v.ref for v in visits] == [booking.number, sale_number]
    assert visits[0].beautician and visits[0].services == "深层清洁补水护理"
    RefundService(core).void(owner, sale_number, "顾客退单")
    assert history.purchases(m.id)[0].refunded == purchase.total
    CallsService(core).plan(
        owner, due_day=date(2026, 11, 30), name=NAME, phone=PHONE, purpose="home_care"
    )
    [call] = history.calls(m.id)
    assert call.purpose == "home_care" and call.outcome is None
    assert history.calls(other.id) == [] and history.purchases(other.id) == []
    assert history.visits(other.id) == []
