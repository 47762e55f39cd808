"""The search-key table on SQLite is WITHOUT ROWID, a prefix search reads the key index
alone, and rebuilding the table (the members_0004 migration, both ways) keeps every key."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select, text

from salon_desk.core.context import Core
from salon_desk.core.migrate import alembic_config
from salon_desk.members.models import MemberSearchKey
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService


def table_sql(core: Core) -> str:
    with core.db.read() as s:
        return str(s.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'member_search_key'")))


def keys(core: Core) -> list[tuple[int, str]]:
    with core.db.read() as s:
        return [
            (r.member_id, r.key)
            for r in s.scalars(select(MemberSearchKey).order_by(MemberSearchKey.key))
        ]


def test_keys_without_rowid_and_a_covering_search(sqlite_core: Core) -> None:
    core = sqlite_core
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    members = MemberService(core)
    zs = members.create(owner, MemberInput(name="张三", phone="13812345678"))
    members.create(owner, MemberInput(name="李四", phone="13912345678"))
    assert "WITHOUT ROWID" in table_sql(core)
    with core.db.read() as s:
        plan = " ".join(
            str(r[3])
            for r in s.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT member_id FROM member_search_key "
                    "WHERE key >= 'zs' AND key < 'zt' ORDER BY key, member_id LIMIT 200"
                )
            )
        )
    assert "COVERING INDEX ix_member_search_key_key" in plan and "TEMP B-TREE" not in plan
    members.update(owner, zs.id, MemberInput(name="张珊", phone="13812340000"))
    assert [r.name for r in members.search("1234")] == ["张珊", "李四"]
    before = keys(core)
    config = alembic_config(core.db)
    command.downgrade(config, "members_0003")
    assert "WITHOUT ROWID" not in table_sql(core) and keys(core) == before
    command.upgrade(config, "members_0004")
    assert "WITHOUT ROWID" in table_sql(core) and keys(core) == before
    assert [r.name for r in members.search("zs")] == ["张珊"]
