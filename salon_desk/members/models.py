"""Tables of the members side: tiers, member profiles (会员资料卡) and their search keys.

Card products, card accounts and the card ledger are in :mod:`salon_desk.members.card_models`;
treatment records (瘦身记录卡、丰胸记录卡) in :mod:`salon_desk.members.record_models`.
Both are imported here so that Alembic and the tests see the whole schema.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salon_desk.core.db import Base
from salon_desk.members import card_models as card_models
from salon_desk.members import record_models as record_models


class MemberTier(Base):
    """A member level (普通会员, 白金会员 ...) and the discount it gives, in basis points."""

    __tablename__ = "member_tier"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)
    discount_bp: Mapped[int] = mapped_column(default=0)
    sort: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (CheckConstraint("discount_bp >= 0 AND discount_bp <= 10000", name="bp"),)


class Member(Base):
    """The member profile card (会员资料卡)."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)  # 会员号
    name: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(11), unique=True)  # NULL once erased
    gender: Mapped[str] = mapped_column(String(1), default="")
    birthday: Mapped[date | None]
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("member_tier.id"))
    skin_type: Mapped[str] = mapped_column(String(16), default="")
    allergies: Mapped[str] = mapped_column(Text, default="")
    contraindications: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    referral: Mapped[str] = mapped_column(String(40), default="")
    marketing_ok: Mapped[bool] = mapped_column(default=False)
    pinyin: Mapped[str] = mapped_column(String(80), default="")  # zhangsan
    initials: Mapped[str] = mapped_column(String(20), default="")  # zs
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[datetime]
    erased_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint("gender IN ('', 'F', 'M')", name="gender"),
        Index("ix_member_pinyin", "pinyin"),
        Index("ix_member_initials", "initials"),
        Index("ix_member_name", "name"),
        Index("ix_member_joined", "created_at", "erased_at"),
    )


class MemberSearchKey(Base):
    """What search-as-you-type looks up: every key is matched by prefix through an index.

    A member has the suffixes of the phone (so any part of it, and the last four digits,
    are a prefix of one key), the suffixes of the name (any part of 张晓伟), the pinyin in
    full from each syllable (``zhangxiaowei``, ``xiaowei``, ``wei``), the initials
    (``zxw``, ``xw``) and the member number. A prefix is a range on the index on SQLite
    and a ``LIKE 'p%'`` on the pattern index on PostgreSQL; no query scans the table.

    About 17.5 keys per member. On SQLite the table is WITHOUT ROWID: 49 MiB at 100,000
    members instead of 86 MiB, and a prefix search reads one covering index (measured
    0.08 ms p95 for the raw key query against 2.7–110 ms with the rowid table, whose
    search looked every row up again to sort it by member).
    """

    __tablename__ = "member_search_key"

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)

    __table_args__ = (
        # On PostgreSQL the migration makes it a pattern index (``varchar_pattern_ops``)
        # for ``LIKE 'p%'``: not said here, where naming the option would import the
        # PostgreSQL dialect on every start on SQLite (45 ms at sign-in).
        Index("ix_member_search_key_key", "key"),
        # SQLite: the rows live in the primary key's B-tree, and the key index holds
        # (key, member_id) — a search reads that index alone, in key order.
        {"sqlite_with_rowid": False},
    )
