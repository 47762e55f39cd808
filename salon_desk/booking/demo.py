"""Demo data for the appointments side: eight beauticians with their 技师号, a price list
of Chinese treatments, a roster for the coming week and a realistic day of bookings.
Everything goes through the services, as a counter would enter it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.catalogue_service import CatalogueService, ServiceDraft
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.roster_service import RosterService
from salon_desk.booking.rows import ServiceRow
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import FixedClock, local_datetime, local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import SalonError
from salon_desk.core.money import Money

BEAUTICIANS: tuple[tuple[str, str], ...] = (
    ("1", "林晓燕"),
    ("2", "陈美玲"),
    ("3", "张丽"),
    ("4", "王芳"),
    ("5", "刘婷"),
    ("6", "杨雪"),
    ("7", "赵敏"),
    ("8", "黄静"),
)

#: code, Chinese, English, category, minutes, yuan, beautician numbers (empty: all)
SERVICES: tuple[tuple[str, str, str, str, int, int, tuple[str, ...]], ...] = (
    ("F01", "深层清洁补水护理", "Deep cleansing and hydration", "facial", 60, 198, ()),
    ("F02", "水氧焕肤", "Oxygen skin renewal", "facial", 60, 268, ()),
    ("F03", "眼部护理", "Eye care", "facial", 45, 158, ()),
    ("F04", "美白淡斑护理", "Brightening facial", "facial", 75, 328, ()),
    ("F05", "抗衰紧致提升", "Firming and lifting", "facial", 90, 498, ("1", "2", "3")),
    ("B01", "肩颈舒缓按摩", "Neck and shoulder massage", "body", 60, 168, ()),
    ("B02", "背部排毒护理", "Back detox treatment", "body", 60, 228, ()),
    ("P01", "全身精油SPA", "Full-body aroma spa", "spa", 90, 398, ()),
    ("S01", "腹部纤体塑形", "Abdomen slimming", "slimming", 60, 288, ()),
    ("S02", "腿部纤体", "Leg slimming", "slimming", 60, 258, ()),
    ("U01", "胸部护理", "Bust care", "bust", 60, 298, ("2", "5")),
    ("H01", "腋下脱毛", "Underarm hair removal", "hair_removal", 30, 98, ("7", "8")),
    ("H02", "全腿脱毛", "Full-leg hair removal", "hair_removal", 60, 380, ("7", "8")),
    ("O01", "头部经络疏通", "Head meridian massage", "other", 45, 128, ()),
    ("O02", "足部护理", "Foot care", "other", 45, 118, ()),
)

GUESTS: tuple[tuple[str, str], ...] = (
    ("张三", "13812345678"),
    ("李秀英", "13900011122"),
    ("王丽娟", "13711223344"),
    ("赵雅琴", "15988776655"),
    ("孙小梅", "18622334455"),
    ("周玉兰", "13566778899"),
    ("吴佳怡", "17755667788"),
    ("郑婉婷", "13344556677"),
    ("冯晓红", "18899001122"),
    ("陈思雨", "15011223344"),
    ("褚美华", "13699887766"),
    ("卫欣然", "15233445566"),
)


def seed(core: Core, owner: Actor) -> None:
    staff = add_beauticians(core, owner)
    services = add_catalogue(core, owner, staff)
    today = local_day(core.clock.now(), core.settings.tz())
    add_roster(core, owner, staff, today, days=7)
    RosterService(core).set_first(owner, today, staff["3"])
    add_bookings(core, owner, staff, services, today)


def add_beauticians(core: Core, owner: Actor, count: int = 8) -> dict[str, int]:
    """技师号 → staff id (existing beauticians are kept)."""
    existing = {r.number: r.id for r in core.auth.list_staff(active_only=False)}
    ids = {}
    for number, name in BEAUTICIANS[:count]:
        if number in existing:
            ids[number] = existing[number]
            continue
        row = core.auth.create_staff(
            owner, name=name, number=number, pin="1234", role=Role.BEAUTICIAN
        )
        ids[number] = row.id
    return ids


def add_catalogue(core: Core, owner: Actor, staff: dict[str, int]) -> dict[str, ServiceRow]:
    catalogue = CatalogueService(core)
    found = {r.code: r for r in catalogue.list(active_only=False)}
    for sort, (code, zh, en, category, minutes, yuan, numbers) in enumerate(SERVICES):
        if code in found:
            continue
        found[code] = catalogue.create(
            owner,
            ServiceDraft(
                code,
                zh,
                en,
                category,
                minutes,
                Money.yuan(yuan),
                tuple(staff[n] for n in numbers if n in staff),
                sort,
            ),
        )
    return found


EARLY = (time(9, 0), time(18, 0), time(12, 0), time(12, 45))
LATE = (time(12, 0), time(21, 0), time(17, 0), time(17, 45))


def add_roster(core: Core, owner: Actor, staff: dict[str, int], first: date, days: int) -> None:
    roster = RosterService(core)
    for offset in range(days):
        day = first + timedelta(days=offset)
        for i, staff_id in enumerate(staff[n] for n in sorted(staff)):
            if (i + day.toordinal()) % 7 == 0 and offset > 0:
                roster.set_day_off(owner, staff_id, day)
                continue
            start, end, b_from, b_until = EARLY if (i + offset) % 2 == 0 else LATE
            roster.set_shift(owner, staff_id, day, start, end, b_from, b_until)


#: Minutes after the start of her shift (never in the break of either shift pattern).
_SLOTS = (30, 120, 240, 345, 450)
#: What each beautician mostly does, by 技师号 (she may perform all of it).
_SPECIALITY: dict[str, tuple[tuple[str, ...], ...]] = {
    "1": (("F01",), ("F05",), ("F03",), ("F02",)),
    "2": (("U01",), ("F02", "F03"), ("F04",), ("B01",)),
    "3": (("P01",), ("F04",), ("F05",), ("O01",)),
    "4": (("S01",), ("B01",), ("S02",), ("O02",)),
    "5": (("S02",), ("U01",), ("O01",), ("B02",)),
    "6": (("B02",), ("O02",), ("F01",), ("P01",)),
    "7": (("H02",), ("H01",), ("F03",), ("B01",)),
    "8": (("H01", "F03"), ("F01",), ("H02",), ("O01",)),
}


def add_bookings(
    core: Core,
    owner: Actor,
    staff: dict[str, int],
    services: dict[str, ServiceRow],
    today: date,
) -> None:
    """Bookings for today and the next two days, entered the evening before; today's past
    ones are walked through their day with a clock set to when each step happened."""
    tz = core.settings.tz()
    now = core.clock.now()
    clock = FixedClock(local_datetime(today - timedelta(days=1), time(20, 0), tz))
    then = Core.build(core.db, clock=clock)
    bookings = BookingService(then)
    life = LifecycleService(then)
    made = []
    roster = RosterService(core)
    guest = 0
    for offset in range(3):
        day = today + timedelta(days=offset)
        shifts = {r.staff_id: r for r in roster.on_duty(day)}
        for n, (number, plan) in enumerate(sorted(_SPECIALITY.items())):
            shift = shifts.get(staff[number])
            if shift is None or shift.starts_at is None:
                continue
            for k, slot in enumerate(_SLOTS[: 3 + (n + offset) % 3]):
                codes = plan[(k + offset) % len(plan)]
                name, phone = GUESTS[guest % len(GUESTS)]
                guest += 1
                draft = BookingDraft(
                    name,
                    phone,
                    tuple(services[c].id for c in codes),
                    shift.starts_at + timedelta(minutes=slot),
                    staff[number] if (guest % 3) else None,
                    "phone" if guest % 4 else "in_person",
                    "",
                )
                try:
                    made.append(bookings.book(owner, draft))
                except SalonError:
                    continue  # the same guest already booked then, or the turn went elsewhere
    for row in sorted(made, key=lambda r: r.starts_at):
        if row.day != today or row.starts_at > now:
            continue
        if row.id % 7 == 3 and row.starts_at + timedelta(minutes=20) <= now:
            clock.set(row.starts_at + timedelta(minutes=20))
            life.no_show(owner, row.id)
            continue
        clock.set(min(now, row.starts_at - timedelta(minutes=5)))
        life.arrive(owner, row.id)
        clock.set(min(now, row.starts_at))
        life.start(owner, row.id)
        if row.ends_at <= now:
            clock.set(row.ends_at)
            life.complete(owner, row.id)
    _late_ones(core, owner, BookingService(core), staff, services, now)
    LifecycleService(core).auto_cancel_due()


def _late_ones(
    core: Core,
    owner: Actor,
    bookings: BookingService,
    staff: dict[str, int],
    services: dict[str, ServiceRow],
    now: datetime,
) -> None:
    """A member 20 minutes late (counting down) and one 40 minutes late (auto-cancelled)."""
    late = (("钱慧敏", "13855554444"), ("何雅丽", "13966667777"))
    for minutes, (name, phone) in zip((20, 40), late, strict=True):
        start = (now - timedelta(minutes=minutes)).replace(second=0, microsecond=0)
        start = start.replace(minute=start.minute - start.minute % 5)
        for number in sorted(staff, reverse=True):
            draft = BookingDraft(name, phone, (services["O02"].id,), start, staff[number], "phone")
            try:
                bookings.book(owner, draft)
                break
            except SalonError:
                continue
