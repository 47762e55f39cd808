"""The feature packages, in the order they are loaded.

Each package may provide ``models`` (its tables; imported so that Alembic and the tests
see the whole schema), ``demo`` (``seed(core, owner)`` fills the demo database) and
``cli`` (``register(subparsers)`` adds command-line subcommands). The UI tabs are listed
separately in ``salon_desk.ui.tabs``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

FEATURES: tuple[str, ...] = ("members", "stock", "booking", "pos", "reports", "frontdesk")

#: Table modules beside a feature's ``models.py`` (a feature may split its tables).
EXTRA_MODELS: tuple[str, ...] = ("salon_desk.pos.print_models", "salon_desk.pos.payout_models")


def feature_modules(name: str) -> list[ModuleType]:
    """Import ``salon_desk.<feature>.<name>`` for every feature that has one."""
    found = []
    for feature in FEATURES:
        qualified = f"salon_desk.{feature}.{name}"
        try:
            found.append(importlib.import_module(qualified))
        except ModuleNotFoundError as exc:
            if exc.name not in (qualified, f"salon_desk.{feature}"):
                raise
    return found


def load_models() -> None:
    """Import every table definition into ``Base.metadata``."""
    import salon_desk.core.models  # noqa: F401

    feature_modules("models")
    for name in EXTRA_MODELS:
        importlib.import_module(name)
