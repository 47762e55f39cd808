"""The permission matrix: every protected service call (each ``require(`` in the code) made
by every role. A role without the permission is refused with :class:`Forbidden` naming it,
and the database is unchanged; a role with it is served. The table must name every
``require(`` site: a new protected call without a row here fails the test below."""

from __future__ import annotations

import ast
from pathlib import Path

import permission_sites_desk  # noqa: F401  (registers its rows)
import permission_sites_members  # noqa: F401
import permission_sites_till  # noqa: F401
import pytest
from permission_sites import SITES, Site
from salon_world import ROLES, World, changed_tables, snapshot

import salon_desk
from salon_desk.core import auth as core_auth
from salon_desk.core.auth import ROLE_PERMS, Actor, Perm, Role
from salon_desk.core.context import Core
from salon_desk.core.errors import Forbidden, Unavailable

PACKAGE = Path(salon_desk.__file__).parent


# --- the sweep -------------------------------------------------------------------------------
def require_sites() -> set[tuple[str, str, str]]:
    """Every ``require(actor, Perm.X)`` in the package: (module, enclosing function, perm)."""
    found: set[tuple[str, str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()

        def visit(node: ast.AST, qual: list[str], module: str = module) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    visit(child, [*qual, child.name])
                    continue
                if (
                    isinstance(child, ast.Call)
                    and isinstance(child.func, ast.Name)
                    and child.func.id == "require"
                ):
                    perm = child.args[1]
                    assert isinstance(perm, ast.Attribute), ast.unparse(child)
                    found.add((module, ".".join(qual), Perm[perm.attr].value))
                visit(child, qual)

        visit(ast.parse(path.read_text(encoding="utf-8")), [])
    return found


def test_the_table_names_every_protected_call() -> None:
    in_code = require_sites()
    in_table = {s.key for s in SITES}
    assert len(in_table) == len(SITES), "a site is listed twice"
    assert in_code - in_table == set(), "protected calls without a row in SITES"
    assert in_table - in_code == set(), "rows in SITES for calls that no longer check"


@pytest.fixture(autouse=True)
def _quick_pins(monkeypatch: pytest.MonkeyPatch) -> None:
    """PIN hashing is slow on purpose; the staff made here do not need it to be."""
    monkeypatch.setattr(core_auth, "_N", 2**4)


def expected_refusal(role: Role, chain: tuple[Perm, ...]) -> Perm | None:
    return next((p for p in chain if p not in ROLE_PERMS[role]), None)


@pytest.mark.parametrize("case", SITES, ids=lambda s: f"{s.qualname}:{s.perm.value}")
def test_every_role_on_every_protected_call(
    case: Site, core: Core, owner: Actor, tmp_path: Path
) -> None:
    w = World(core, owner, tmp_path)
    actors = w.actors
    refused = [r for r in ROLES if expected_refusal(r, case.chain)]
    allowed = [r for r in ROLES if not expected_refusal(r, case.chain)]
    for role in refused:
        call = case.prepare(w)
        before = snapshot(core)
        with pytest.raises(Forbidden) as caught:
            call(actors[role])
        assert caught.value.permission == expected_refusal(role, case.chain), role
        assert changed_tables(before, snapshot(core)) == [], role
    for i, role in enumerate(allowed):
        if case.fresh and i:
            w.next_day()
        call = case.prepare(w)
        if case.sqlite_only and core.db.sqlite_path is None:
            with pytest.raises(Unavailable):  # PostgreSQL is backed up with pg_dump
                call(actors[role])
            continue
        call(actors[role])


def test_the_matrix_covers_every_permission_that_is_checked() -> None:
    checked = {p for s in SITES for p in s.chain}
    unchecked = set(Perm) - checked - {Perm.MEMBER_EXPORT, Perm.MEMBER_ERASE, Perm.MEMBER_IMPORT}
    assert unchecked == set(), unchecked
