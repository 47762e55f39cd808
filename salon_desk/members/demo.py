"""Demo data for the members side: two member levels, about forty members with Chinese
names, the shop's cards (月卡、季卡、半年卡、年卡、促销卡, session packs, stored value),
cards sold over the past months with their treatments, and slimming and bust-care records.
Everything goes through the services and the register's card functions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from salon_desk.booking.demo import add_beauticians, add_catalogue
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock, local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import SalonError
from salon_desk.core.money import Money
from salon_desk.members import cards
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.record_service import RecordService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

#: name, phone, gender, birthday (or None), level ("" ordinary), skin, allergies
MEMBERS: tuple[tuple[str, str, str, date | None, str, str, str], ...] = (
    ("张三", "13812345678", "F", date(1988, 3, 8), "白金会员", "combination", ""),
    ("李秀英", "13900011122", "F", date(1975, 11, 2), "白金会员", "dry", "芒果"),
    ("王丽娟", "13711223344", "F", date(1982, 6, 18), "", "oily", ""),
    ("赵雅琴", "15988776655", "F", date(1979, 11, 25), "白金会员", "sensitive", "酒精"),
    ("孙小梅", "18622334455", "F", date(1993, 2, 14), "", "normal", ""),
    ("周玉兰", "13566778899", "F", date(1968, 9, 9), "", "dry", ""),
    ("吴佳怡", "17755667788", "F", date(1996, 12, 1), "", "combination", ""),
    ("郑婉婷", "13344556677", "F", date(1990, 7, 7), "白金会员", "oily", ""),
    ("冯晓红", "18899001122", "F", date(1985, 4, 30), "", "normal", ""),
    ("陈思雨", "15011223344", "F", date(1998, 11, 11), "", "sensitive", "花粉"),
    ("褚美华", "13699887766", "F", date(1972, 1, 20), "", "dry", ""),
    ("卫欣然", "15233445566", "F", date(1994, 8, 16), "", "combination", ""),
    ("蒋丽华", "13611112233", "F", date(1980, 11, 3), "", "normal", ""),
    ("沈静怡", "13822223344", "F", date(1991, 5, 21), "白金会员", "dry", ""),
    ("韩雪梅", "13933334455", "F", date(1987, 10, 12), "", "oily", ""),
    ("杨慧敏", "15044445566", "F", date(1983, 12, 24), "", "sensitive", "果酸"),
    ("朱文静", "15155556677", "F", date(1977, 3, 15), "", "normal", ""),
    ("秦晓燕", "15266667788", "F", date(1995, 6, 6), "", "combination", ""),
    ("尤佳琪", "15377778899", "F", date(1999, 9, 19), "", "oily", ""),
    ("许婷婷", "15588889900", "F", date(1989, 2, 28), "白金会员", "dry", ""),
    ("何美玲", "15699990011", "F", date(1974, 11, 17), "", "normal", ""),
    ("吕小燕", "15700001122", "F", date(1992, 4, 4), "", "sensitive", ""),
    ("施雨桐", "15811112233", "F", date(2000, 1, 1), "", "combination", ""),
    ("孔丽君", "15922223344", "F", date(1969, 7, 29), "", "dry", ""),
    ("曹淑芬", "17733334455", "F", date(1965, 10, 10), "白金会员", "dry", "羊毛脂"),
    ("严梦瑶", "18044445566", "F", date(1997, 3, 3), "", "oily", ""),
    ("华诗涵", "18155556677", "F", None, "", "", ""),
    ("金凤英", "18266667788", "F", date(1971, 8, 8), "", "normal", ""),
    ("魏晓琳", "18377778899", "F", date(1986, 11, 29), "", "combination", ""),
    ("陶欣怡", "18488889900", "F", date(1993, 12, 12), "", "sensitive", ""),
    ("姜丽萍", "18599990011", "F", date(1978, 5, 5), "", "dry", ""),
    ("戚海燕", "18600001122", "F", None, "", "", ""),
    ("谢婉清", "18711112233", "F", date(1990, 9, 1), "白金会员", "normal", ""),
    ("邹雅婷", "18822223344", "F", date(1994, 2, 2), "", "oily", ""),
    ("喻秋菊", "18933334455", "F", date(1966, 10, 24), "", "dry", ""),
    ("柏晓雯", "19944445566", "F", date(2001, 6, 30), "", "combination", ""),
    ("水彩霞", "19855556677", "F", date(1981, 11, 8), "", "normal", ""),
    ("窦美琪", "19166667788", "F", date(1988, 8, 18), "", "sensitive", ""),
    ("章建国", "13177778899", "M", date(1976, 4, 12), "", "oily", ""),
    ("云志强", "13288889900", "M", date(1984, 12, 6), "", "normal", ""),
)

#: code, name, kind, category, yuan, sessions, bonus yuan, days, from first use,
#: per day, per week, gap hours, service codes
PRODUCTS = (
    (
        "M01",
        "面部护理月卡",
        "period",
        "month",
        980,
        0,
        0,
        30,
        False,
        1,
        3,
        None,
        ("F01", "F02", "F03"),
    ),
    (
        "Q01",
        "面部护理季卡",
        "period",
        "quarter",
        2680,
        0,
        0,
        90,
        False,
        1,
        3,
        None,
        ("F01", "F02", "F03", "F04"),
    ),
    (
        "H01",
        "纤体塑形半年卡",
        "period",
        "half_year",
        4980,
        0,
        0,
        180,
        True,
        1,
        None,
        48,
        ("S01", "S02"),
    ),
    (
        "Y01",
        "全年尊享护理年卡",
        "period",
        "year",
        8800,
        0,
        0,
        365,
        True,
        1,
        2,
        None,
        ("F01", "F02", "F03", "F04", "B01", "P01"),
    ),
    ("C01", "双十一促销卡", "period", "promo", 599, 0, 0, 60, False, 1, 2, None, ("F01", "B01")),
    (
        "P10",
        "深层清洁10次卡",
        "sessions",
        "pack",
        1680,
        10,
        0,
        365,
        False,
        None,
        None,
        None,
        ("F01",),
    ),
    (
        "P11",
        "肩颈舒缓10次卡",
        "sessions",
        "pack",
        1380,
        10,
        0,
        365,
        False,
        None,
        None,
        None,
        ("B01",),
    ),
    (
        "P12",
        "胸部护理12次卡",
        "sessions",
        "pack",
        3280,
        12,
        0,
        365,
        False,
        None,
        None,
        72,
        ("U01",),
    ),
    ("V2K", "储值2000送200", "value", "value", 2000, 0, 200, None, False, None, None, None, ()),
    ("V5K", "储值5000送800", "value", "value", 5000, 0, 800, None, False, None, None, None, ()),
    (
        "V10K",
        "储值10000送2000",
        "value",
        "value",
        10000,
        0,
        2000,
        None,
        False,
        None,
        None,
        None,
        (),
    ),
)

#: member index, product code, days ago sold, treatments since (one a week), service code
SOLD = (
    (0, "P10", 70, 6, "F01"),
    (0, "V5K", 40, 3, ""),
    (1, "Y01", 120, 12, "F04"),
    (2, "M01", 20, 2, "F02"),
    (3, "V10K", 90, 5, ""),
    (3, "H01", 50, 6, "S01"),
    (4, "C01", 15, 2, "B01"),
    (5, "P11", 100, 9, "B01"),
    (7, "Q01", 60, 8, "F01"),
    (7, "P12", 80, 7, "U01"),
    (9, "V2K", 30, 2, ""),
    (12, "P10", 200, 10, "F01"),
    (13, "M01", 5, 1, "F03"),
    (19, "V5K", 150, 6, ""),
    (24, "Y01", 300, 20, "P01"),
    (32, "P11", 10, 1, "B01"),
)


def seed(core: Core, owner: Actor) -> None:
    staff = add_beauticians(core, owner)
    services = add_catalogue(core, owner, staff)
    members = MemberService(core)
    levels = {"白金会员": members.save_tier(owner, name="白金会员", discount_bp=1200, sort=1)}
    members.save_tier(owner, name="普通会员", discount_bp=0, sort=0)
    ids = []
    for i, (name, phone, gender, birthday, level, skin, allergy) in enumerate(MEMBERS):
        row = members.create(
            owner,
            MemberInput(
                name=name,
                phone=phone,
                gender=gender,
                birthday=birthday,
                tier_id=levels[level].id if level else None,
                skin_type=skin,
                allergies=allergy,
                referral="朋友介绍" if i % 3 == 0 else ("大众点评" if i % 3 == 1 else ""),
                marketing_ok=i % 4 != 0,
            ),
        )
        ids.append(row.id)
    card_service = CardService(core)
    products = {}
    for code, name, kind, category, yuan, n, bonus, days, first, day, week, gap, codes in PRODUCTS:
        products[code] = card_service.save_product(
            owner,
            CardProductInput(
                code=code,
                name=name,
                kind=kind,
                category=category,
                price=Money.yuan(yuan),
                sessions=n,
                bonus=Money.yuan(bonus),
                valid_days=days,
                from_first_use=first,
                per_day_cap=day,
                per_week_cap=week,
                min_gap_hours=gap,
                service_ids=tuple(services[c].id for c in codes),
            ),
        )
    now = core.clock.now()
    for n, (who, code, days_ago, uses, service) in enumerate(SOLD, start=1):
        _sell_with_history(
            core,
            owner,
            ids[who],
            products[code],
            now,
            days_ago,
            uses,
            services[service].id if service else None,
            n,
        )
    _records(core, owner, ids, now)


def _sell_with_history(
    core: Core,
    owner: Actor,
    member_id: int,
    product: object,
    now: datetime,
    days_ago: int,
    uses: int,
    service_id: int | None,
    n: int,
) -> None:
    from salon_desk.members.card_rows import CardProductRow

    assert isinstance(product, CardProductRow)
    past = FixedClock(now - timedelta(days=days_ago))
    with core.db.tx() as s:
        card = cards.sell_card_in(
            s,
            past,
            owner,
            member_id=member_id,
            product_id=product.id,
            price=product.price,
            sale_ref=f"DEMO-{n:04d}",
        )
    step = max(1, days_ago // max(1, uses))
    for u in range(uses):
        past.advance(days=step)
        if past.now() > now:
            break
        try:
            with core.db.tx() as s:
                ref = f"DEMO-{n:04d}-{u + 1:02d}"
                if product.kind == "value":
                    cards.spend_value_in(
                        s,
                        past,
                        owner,
                        account_id=card.id,
                        amount=Money.yuan(198 + 70 * (u % 3)),
                        sale_ref=ref,
                    )
                elif service_id is not None:
                    cards.use_sessions_in(
                        s,
                        past,
                        owner,
                        account_id=card.id,
                        service_id=service_id,
                        sessions=1,
                        sale_ref=ref,
                    )
        except SalonError:  # a cap or the balance: the member simply did not come that week
            continue


def _records(core: Core, owner: Actor, ids: list[int], now: datetime) -> None:
    records = RecordService(core)
    today = local_day(now, core.settings.tz())
    for week in range(8):
        day = today - timedelta(days=7 * (7 - week))
        records.add(
            owner,
            member_id=ids[3],
            kind="slimming",
            day=day,
            values={
                "weight": f"{68.4 - week * 0.6:.1f}",
                "waist": f"{82.0 - week * 0.9:.1f}",
                "abdomen": f"{90.5 - week * 1.1:.1f}",
                "hip": f"{98.0 - week * 0.5:.1f}",
                "thigh_left": f"{58.0 - week * 0.3:.1f}",
                "thigh_right": f"{58.4 - week * 0.3:.1f}",
            },
            notes="饮食控制良好" if week % 3 == 0 else "",
        )
    for visit in range(6):
        day = today - timedelta(days=14 * (5 - visit))
        records.add(
            owner,
            member_id=ids[7],
            kind="bust",
            day=day,
            values={
                "upper_bust": f"{83.0 + visit * 0.4:.1f}",
                "under_bust": "70.0",
                "bust_gap": f"{4.0 - visit * 0.2:.1f}",
            },
        )
    records.add(
        owner,
        member_id=ids[9],
        kind="skin",
        day=today,
        values={"moisture": "32", "oil": "18", "elasticity": "65"},
        notes="两颊泛红，避免去角质",
    )
