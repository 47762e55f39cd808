"""The table of protected calls: each ``require(actor, perm)`` in the code, and how to
reach it in a shop built by :class:`salon_world.World`. The rows are in
``permission_sites_desk.py`` (booking, staff, front desk), ``permission_sites_members.py``
(members and cards) and ``permission_sites_till.py`` (register, reports, stock, backups)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from salon_world import World

from salon_desk.core.auth import Actor, Perm

Call = Callable[[Actor], object]


@dataclass(frozen=True)
class Site:
    """``require(actor, perm)`` in ``qualname`` of ``module``, reached by ``prepare``.
    ``needs``: every permission the call checks on its way there, in order. ``fresh``: the
    call can succeed only once per shop (opening the day), so each role gets a new shop."""

    module: str
    qualname: str
    perm: Perm
    prepare: Callable[[World], Call]
    needs: tuple[Perm, ...] = ()
    fresh: bool = False
    sqlite_only: bool = False  # on a server the call is refused for everyone as Unavailable

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.module, self.qualname, self.perm.value)

    @property
    def chain(self) -> tuple[Perm, ...]:
        return (*self.needs, self.perm)


SITES: list[Site] = []


def site(
    module: str,
    qualname: str,
    perm: Perm,
    *needs: Perm,
    fresh: bool = False,
    sqlite_only: bool = False,
) -> Callable[[Callable[[World], Call]], Callable[[World], Call]]:
    def register(prepare: Callable[[World], Call]) -> Callable[[World], Call]:
        SITES.append(Site(module, qualname, perm, prepare, needs, fresh, sqlite_only))
        return prepare

    return register
