"""The house rules that a machine can check (DESIGN.md section 2):

- only ``ui/`` and ``app.py`` import PySide6;
- ``ui/`` never imports SQLAlchemy or a ``models`` module;
- nothing but ``core/clock.py`` reads the wall clock;
- no ``float()`` on money and no ``Numeric``/``Float`` columns outside ``ui/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "salon_desk"
MONEYISH = ("fen", "money", "price", "amount", "total", "balance", "paid")


def imported_modules(tree: ast.AST, module: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import, relative ones resolved."""
    found = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.append((node.lineno, base))
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return found


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def problems_in(source: str, rel: str) -> list[str]:
    """Every rule broken by one file; ``rel`` is its path from the repository root."""
    tree = ast.parse(source, rel)
    module = rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    in_ui = rel.startswith("salon_desk/ui/")
    qt_allowed = in_ui or rel == "salon_desk/app.py"
    found = []
    for line, name in imported_modules(
        tree, module if not rel.endswith("__init__.py") else module + ".__init__"
    ):
        top = name.split(".")[0]
        if top == "PySide6" and not qt_allowed:
            found.append(f"{rel}:{line}: imports PySide6 outside ui/ and app.py")
        if in_ui and top in ("sqlalchemy", "alembic"):
            found.append(f"{rel}:{line}: ui/ imports {top}")
        if in_ui and (name.endswith(".models") or name == "models" or ".models." in name):
            found.append(f"{rel}:{line}: ui/ imports a models module ({name})")
    clock_allowed = rel == "salon_desk/core/clock.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not clock_allowed:
            name = dotted(node)
            if name.endswith(("datetime.now", "datetime.utcnow", "date.today", "datetime.today")):
                found.append(f"{rel}:{node.lineno}: reads the wall clock ({name})")
            if name in ("time.time", "time.localtime"):
                found.append(f"{rel}:{node.lineno}: reads the wall clock ({name})")
        if in_ui:
            continue
        if isinstance(node, ast.Call) and dotted(node.func) == "float" and node.args:
            text = ast.unparse(node.args[0]).lower()
            if any(word in text for word in MONEYISH):
                found.append(f"{rel}:{node.lineno}: float() on money ({text})")
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = dotted(node).rsplit(".", 1)[-1]
            if name in ("Numeric", "Float", "DECIMAL", "REAL", "DOUBLE_PRECISION"):
                found.append(f"{rel}:{node.lineno}: {name} column; money is integer fen")
    return found


def test_the_checker_catches_each_rule() -> None:
    assert problems_in("from PySide6.QtWidgets import QWidget\n", "salon_desk/pos/service.py")
    assert not problems_in("from PySide6.QtWidgets import QWidget\n", "salon_desk/ui/x.py")
    assert not problems_in("import PySide6\n", "salon_desk/app.py")
    assert problems_in("import sqlalchemy as sa\n", "salon_desk/ui/members/tab.py")
    assert problems_in("from salon_desk.members.models import Member\n", "salon_desk/ui/a.py")
    assert problems_in("from salon_desk.members import models\n", "salon_desk/ui/a.py")
    assert problems_in("from ..members import models\n", "salon_desk/ui/members/a.py")
    assert not problems_in("from salon_desk.members.service import X\n", "salon_desk/ui/a.py")
    assert problems_in("x = datetime.now()\n", "salon_desk/booking/service.py")
    assert problems_in("x = dt.date.today()\n", "salon_desk/ui/a.py")
    assert not problems_in("x = datetime.now(UTC)\n", "salon_desk/core/clock.py")
    assert problems_in("y = float(line.price_fen) / 100\n", "salon_desk/reports/pdf.py")
    assert not problems_in("y = float(width_mm)\n", "salon_desk/reports/pdf.py")
    assert problems_in("c = mapped_column(sa.Numeric(10, 2))\n", "salon_desk/pos/models.py")


def test_the_package_keeps_the_house_rules() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20
    found = []
    for path in files:
        rel = path.relative_to(PACKAGE.parent).as_posix()
        found.extend(problems_in(path.read_text(encoding="utf-8"), rel))
    assert not found, "\n".join(found)
