"""Staff and their PINs: sign-in with lock-out, the manager's PIN override, staff
administration. Roles, permissions and ``require`` are in ``core/permissions.py`` and are
importable from here as well.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.clock import Clock
from salon_desk.core.db import Database
from salon_desk.core.errors import Conflict, Forbidden, Invalid, Locked, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.permissions import (
    DISCOUNT_LIMIT_BP,
    PERM_LABELS,
    ROLE_LABELS,
    ROLE_PERMS,
    Actor,
    Grant,
    Perm,
    Role,
    require,
)
from salon_desk.core.staff_rules import (
    PIN,
    STAFF_NUMBER,
    role_of,
    staff_phone,
    text_of,
    validate_pin,
)

# Roles and permissions live in core/permissions.py; they are imported from here too.
__all__ = [
    "DISCOUNT_LIMIT_BP",
    "LOCKOUT",
    "MAX_WRONG_PINS",
    "PERM_LABELS",
    "ROLE_LABELS",
    "ROLE_PERMS",
    "Actor",
    "AuthService",
    "Grant",
    "Perm",
    "Role",
    "StaffRow",
    "check_pin",
    "hash_pin",
    "require",
    "validate_pin",
]

MAX_WRONG_PINS = 5
LOCKOUT = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    number: str
    name: str
    role: Role
    active: bool
    locked: bool
    phone: str | None


# --- PIN hashing (scrypt, salted, slow) --------------------------------------------------
_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        pin.encode(),
        salt=base64.b64decode(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(actual, expected)


def _row(staff: Staff, clock: Clock) -> StaffRow:
    locked = staff.locked_until is not None and staff.locked_until > clock.now()
    return StaffRow(
        staff.id, staff.number, staff.name, Role(staff.role), staff.active, locked, staff.phone
    )


def _actor(staff: Staff) -> Actor:
    return Actor(staff.id, staff.number, staff.name, Role(staff.role))


class AuthService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- queries -------------------------------------------------------------------
    def has_staff(self) -> bool:
        with self.db.read() as s:
            return bool(s.scalar(select(func.count()).select_from(Staff)))

    def list_staff(self, *, active_only: bool = True, role: Role | None = None) -> list[StaffRow]:
        with self.db.read() as s:
            q = select(Staff).order_by(Staff.number)
            if active_only:
                q = q.where(Staff.active.is_(True))
            if role is not None:
                q = q.where(Staff.role == role.value)
            return [_row(st, self.clock) for st in s.scalars(q)]

    def get(self, staff_id: int) -> StaffRow:
        with self.db.read() as s:
            staff = s.get(Staff, staff_id)
            if staff is None:
                raise NotFound(N_("No such staff member."))
            return _row(staff, self.clock)

    # --- first start ---------------------------------------------------------------
    def create_owner(self, *, name: str, number: str, pin: str) -> Actor:
        """The first account, made by the set-up screen. Refused once any staff exists."""
        with self.db.tx() as s:
            if s.scalar(select(func.count()).select_from(Staff)):
                raise Conflict(N_("The shop is already set up."))
            staff = self._insert(s, name=name, number=number, pin=pin, role=Role.OWNER)
            actor = _actor(staff)
            record(s, self.clock, actor, "staff.create", "staff", staff.id, after=_public(staff))
            return actor

    # --- sign-in ---------------------------------------------------------------------
    def sign_in(self, number: str, pin: str) -> Actor:
        """Check a PIN. Five wrong PINs lock the account for a minute."""
        return _actor(self._check(number, pin, action="staff.sign_in"))

    def authorise(self, number: str, pin: str, perm: Perm) -> Grant:
        """A manager types a PIN on the spot to allow one protected action."""
        staff = self._check(number, pin, action="staff.authorise")
        manager = _actor(staff)
        if perm not in ROLE_PERMS[manager.role]:
            raise Forbidden(
                N_("{name} may not authorise this action."), permission=perm.value, name=staff.name
            )
        return Grant(staff.id, staff.name, perm)

    def _check(self, number: str, pin: str, *, action: str) -> Staff:
        now = self.clock.now()
        with self.db.tx() as s:
            staff = s.scalar(select(Staff).where(Staff.number == number.strip()))
            if staff is None or not staff.active:
                raise NotFound(N_("No such staff member."))
            if staff.locked_until is not None and staff.locked_until > now:
                seconds = int((staff.locked_until - now).total_seconds()) + 1
                raise Locked(
                    N_("Too many wrong PINs. Try again in {seconds} seconds."), seconds=seconds
                )
            ok = isinstance(pin, str) and bool(PIN.match(pin)) and check_pin(pin, staff.pin_hash)
            if ok:
                staff.failed_pins = 0
                staff.locked_until = None
                return staff
            staff.failed_pins += 1
            locked = staff.failed_pins >= MAX_WRONG_PINS
            if locked:
                staff.locked_until = now + LOCKOUT
                staff.failed_pins = 0
                record(s, self.clock, None, "staff.locked", "staff", staff.id, reason=action)
        # The failed attempt is committed above; now tell the user.
        if locked:
            raise Locked(N_("Too many wrong PINs. Try again in {seconds} seconds."), seconds=60)
        raise Invalid(N_("Wrong PIN."), field="pin")

    # --- administration --------------------------------------------------------------
    def create_staff(
        self,
        actor: Actor,
        *,
        name: str,
        number: str,
        pin: str,
        role: Role,
        phone: str | None = None,
    ) -> StaffRow:
        require(actor, Perm.STAFF_ADMIN)
        if role == Role.OWNER and actor.role != Role.OWNER:
            raise Forbidden(N_("Only the owner may create another owner."), permission="owner")
        with self.db.tx() as s:
            staff = self._insert(s, name=name, number=number, pin=pin, role=role, phone=phone)
            record(s, self.clock, actor, "staff.create", "staff", staff.id, after=_public(staff))
            return _row(staff, self.clock)

    def set_active(self, actor: Actor, staff_id: int, active: bool) -> StaffRow:
        require(actor, Perm.STAFF_ADMIN)
        with self.db.tx() as s:
            staff = s.get(Staff, staff_id)
            if staff is None:
                raise NotFound(N_("No such staff member."))
            before = _public(staff)
            staff.active = active
            record(
                s,
                self.clock,
                actor,
                "staff.active",
                "staff",
                staff.id,
                before=before,
                after=_public(staff),
            )
            return _row(staff, self.clock)

    def set_role(self, actor: Actor, staff_id: int, role: Role) -> StaffRow:
        """Change a staff member's role. Only the owner makes or unmakes an owner; nobody
        changes their own role."""
        require(actor, Perm.STAFF_ADMIN)
        role = role_of(role)
        if staff_id == actor.staff_id:
            raise Forbidden(N_("You cannot change your own role."), permission="own_role")
        with self.db.tx() as s:
            staff = s.get(Staff, staff_id)
            if staff is None:
                raise NotFound(N_("No such staff member."))
            if Role.OWNER in (role, Role(staff.role)) and actor.role != Role.OWNER:
                raise Forbidden(N_("Only the owner may create another owner."), permission="owner")
            before = _public(staff)
            if staff.role == role.value:
                return _row(staff, self.clock)
            staff.role = role.value
            record(
                s,
                self.clock,
                actor,
                "staff.role",
                "staff",
                staff.id,
                before=before,
                after=_public(staff),
            )
            return _row(staff, self.clock)

    def change_pin(self, actor: Actor, staff_id: int, new_pin: str) -> None:
        """Anyone may change their own PIN; a manager may reset anyone's."""
        if staff_id != actor.staff_id:
            require(actor, Perm.STAFF_ADMIN)
        validate_pin(new_pin)
        with self.db.tx() as s:
            staff = s.get(Staff, staff_id)
            if staff is None:
                raise NotFound(N_("No such staff member."))
            staff.pin_hash = hash_pin(new_pin)
            staff.failed_pins = 0
            staff.locked_until = None
            record(s, self.clock, actor, "staff.pin", "staff", staff.id)

    def _insert(
        self, s: Session, *, name: str, number: str, pin: str, role: Role, phone: str | None = None
    ) -> Staff:
        name = " ".join(unicodedata.normalize("NFKC", text_of(name)).split())
        number = text_of(number).strip()
        if not name:
            raise Invalid(N_("Enter a name."), field="name")
        if len(name) > 40:
            raise Invalid(N_("The name is too long (at most {n} characters)."), field="name", n=40)
        if any(unicodedata.category(c).startswith("C") for c in name):
            raise Invalid(N_("The name contains characters that cannot be shown."), field="name")
        if not STAFF_NUMBER.fullmatch(number):
            raise Invalid(N_("A staff number is 1 to 16 letters or digits."), field="number")
        validate_pin(pin)
        role = role_of(role)
        phone = staff_phone(phone)
        if s.scalar(select(Staff.id).where(Staff.number == number)) is not None:
            raise Conflict(
                N_("Staff number {number} is already taken."), field="number", number=number
            )
        staff = Staff(
            number=number,
            name=name,
            role=role.value,
            pin_hash=hash_pin(pin),
            phone=phone,
            created_at=self.clock.now(),
        )
        s.add(staff)
        try:
            s.flush()
        except IntegrityError as exc:
            raise Conflict(
                N_("Staff number {number} is already taken."), field="number", number=number
            ) from exc
        return staff


def _public(staff: Staff) -> dict[str, object]:
    return {"number": staff.number, "name": staff.name, "role": staff.role, "active": staff.active}
