"""Rows of the permission matrix: booking, staff and settings, front desk."""

from __future__ import annotations

from datetime import time, timedelta

from permission_sites import Call, site
from salon_world import World

from salon_desk.booking import api as booking_api
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.catalogue_service import CatalogueService, ServiceDraft
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.queue_service import QueueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Perm, Role
from salon_desk.core.money import Money
from salon_desk.frontdesk.complaints_service import ComplaintService
from salon_desk.frontdesk.directory_service import DirectoryService


# --- booking -------------------------------------------------------------------------------
def _draft(w: World, start_hour: int, **kw: object) -> BookingDraft:
    k = w.n()
    return BookingDraft(
        "李四", f"137{k:08d}", (w.service_id,), w.at(start_hour, 0), w.beautician, **kw
    )  # type: ignore[arg-type]


@site("booking/api.py", "mark_paid_in", Perm.SELL)
def _mark_paid(w: World) -> Call:
    b = w.booking()
    life = LifecycleService(w.core)
    for step in (life.arrive, life.start, life.complete):
        step(w.owner, b.id)

    def call(a: Actor) -> object:
        with w.core.db.tx() as s:
            return booking_api.mark_paid_in(s, w.core.clock, a, booking_id=b.id, sale_ref="X1")

    return call


@site("booking/booking_service.py", "BookingService.book_in", Perm.BOOK)
def _book(w: World) -> Call:
    w.service_id  # noqa: B018
    return lambda a: BookingService(w.core).book(a, _draft(w, 10 + w.n() % 10))


@site("booking/booking_service.py", "BookingService.book_in", Perm.BOOK_ANYWAY, Perm.BOOK)
def _book_anyway(w: World) -> Call:
    taken = w.booking()
    draft = BookingDraft("王五", f"136{w.n():08d}", (w.service_id,), taken.starts_at,
                         w.beautician, anyway_reason="老顾客加急")  # fmt: skip
    return lambda a: BookingService(w.core).book(a, draft)


@site("booking/booking_service.py", "BookingService.book_in", Perm.BACKDATE, Perm.BOOK)
def _book_past(w: World) -> Call:
    start = w.slot()
    w.set_time(20, 45)
    draft = BookingDraft("李四", f"137{w.n():08d}", (w.service_id,), start, w.beautician)
    return lambda a: BookingService(w.core).book(a, draft)


@site("booking/booking_service.py", "BookingService.move", Perm.BOOK)
def _move(w: World) -> Call:
    b, to = w.booking(), w.slot()
    return lambda a: BookingService(w.core).move(a, b.id, staff_id=w.beautician, starts_at=to)


@site("booking/booking_service.py", "BookingService.move", Perm.BOOK_ANYWAY, Perm.BOOK)
def _move_anyway(w: World) -> Call:
    taken, b = w.booking(), w.booking()
    return lambda a: BookingService(w.core).move(
        a, b.id, staff_id=w.beautician, starts_at=taken.starts_at, anyway_reason="加急"
    )


@site("booking/booking_service.py", "BookingService.move", Perm.BACKDATE, Perm.BOOK)
def _move_past(w: World) -> Call:
    b, to = w.booking(), w.slot()
    w.set_time(20, 45)
    return lambda a: BookingService(w.core).move(a, b.id, staff_id=w.beautician, starts_at=to)


@site("booking/calls_service.py", "CallsService.mark_reminder", Perm.BOOK)
def _reminder(w: World) -> Call:
    b = w.booking()
    return lambda a: CallsService(w.core).mark_reminder(a, b.id, "confirmed")


@site("booking/calls_service.py", "CallsService.plan", Perm.BOOK)
def _plan(w: World) -> Call:
    return lambda a: CallsService(w.core).plan(
        a, due_day=w.today, name="赵六", phone=f"135{w.n():08d}", purpose="satisfaction"
    )


