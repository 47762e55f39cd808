"""Member profiles (会员资料卡): create, update, find, tiers.

``MemberService(core)``; every change takes the signed-in :class:`Actor` first (adding or
changing a profile needs ``Perm.MEMBER_EDIT``, which counter staff hold), checks
everything before writing, runs in one transaction, writes the audit log and returns a
frozen :class:`MemberRow`. A phone number belongs to one member only: entering a number
that is already on file raises :class:`Conflict` naming that member (``member_id``,
``name``, ``number`` in its parameters) so the counter can open the existing profile.

The audit log names a member by number and lists which fields changed, never their
values: it cannot be edited, and a member's name and phone must go when they are erased.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import extract, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.members import queries
from salon_desk.members.models import Member, MemberTier
from salon_desk.members.rows import MemberInput, MemberRow, TierRow
from salon_desk.members.rules import (
    GENDERS,
    REFERRAL_MAX,
    SKIN_TYPES,
    check_birthday,
    check_member_number,
    clean_name,
    clean_text,
    normalise_phone,
    pinyin_of,
)

_FIELDS = (
    "name",
    "phone",
    "gender",
    "birthday",
    "tier_id",
    "skin_type",
    "allergies",
    "contraindications",
    "notes",
    "referral",
    "marketing_ok",
)


def _tier_row(t: MemberTier) -> TierRow:
    return TierRow(t.id, t.name, t.discount_bp, t.sort, t.active)


class MemberService:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- reading -------------------------------------------------------------------
    def get(self, member_id: int) -> MemberRow:
        with self.core.db.read() as s:
            return queries.member_in(s, member_id)

    def search(self, text: str, limit: int = queries.SEARCH_LIMIT) -> list[MemberRow]:
        return queries.search_quick(self.core.db, text, limit)  # every keystroke

    def by_phone(self, phone: str) -> MemberRow | None:
        number = normalise_phone(phone)
        with self.core.db.read() as s:
            return queries.member_by_phone_in(s, number)

    def birthdays(self, month: int) -> list[MemberRow]:
        """Members whose birthday falls in ``month`` (1-12), by day of the month."""
        if not 1 <= month <= 12:
            raise Invalid(N_("A month is 1 to 12."), field="month")
        with self.core.db.read() as s:
            q = (
                select(Member, MemberTier)
                .outerjoin(MemberTier, MemberTier.id == Member.tier_id)
                .where(
                    Member.erased_at.is_(None),
                    Member.birthday.is_not(None),
                    extract("month", Member.birthday) == month,
                )
            )
            rows = [queries.member_row(m, t) for m, t in s.execute(q)]
        return sorted(rows, key=lambda r: (r.birthday.day if r.birthday else 0, r.pinyin))

    def tiers(self, *, active_only: bool = True) -> list[TierRow]:
        with self.core.db.read() as s:
            q = select(MemberTier).order_by(MemberTier.sort, MemberTier.id)
            if active_only:
                q = q.where(MemberTier.active.is_(True))
            return [_tier_row(t) for t in s.scalars(q)]

    # --- tiers ---------------------------------------------------------------------
    def save_tier(
        self,
        actor: Actor,
        *,
        name: str,
        discount_bp: int,
        sort: int = 0,
        active: bool = True,
        tier_id: int | None = None,
    ) -> TierRow:
        """Add or change a member level (普通, 白金 ...) and its discount (basis points)."""
        require(actor, Perm.CATALOGUE_EDIT)
        name = (name or "").strip()
        if not name or len(name) > 20:
            raise Invalid(N_("A level name has 1 to 20 characters."), field="name")
        if isinstance(discount_bp, bool) or not 0 <= discount_bp <= 10_000:
            raise Invalid(N_("A discount is between 0 % and 100 %."), field="discount_bp")
        with self.core.db.tx() as s:
            same = s.scalar(select(MemberTier).where(MemberTier.name == name))
            if same is not None and same.id != tier_id:
                raise Conflict(N_("There is already a level called {name}."), name=name)
            if tier_id is None:
                tier = MemberTier(name=name, discount_bp=discount_bp, sort=sort, active=active)
                s.add(tier)
                before = None
            else:
                found = s.get(MemberTier, tier_id)
                if found is None:
                    raise NotFound(N_("No such member level."))
                tier = found
                before = asdict(_tier_row(tier))
                tier.name, tier.discount_bp, tier.sort, tier.active = (
                    name,
                    discount_bp,
                    sort,
                    active,
                )
            s.flush()
            row = _tier_row(tier)
            record(
                s,
                self.core.clock,
                actor,
                "member.tier",
                "member_tier",
                tier.id,
                before=before,
                after=asdict(row),
            )
            return row

    # --- profiles ------------------------------------------------------------------
    def _clean(self, s: Session, data: MemberInput) -> dict[str, Any]:
        today = local_day(self.core.clock.now(), self.core.settings.tz())
        if data.gender not in GENDERS:
            raise Invalid(N_("Choose female, male or not given."), field="gender")
        if data.skin_type not in SKIN_TYPES:
            raise Invalid(N_("Unknown skin type: {value}"), field="skin_type", value=data.skin_type)
        if data.tier_id is not None:
            tier = s.get(MemberTier, data.tier_id)
            if tier is None or not tier.active:
                raise Invalid(N_("No such member level."), field="tier_id")
        return {
            "name": clean_name(data.name),
            "phone": normalise_phone(data.phone),
            "gender": data.gender,
            "birthday": check_birthday(data.birthday, today),
            "tier_id": data.tier_id,
            "skin_type": data.skin_type,
            "allergies": clean_text(data.allergies, "allergies"),
            "contraindications": clean_text(data.contraindications, "contraindications"),
            "notes": clean_text(data.notes, "notes"),
            "referral": clean_text(data.referral, "referral", REFERRAL_MAX),
            "marketing_ok": bool(data.marketing_ok),
        }

    @staticmethod
    def _check_level(s: Session, actor: Actor, old: int | None, new: int | None) -> None:
        """A level with a bigger discount gives it on every visit from now on: counter
        staff ask a manager. A smaller one (or the same) needs nobody."""
        if new is None or new == old:
            return
        discount: dict[int | None, int] = dict(
            s.execute(
                select(MemberTier.id, MemberTier.discount_bp).where(
                    MemberTier.id.in_([t for t in (old, new) if t is not None])
                )
            ).all()
        )
        if discount.get(new, 0) > discount.get(old, 0):
            require(actor, Perm.MEMBER_LEVEL)

    def _check_phone_free(self, s: Session, phone: str, member_id: int | None) -> None:
        other = s.scalar(select(Member).where(Member.phone == phone))
        if other is not None and other.id != member_id:
            raise Conflict(
                N_("This phone number belongs to member {name} (No. {number})."),
                field="phone",
                member_id=other.id,
                name=other.name,
                number=other.number,
            )

    def create(self, actor: Actor, data: MemberInput) -> MemberRow:
        with self.core.db.tx() as s:
            m = self.create_in(s, actor, data)
            record(
                s,
                self.core.clock,
                actor,
                "member.create",
                "member",
                m.id,
                after={"number": m.number},
            )
            return queries.member_in(s, m.id)

    def create_in(self, s: Session, actor: Actor, data: MemberInput) -> Member:
        """Check and add a member inside the caller's transaction (the form and the
        import both come through here); the caller writes the audit log. Counter staff
        add members at the counter; a beautician needs a manager's PIN."""
        require(actor, Perm.MEMBER_EDIT)
        values = self._clean(s, data)
        self._check_level(s, actor, None, values["tier_id"])
        self._check_phone_free(s, values["phone"], None)
        number = check_member_number(data.number or "")
        if number:
            if s.scalar(select(Member.id).where(Member.number == number)) is not None:
                raise Conflict(
                    N_("Member number {number} is already taken."), field="number", number=number
                )
        else:
            number = queries.next_member_number(s)
        now = self.core.clock.now()
        m = Member(number=number, created_at=now, updated_at=now, created_by=actor.staff_id)
        self._apply(m, values)
        s.add(m)
        self._flush(s, values["phone"])
        queries.write_keys(s, m)
        return m

    def update(self, actor: Actor, member_id: int, data: MemberInput) -> MemberRow:
        require(actor, Perm.MEMBER_EDIT)
        with self.core.db.tx() as s:
            m = s.get(Member, member_id)
            if m is None or m.erased_at is not None:
                raise NotFound(N_("No such member."))
            values = self._clean(s, data)
            self._check_level(s, actor, m.tier_id, values["tier_id"])
            self._check_phone_free(s, values["phone"], m.id)
            before = {k: getattr(m, k) for k in _FIELDS}
            changed = {k: v for k, v in values.items() if before[k] != v}
            if not changed:
                return queries.member_in(s, m.id)
            self._apply(m, values)
            m.updated_at = self.core.clock.now()
            self._flush(s, values["phone"])
            queries.write_keys(s, m)
            record(
                s,
                self.core.clock,
                actor,
                "member.update",
                "member",
                m.id,
                after={
                    "fields": sorted(changed),
                    **({"tier": [before["tier_id"], m.tier_id]} if "tier_id" in changed else {}),
                },
            )
            return queries.member_in(s, m.id)

    @staticmethod
    def _apply(m: Member, values: dict[str, Any]) -> None:
        for k, v in values.items():
            setattr(m, k, v)
        m.pinyin, m.initials = pinyin_of(values["name"])

    @staticmethod
    def _flush(s: Session, phone: str) -> None:
        """A second counter that saved the same phone a moment ago loses with a message."""
        try:
            with s.begin_nested():
                s.flush()
        except IntegrityError as exc:
            raise Conflict(
                N_("Another counter has just saved a member with this phone number: {phone}"),
                field="phone",
                phone=phone,
            ) from exc
