"""Members: names, unique valid phones, levels, and the search keys the members service
would write for them (its own :func:`search_keys` and :func:`pinyin_of`)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bench.datagen import names
from bench.datagen.sink import Sink, day_text, ts
from salon_desk.members.rules import pinyin_of, search_keys

SKINS = ("", "dry", "oily", "combination", "normal", "sensitive")
REFERRALS = ("", "", "", "朋友介绍", "大众点评", "美团", "路过进店", "小红书")
ALLERGIES = ("", "", "", "", "", "", "", "", "芒果", "酒精", "花粉", "果酸", "羊毛脂")


@dataclass
class Members:
    names: list[str]  # index 0 is member id 1
    phones: list[str]
    tier_bp: list[int]
    first_day: list[int]  # day index (from the first day) on which the member joined

    def joined_by(self, day_index: int) -> int:
        """How many members exist on day ``day_index`` (they join in id order)."""
        lo, hi = 0, len(self.first_day)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.first_day[mid] <= day_index:
                lo = mid + 1
            else:
                hi = mid
        return lo


def name_keys(
    name: str, cache: dict[str, tuple[set[str], tuple[str, str]]]
) -> tuple[set[str], tuple[str, str]]:
    found = cache.get(name)
    if found is None:
        found = (search_keys(name=name, phone=None, number=""), pinyin_of(name))
        cache[name] = found
    return found


def member_keys(
    name: str, phone: str, number: str, cache: dict[str, tuple[set[str], tuple[str, str]]]
) -> set[str]:
    """``search_keys(name=, phone=, number=)``: the keys of the name part do not depend on
    the phone or the number, so they are worked out once per distinct name."""
    keys, _ = name_keys(name, cache)
    return keys | search_keys(name="", phone=phone, number=number)


def generate(
    sink: Sink,
    rng: random.Random,
    *,
    count: int,
    phones: list[str],
    first: date,
    days: int,
    tiers: tuple[tuple[int, int], ...],
    counters: tuple[int, ...],
    day_start: list[datetime],
) -> Members:
    """``count`` members joining evenly over ``days`` days; a fifth were already members
    when the data starts (joined on the first day)."""
    out = Members([], [], [], [])
    cache: dict[str, tuple[set[str], tuple[str, str]]] = {}
    # Names repeat in a big city's salon (many 张伟); a pool of distinct names keeps the
    # pinyin work to one call per name.
    pool = sorted({names.name(rng) for _ in range(max(50, count // 8))})
    carried = count // 5
    (plain_id, _), (gold_id, gold_bp) = tiers
    for i in range(count):
        member_id = i + 1
        number = f"{member_id:06d}"
        name = rng.choice(pool)
        phone = phones[i]
        day_index = 0 if i < carried else (i - carried) * days // max(1, count - carried)
        joined = day_start[day_index] + timedelta(minutes=rng.randrange(0, 13 * 60))
        gold = rng.random() < 0.1
        birthday = (
            date(1960, 1, 1) + timedelta(days=rng.randrange(0, 45 * 365))
            if rng.random() < 0.7
            else None
        )
        _, (pinyin, initials) = name_keys(name, cache)
        stamp = ts(joined)
        sink.add(
            "member",
            (
                member_id,
                number,
                name,
                phone,
                "F" if rng.random() < 0.95 else "M",
                day_text(birthday) if birthday else None,
                gold_id if gold else (plain_id if rng.random() < 0.5 else None),
                rng.choice(SKINS),
                rng.choice(ALLERGIES),
                "",
                "",
                rng.choice(REFERRALS),
                1 if rng.random() < 0.7 else 0,
                pinyin,
                initials,
                stamp,
                rng.choice(counters),
                stamp,
                None,
            ),
        )
        for key in sorted(member_keys(name, phone, number, cache)):
            sink.add("member_search_key", (member_id, key))
        out.names.append(name)
        out.phones.append(phone)
        out.tier_bp.append(gold_bp if gold else 0)
        out.first_day.append(day_index)
    sink.add("doc_counter", ("member", day_text(date(2000, 1, 1)), count))
    return out
