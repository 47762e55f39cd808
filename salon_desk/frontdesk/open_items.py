"""What a shift hands over without anyone writing it down (交班未结事项): tickets parked and
not paid, calls still to make today (follow-ups due, tomorrow's reminders not yet
reached), and products at or below their reorder level. Read live from the register, the
appointments and the stock, so the next shift sees them as they stand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.rows import FollowUpRow, ReminderRow
from salon_desk.core.context import Core
from salon_desk.core.i18n import N_, _
from salon_desk.pos.parking_service import ParkingService
from salon_desk.pos.rows import ParkedRow
from salon_desk.stock.rows import ProductRow
from salon_desk.stock.service import StockService

#: A reminder with one of these outcomes (or none) still needs a call; a follow-up needs
#: one until its outcome is recorded (a "call again" puts a new call on a later day).
NOT_REACHED = (None, "no_answer")

#: How many names each line lists before "and N more".
SHOWN = 5


@dataclass(frozen=True, slots=True)
class OpenItems:
    parked: tuple[ParkedRow, ...]
    follow_ups: tuple[FollowUpRow, ...]  # due today, not yet reached
    reminders: tuple[ReminderRow, ...]  # tomorrow's bookings, not yet reached
    low_stock: tuple[ProductRow, ...]

    def __bool__(self) -> bool:
        return bool(self.parked or self.follow_ups or self.reminders or self.low_stock)

    def lines(self) -> list[str]:
        """One translated line per kind of item, for the screen and the handover text."""
        out: list[str] = []
        parked = _names(p.label or p.total.format() for p in self.parked)
        calls = _names(f.name for f in self.follow_ups)
        reminders = _names(r.booking.guest_name for r in self.reminders)
        low = _names(f"{p.brand} {p.name_zh}".strip() for p in self.low_stock)
        if self.parked:
            text = N_("Parked tickets not paid: {n} ({names})")
            out.append(_(text, n=len(self.parked), names=parked))
        if self.follow_ups:
            text = N_("Follow-up calls still to make today: {n} ({names})")
            out.append(_(text, n=len(self.follow_ups), names=calls))
        if self.reminders:
            text = N_("Reminders for tomorrow not yet confirmed: {n} ({names})")
            out.append(_(text, n=len(self.reminders), names=reminders))
        if self.low_stock:
            out.append(_("Low stock: {n} ({names})", n=len(self.low_stock), names=low))
        return out


def _names(names: Iterable[str]) -> str:
    listed = list(names)
    comma = _(", ")  # 、 in Chinese
    if len(listed) <= SHOWN:
        return comma.join(listed)
    return _("{names} and {n} more", names=comma.join(listed[:SHOWN]), n=len(listed) - SHOWN)


def open_items(core: Core) -> OpenItems:
    calls = CallsService(core)
    return OpenItems(
        parked=tuple(ParkingService(core).parked()),
        follow_ups=tuple(f for f in calls.follow_ups() if f.outcome is None),
        reminders=tuple(r for r in calls.reminders() if r.outcome in NOT_REACHED),
        low_stock=tuple(StockService(core).low_stock()),
    )
