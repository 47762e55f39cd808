"""Roles, permissions and who is acting.

Every protected action is checked in the service layer, whatever the UI shows:
``require(actor, Perm.REFUND)`` raises :class:`Forbidden` unless the actor's role has the
permission or a manager authorised this one action with a PIN (a :class:`Grant`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from salon_desk.core.errors import Forbidden
from salon_desk.core.i18n import N_, Msg


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
    MEMBER_EDIT = "member_edit"  # add a member or change a profile
    MEMBER_LEVEL = "member_level"  # give a member a level with a bigger discount
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
    Perm.MEMBER_EDIT: N_("Add and edit members"),
    Perm.MEMBER_LEVEL: N_("Raise a member's level (a bigger discount)"),
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

_EVERYDAY = frozenset({Perm.SELL, Perm.BOOK, Perm.CLOSE_DAY, Perm.MEMBER_EDIT})
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