@site("booking/calls_service.py", "CallsService.suggest", Perm.BOOK)
def _suggest(w: World) -> Call:
    return lambda a: CallsService(w.core).suggest(a)


@site("booking/calls_service.py", "CallsService.record_outcome", Perm.BOOK)
def _outcome(w: World) -> Call:
    row = _plan(w)(w.owner)
    return lambda a: CallsService(w.core).record_outcome(a, row.id, "done")  # type: ignore[attr-defined]


@site("booking/catalogue_service.py", "CatalogueService.create", Perm.CATALOGUE_EDIT)
def _service_create(w: World) -> Call:
    def call(a: Actor) -> object:
        k = w.n()
        draft = ServiceDraft(f"N{k}", f"新项目{k}", "", "facial", 45, Money(19800))
        return CatalogueService(w.core).create(a, draft)

    return call


@site("booking/catalogue_service.py", "CatalogueService.update", Perm.CATALOGUE_EDIT)
def _service_update(w: World) -> Call:
    sid = w.service_id
    draft = ServiceDraft("F01", "深层补水", "Hydrating facial", "facial", 30, Money(29800),
                         (w.beautician,))  # fmt: skip
    return lambda a: CatalogueService(w.core).update(a, sid, draft)


@site("booking/catalogue_service.py", "CatalogueService.set_active", Perm.CATALOGUE_EDIT)
def _service_active(w: World) -> Call:
    sid = w.service_id
    return lambda a: CatalogueService(w.core).set_active(a, sid, w.n() % 2 == 0)


@site("booking/lifecycle_service.py", "LifecycleService._step", Perm.BOOK)
def _arrive(w: World) -> Call:
    b = w.booking()
    return lambda a: LifecycleService(w.core).arrive(a, b.id)


@site("booking/lifecycle_service.py", "LifecycleService.running_late", Perm.BOOK)
def _late(w: World) -> Call:
    b = w.booking()
    return lambda a: LifecycleService(w.core).running_late(a, b.id, 15)


@site("booking/lifecycle_service.py", "LifecycleService.undo_auto_cancel", Perm.UNDO_AUTO_CANCEL)
def _undo_cancel(w: World) -> Call:
    b = w.booking()
    w.set_time(b.starts_at.astimezone(w.core.settings.tz()).hour + 2)
    cancelled = LifecycleService(w.core).auto_cancel_due()
    assert b.id in {c.id for c in cancelled}
    return lambda a: LifecycleService(w.core).undo_auto_cancel(a, b.id, "顾客已到")


@site("booking/queue_service.py", "QueueService.add", Perm.BOOK)
def _walk_in(w: World) -> Call:
    sid = w.service_id
    return lambda a: QueueService(w.core).add(a, name="散客", phone=f"134{w.n():08d}",
                                              service_id=sid)  # fmt: skip


@site("booking/queue_service.py", "QueueService.seat", Perm.BOOK)
def _seat(w: World) -> Call:
    w.core.clock.set(w.slot())  # type: ignore[attr-defined]
    walk_in = _walk_in(w)(w.owner)
    return lambda a: QueueService(w.core).seat(a, walk_in.id, w.beautician)  # type: ignore[attr-defined]


@site("booking/queue_service.py", "QueueService.leave", Perm.BOOK)
def _leave(w: World) -> Call:
    walk_in = _walk_in(w)(w.owner)
    return lambda a: QueueService(w.core).leave(a, walk_in.id)  # type: ignore[attr-defined]


@site("booking/roster_service.py", "RosterService.set_shift", Perm.BOOK)
def _shift(w: World) -> Call:
    staff = w.new_staff()
    day = w.today + timedelta(days=1)
    return lambda a: RosterService(w.core).set_shift(a, staff, day, time(9), time(18))


@site("booking/roster_service.py", "RosterService.set_day_off", Perm.BOOK)
def _day_off(w: World) -> Call:
    staff = w.new_staff()
    day = w.today + timedelta(days=2)
    return lambda a: RosterService(w.core).set_day_off(a, staff, day)


