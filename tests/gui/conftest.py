"""GUI fixtures: a UiContext on a SQLite database with the owner signed in, prompts that
record instead of blocking, and a scripted manager override."""

from __future__ import annotations

from collections import deque

import pytest

from salon_desk.core.auth import Actor, Grant, Perm
from salon_desk.core.context import Core
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts


class ScriptedOverride:
    """Answers the manager-override dialog from a queue of grants (or None = cancelled)."""

    def __init__(self) -> None:
        self.answers: deque[Grant | None] = deque()
        self.asked: list[Perm] = []

    def __call__(self, parent: object, ctx: UiContext, perm: Perm) -> Grant | None:
        self.asked.append(perm)
        if not self.answers:
            raise AssertionError(f"unexpected manager override for {perm}")
        return self.answers.popleft()


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def override() -> ScriptedOverride:
    return ScriptedOverride()


@pytest.fixture
def gui_owner(sqlite_core: Core) -> Actor:
    return sqlite_core.auth.create_owner(name="王店长", number="8888", pin="8888")


@pytest.fixture
def ui_ctx(
    qapp: object,
    sqlite_core: Core,
    gui_owner: Actor,
    prompts: ScriptedPrompts,
    override: ScriptedOverride,
) -> UiContext:
    """Signed in as the owner. Use ``ui_ctx.sign_in(other_actor)`` to act as someone else."""
    ctx = UiContext(sqlite_core, prompts=prompts, override=override)
    ctx.sign_in(gui_owner)
    return ctx
