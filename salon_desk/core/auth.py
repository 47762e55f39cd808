"""Staff, roles, PINs and permissions.

Every protected action is checked here, in the service layer, whatever the UI shows:
``require(actor, Perm.REFUND)`` raises :class:`Forbidden` unless the actor's role has the
permission or a manager authorised this one action with a PIN (a :class:`Grant`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.clock import Clock
from salon_desk.core.db import Database
from salon_desk.core.errors import Conflict, Forbidden, Invalid, Locked, NotFound
from salon_desk.core.i18n import N_, Msg
from salon_desk.core.models import Staff

MAX_WRONG_PINS = 5
LOCKOUT = timedelta(minutes=1)
_PIN = re.compile(r"^[0-9]{4,6}$")
_NUMBER = re.compile(r"^[0-9A-Za-z]{1,16}$")


class Role(StrEnum):
    COUNTER = "counter"
    BEAUTICIAN = "beautician"
    MANAGER = "manager"
    OWNER = "owner"


ROLE_LABELS: dict[Role, str] = {
    Role.COUNTER: N_("Counter staff"),
    Role.BEAUTICIAN: N_("Beautician"),
    Role.MANAGER: N_("Manager"),
    Role.OWNER: N_("Owner"),
}


class Perm(StrEnum):
    """Protected actions (DESIGN.md rule 8) and the everyday ones they sit beside."""

    SELL = "sell"
    BOOK = "book"
    BOOK_ANYWAY = "book_anyway"  # double-book a beautician
    BACKDATE = "backdate"  # enter a booking or record in the past
    UNDO_AUTO_CANCEL = "undo_auto_cancel"
    VOID = "void"
    REFUND = "refund"
    DISCOUNT_OVER_LIMIT = "discount_over_limit"
    NO_SALE = "no_sale"
    PRICE_CHANGE = "price_change"
    STOCK_ADJUST = "stock_adjust"
    STOCK_COUNT_APPROVE = "stock_count_approve"
    CARD_ADJUST = "card_adjust"
    CARD_REFUND = "card_refund"
    MEMBER_EXPORT = "member_export"
    MEMBER_ERASE = "member_erase"
    MEMBER_IMPORT = "member_import"
    SETTINGS = "settings"
    STAFF_ADMIN = "staff_admin"
    BACKUP = "backup"
    RESTORE = "restore"
    CLOSE_DAY = "close_day"
    REPORTS = "reports"
    CONFIDENTIAL_DIRECTORY = "confidential_directory"
    CATALOGUE_EDIT = "catalogue_edit"  # services, card products, products


PERM_LABELS: dict[Perm, str] = {
    Perm.SELL: N_("Sell"),
    Perm.BOOK: N_("Book appointments"),
    Perm.BOOK_ANYWAY: N_("Double-book a beautician"),
    Perm.BACKDATE: N_("Enter a past date"),
    Perm.UNDO_AUTO_CANCEL: N_("Undo an automatic cancellation"),
    Perm.VOID: N_("Void a sale"),
    Perm.REFUND: N_("Refund"),
    Perm.DISCOUNT_OVER_LIMIT: N_("Discount over the limit"),
    Perm.NO_SALE: N_("Open the cash drawer without a sale"),
    Perm.PRICE_CHANGE: N_("Change a price"),
    Perm.STOCK_ADJUST: N_("Adjust stock"),
    Perm.STOCK_COUNT_APPROVE: N_("Approve a stock count"),
    Perm.CARD_ADJUST: N_("Adjust a card balance"),
    Perm.CARD_REFUND: N_("Refund a card"),
    Perm.MEMBER_EXPORT: N_("Export members"),
    Perm.MEMBER_ERASE: N_("Erase a member"),
    Perm.MEMBER_IMPORT: N_("Import members"),
    Perm.SETTINGS: N_("Change settings"),
    Perm.STAFF_ADMIN: N_("Manage staff"),
    Perm.BACKUP: N_("Back up"),
    Perm.RESTORE: N_("Restore a backup"),
    Perm.CLOSE_DAY: N_("Close the day"),
    Perm.REPORTS: N_("Reports"),
    Perm.CONFIDENTIAL_DIRECTORY: N_("Confidential directory"),
    Perm.CATALOGUE_EDIT: N_("Edit the price list and products"),
}

_EVERYDAY = frozenset({Perm.SELL, Perm.BOOK, Perm.CLOSE_DAY})
_MANAGER = frozenset(Perm) - {Perm.RESTORE}

ROLE_PERMS: dict[Role, frozenset[Perm]] = {
    Role.COUNTER: _EVERYDAY,
    Role.BEAUTICIAN: frozenset({Perm.BOOK}),
    Role.MANAGER: _MANAGER,
    Role.OWNER: frozenset(Perm),
}

#: Discount a role may give without a manager, in basis points (1000 = 10 %).
DISCOUNT_LIMIT_BP: dict[Role, int] = {
    Role.COUNTER: 1000,
    Role.BEAUTICIAN: 0,
    Role.MANAGER: 10_000,
    Role.OWNER: 10_000,
}


@dataclass(frozen=True, slots=True)
class Grant:
    """A manager's PIN authorised ``perm`` for one action."""

    manager_id: int
    manager_name: str
    perm: Perm


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in staff member, passed to every service call that changes something."""

    staff_id: int
    number: str
    name: str
    role: Role
    grant: Grant | None = None

    def can(self, perm: Perm) -> bool:
        if perm in ROLE_PERMS[self.role]:
            return True
        return self.grant is not None and self.grant.perm == perm

    def with_grant(self, grant: Grant) -> Actor:
        return replace(self, grant=grant)

    @property
    def authorised_by(self) -> int | None:
        return self.grant.manager_id if self.grant else None

    @property
    def is_manager(self) -> bool:
        return self.role in (Role.MANAGER, Role.OWNER)


def require(actor: Actor, perm: Perm) -> None:
    if not actor.can(perm):
        raise Forbidden(
            N_("This needs a manager's permission: {action}"),
            permission=perm.value,
            action=Msg(PERM_LABELS[perm]),
        )


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


def validate_pin(pin: str) -> str:
    if not isinstance(pin, str) or not _PIN.match(pin):
        raise Invalid(N_("A PIN is 4 to 6 digits."), field="pin")
    return pin


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
            ok = isinstance(pin, str) and bool(_PIN.match(pin)) and check_pin(pin, staff.pin_hash)
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
        name = (name or "").strip()
        number = (number or "").strip()
        if not name:
            raise Invalid(N_("Enter a name."), field="name")
        if len(name) > 40:
            raise Invalid(N_("The name is too long (at most {n} characters)."), field="name", n=40)
        if not _NUMBER.match(number):
            raise Invalid(N_("A staff number is 1 to 16 letters or digits."), field="number")
        validate_pin(pin)
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
