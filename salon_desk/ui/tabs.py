"""The tabs of the main window, found by looking for tab packages.

A tab is a package ``salon_desk/ui/<name>/`` whose ``__init__.py`` defines ``TAB`` (a
:class:`TabSpec`) and imports no Qt, so finding the tabs costs nothing at start-up. The
widget class named by ``TabSpec.widget`` is imported only when the tab is first shown and
built as ``Class(ctx)``. A package without ``TAB`` is not a tab: an unfinished tab is
simply not listed.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any

from salon_desk.core.auth import Actor, Perm


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str  # English source text marked with N_(); shown translated
    order: int
    widget: str  # "salon_desk.ui.members.tab:MembersTab"
    perm: Perm | None = None  # shown only to staff who have this permission

    def visible_to(self, actor: Actor) -> bool:
        return self.perm is None or actor.can(self.perm)

    def load(self) -> Any:
        module_name, _, class_name = self.widget.partition(":")
        return getattr(importlib.import_module(module_name), class_name)


def discover() -> list[TabSpec]:
    import salon_desk.ui as ui

    specs = []
    for info in pkgutil.iter_modules(ui.__path__):
        if not info.ispkg or info.name == "widgets":
            continue
        module = importlib.import_module(f"salon_desk.ui.{info.name}")
        spec = getattr(module, "TAB", None)
        if isinstance(spec, TabSpec):
            specs.append(spec)
    return sorted(specs, key=lambda s: (s.order, s.key))
