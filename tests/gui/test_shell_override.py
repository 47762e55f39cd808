"""The manager override: a manager's PIN allows one protected action, recorded in the
audit log; a wrong PIN or a cancel leaves everything as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from salon_desk.core import audit
from salon_desk.core.auth import Actor, Perm, Role
from salon_desk.core.context import Core
from salon_desk.ui.context import UiContext
from salon_desk.ui.override_dialog import OverrideDialog
from salon_desk.ui.prompts import ScriptedPrompts


@pytest.fixture
def counter_ctx(qapp: object, sqlite_core: Core, prompts: ScriptedPrompts) -> UiContext:
    """The real dialog (no scripted override), with counter staff 小陈 signed in."""
    owner = sqlite_core.auth.create_owner(name="王店长", number="8888", pin="8888")
    sqlite_core.auth.create_staff(
        owner, name="李经理", number="9001", pin="9001", role=Role.MANAGER
    )
    row = sqlite_core.auth.create_staff(
        owner, name="小陈", number="1001", pin="1001", role=Role.COUNTER
    )
    ctx = UiContext(sqlite_core, prompts=prompts)
    ctx.sign_in(Actor(row.id, row.number, row.name, row.role))
    return ctx


def test_the_dialog_lists_managers_and_refuses_a_wrong_pin(
    qtbot: QtBot, counter_ctx: UiContext
) -> None:
    dialog = OverrideDialog(None, counter_ctx, Perm.SETTINGS)
    qtbot.addWidget(dialog)
    assert sorted(dialog.tiles) == ["8888", "9001"]  # not the counter staff
    dialog.pin.type_pin("9001")
    dialog.pin.submit()
    assert dialog.message.text() == "请先点经理的名字。"
    dialog.choose_number("9001")
    dialog.pin.type_pin("1111")
    dialog.pin.submit()
    assert dialog.message.text() == "密码错误。"
    assert dialog.grant is None and dialog.result() != QDialog.DialogCode.Accepted
    dialog.pin.type_pin("9001")
    dialog.pin.pad.buttons["enter"].click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.grant is not None and dialog.grant.manager_name == "李经理"
    assert dialog.grant.perm == Perm.SETTINGS


def answer_dialog(qtbot: QtBot, number: str | None, pin: str = "") -> list[str]:
    """When the override dialog opens, tap the manager and type the PIN (or cancel)."""
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OverrideDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog.windowTitle())
        if number is None:
            dialog.reject()
            return
        dialog.choose_number(number)
        dialog.pin.type_pin(pin)
        dialog.pin.submit()

    QTimer.singleShot(0, fill)
    return seen


def test_guard_asks_a_manager_and_the_action_is_recorded_with_them(
    qtbot: QtBot, counter_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    core = counter_ctx.core
    seen = answer_dialog(qtbot, "9001", "9001")
    result = counter_ctx.guard(None, core.settings.set, "shop.name", "丽人坊")
    assert seen == ["经理授权"]
    assert result == "丽人坊"
    core.settings.reload()
    assert core.settings.get("shop.name") == "丽人坊"
    entry = audit.entries(core.db, action_prefix="settings.change")[0]
    assert entry.staff_id == counter_ctx.actor.staff_id
    manager = next(r for r in core.auth.list_staff() if r.number == "9001")
    assert entry.authorised_by == manager.id
    assert prompts.errors == []


def test_a_cancelled_override_changes_nothing(
    qtbot: QtBot, counter_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    core = counter_ctx.core
    seen = answer_dialog(qtbot, None)
    assert counter_ctx.guard(None, core.settings.set, "shop.name", "丽人坊") is None
    assert seen == ["经理授权"]
    core.settings.reload()
    assert core.settings.get("shop.name") == "美丽人生美容院"
    assert audit.entries(core.db, action_prefix="settings.change") == []


def test_a_grant_allows_only_the_one_action(counter_ctx: UiContext) -> None:
    grant = counter_ctx.core.auth.authorise("9001", "9001", Perm.SETTINGS)
    allowed = counter_ctx.actor.with_grant(grant)
    assert allowed.can(Perm.SETTINGS) and not allowed.can(Perm.STAFF_ADMIN)