@site("booking/roster_service.py", "RosterService.set_first", Perm.BOOK)
def _first(w: World) -> Call:
    staff = w.beautician
    return lambda a: RosterService(w.core).set_first(a, w.today, staff)


@site("booking/roster_service.py", "RosterService._check_day", Perm.BACKDATE, Perm.BOOK)
def _shift_past(w: World) -> Call:
    staff = w.new_staff()
    day = w.today - timedelta(days=1)
    return lambda a: RosterService(w.core).set_shift(a, staff, day, time(9), time(18))


# --- staff and settings ----------------------------------------------------------------------
@site("core/auth.py", "AuthService.create_staff", Perm.STAFF_ADMIN)
def _create_staff(w: World) -> Call:
    def call(a: Actor) -> object:
        k = w.n()
        return w.core.auth.create_staff(a, name=f"新员工{k}", number=f"5{k:03d}", pin="4321",
                                        role=Role.COUNTER)  # fmt: skip

    return call


@site("core/auth.py", "AuthService.set_active", Perm.STAFF_ADMIN)
def _staff_active(w: World) -> Call:
    staff = w.new_staff(Role.COUNTER)
    return lambda a: w.core.auth.set_active(a, staff, False)


@site("core/auth.py", "AuthService.set_role", Perm.STAFF_ADMIN)
def _staff_role(w: World) -> Call:
    staff = w.new_staff(Role.COUNTER)
    return lambda a: w.core.auth.set_role(a, staff, Role.BEAUTICIAN)


@site("core/auth.py", "AuthService.change_pin", Perm.STAFF_ADMIN)
def _staff_pin(w: World) -> Call:
    staff = w.new_staff(Role.COUNTER)
    return lambda a: w.core.auth.change_pin(a, staff, "97531")


@site("core/settings.py", "SettingsService.set_many", Perm.SETTINGS)
def _settings(w: World) -> Call:
    return lambda a: w.core.settings.set_many(a, {"shop.name": f"美丽人生{w.n()}号店"})


# --- front desk ------------------------------------------------------------------------------
@site("frontdesk/complaints_service.py", "ComplaintService.summary_pdf", Perm.REPORTS)
def _complaints_pdf(w: World) -> Call:
    def call(a: Actor) -> object:
        path = w.tmp / f"complaints{w.n()}.pdf"
        return ComplaintService(w.core).summary_pdf(a, w.today.replace(day=1), path)

    return call


def _entry(w: World, confidential: bool) -> int:
    row = DirectoryService(w.core).add(
        w.owner, name=f"供应商{w.n()}", category="supplier", phone="021-62885678",
        confidential=confidential,
    )  # fmt: skip
    return row.id


@site("frontdesk/directory_service.py", "DirectoryService.add", Perm.CONFIDENTIAL_DIRECTORY)
def _dir_add(w: World) -> Call:
    return lambda a: DirectoryService(w.core).add(
        a, name="房东", category="service", phone="13900001111", confidential=True
    )


@site("frontdesk/directory_service.py", "DirectoryService._editable", Perm.CONFIDENTIAL_DIRECTORY)
def _dir_remove(w: World) -> Call:
    entry = _entry(w, confidential=True)
    return lambda a: DirectoryService(w.core).remove(a, entry)


@site("frontdesk/directory_service.py", "DirectoryService.update", Perm.CONFIDENTIAL_DIRECTORY)
def _dir_update(w: World) -> Call:
    entry = _entry(w, confidential=False)
    return lambda a: DirectoryService(w.core).update(
        a, entry, name="房东", category="service", phone="13900001111", confidential=True
    )


@site("frontdesk/directory_service.py", "DirectoryService.mark_reviewed",
      Perm.CONFIDENTIAL_DIRECTORY)  # fmt: skip
def _dir_reviewed(w: World) -> Call:
    return lambda a: DirectoryService(w.core).mark_reviewed(a)
