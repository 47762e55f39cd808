"""Search as you type: phone (any part), name, pinyin in full or initials, number."""

from __future__ import annotations

import pytest

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService

PEOPLE = [
    ("张三", "13812345678"),
    ("张珊珊", "13987650001"),
    ("李晓伟", "15011112222"),
    ("吕小燕", "18600005678"),
    ("赵四", "13512340000"),
]


@pytest.fixture
def svc(core: Core, counter: Actor) -> MemberService:
    s = MemberService(core)
    for name, phone in PEOPLE:
        s.create(counter, MemberInput(name=name, phone=phone))
    return s


def names(svc: MemberService, text: str) -> list[str]:
    return [m.name for m in svc.search(text)]


def test_by_initials_and_full_pinyin(svc: MemberService) -> None:
    assert names(svc, "zs") == ["张三", "赵四", "张珊珊"]  # exact initials first
    assert names(svc, "ZSS") == ["张珊珊"]
    assert names(svc, "zhangsan") == ["张三"]
    assert sorted(names(svc, "zhang")) == ["张三", "张珊珊"]
    assert names(svc, "xiaowei") == ["李晓伟"]  # the given name alone
    assert names(svc, "lv") == ["吕小燕"]


def test_by_name_any_part(svc: MemberService) -> None:
    assert sorted(names(svc, "张")) == ["张三", "张珊珊"]
    assert names(svc, "晓伟") == ["李晓伟"]
    assert names(svc, "伟") == ["李晓伟"]


def test_by_phone_any_part_and_the_last_four(svc: MemberService) -> None:
    assert sorted(names(svc, "5678")) == ["吕小燕", "张三"]
    assert names(svc, "13812345678") == ["张三"]
    assert names(svc, "138 1234 5678") == ["张三"]
    assert sorted(names(svc, "1234")) == ["张三", "赵四"]
    assert names(svc, "1111") == ["李晓伟"]
    assert names(svc, "150") == ["李晓伟"]  # the start of the number


def test_by_member_number_with_or_without_zeros(svc: MemberService) -> None:
    assert names(svc, "000003") == ["李晓伟"]
    assert "李晓伟" in names(svc, "3")


def test_nothing_for_empty_or_unknown_text(svc: MemberService) -> None:
    assert names(svc, "") == []
    assert names(svc, "   ") == []
    assert names(svc, "qqq") == []
    assert names(svc, "%") == []
    assert names(svc, "_") == []


def test_the_limit_holds_and_the_exact_match_comes_first(core: Core, counter: Actor) -> None:
    s = MemberService(core)
    for i in range(30):
        s.create(counter, MemberInput(name=f"王{i}", phone=f"1370000{i:04d}"))
    assert len(s.search("w", limit=10)) == 10
    assert s.search("13700000007")[0].name == "王7"
    assert s.search("wang", limit=50) and len(s.search("wang", limit=50)) == 30


def test_a_search_result_is_the_whole_member_row(svc: MemberService, owner: Actor) -> None:
    from datetime import date

    gold = svc.save_tier(owner, name="金卡", discount_bp=1200)
    [zhang] = svc.search("13812345678")
    updated = svc.update(
        owner,
        zhang.id,
        MemberInput(name="张三", phone="13812345678", tier_id=gold.id, birthday=date(1990, 2, 28),
                    allergies="酒精", marketing_ok=True),
    )  # fmt: skip
    [found] = svc.search("zhangsan")
    assert found == updated == svc.get(zhang.id)
    assert (found.tier_name, found.tier_bp, found.birthday) == ("金卡", 1200, date(1990, 2, 28))
    assert found.created_at.tzinfo is not None and not found.erased
    [plain] = svc.search("lxw")
    assert (plain.tier_name, plain.tier_bp, plain.tier_id) == ("", 0, None)


def test_on_postgresql_the_key_index_answers_a_prefix_pattern(core: Core) -> None:
    """The model leaves the operator class out (naming it imports the PostgreSQL dialect
    on SQLite too); the migration gives it, and ``LIKE 'p%'`` needs it to use the index."""
    if core.db.dialect != "postgresql":
        pytest.skip("PostgreSQL's operator classes")
    with core.db.engine.connect() as conn:
        definition = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_member_search_key_key'"
        ).scalar_one()
    assert "varchar_pattern_ops" in definition
