"""The settings page: the forms, staff administration and backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from salon_desk.core import audit
from salon_desk.core.auth import Actor, Role
from salon_desk.core.backups import list_backups, verify
from salon_desk.core.clock import FixedClock
from salon_desk.core.settings import CALLS, COUNTER, HOURS, STOCK, SettingsService
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.settings.settings_tab import SettingsTab
from salon_desk.ui.settings.staff_dialog import StaffDialog
from salon_desk.ui.tabs import discover


@pytest.fixture
def tab(qtbot: QtBot, ui_ctx: UiContext) -> SettingsTab:
    widget = SettingsTab(ui_ctx)
    qtbot.addWidget(widget)
    return widget


def line(tab: SettingsTab, group: str, name: str) -> QLineEdit:
    editor = tab.forms[group].editors[name]
    assert isinstance(editor, QLineEdit)
    return editor


def test_the_tab_is_listed_for_managers_only(ui_ctx: UiContext, gui_owner: Actor) -> None:
    spec = next(s for s in discover() if s.key == "settings")
    assert spec.visible_to(gui_owner)
    counter = Actor(99, "1001", "小陈", Role.COUNTER)
    assert not spec.visible_to(counter)


def test_settings_are_saved_and_survive_a_restart(
    tab: SettingsTab, ui_ctx: UiContext, prompts: ScriptedPrompts, clock: FixedClock
) -> None:
    from salon_desk.core.settings import SHOP

    shop = tab.forms[SHOP]
    line(tab, SHOP, "shop.name").setText("丽人坊")
    footer = shop.editors["receipt.footer"]
    assert isinstance(footer, QPlainTextEdit)
    footer.setPlainText("谢谢！\n再见")
    line(tab, HOURS, "booking.late_grace_minutes").setText("45")
    assert shop.save()
    assert prompts.last == "已保存。"
    assert tab.forms[HOURS].save()
    counter = tab.forms[COUNTER]
    paper = counter.editors["printer.paper_mm"]
    assert isinstance(paper, QComboBox)
    paper.setCurrentIndex(paper.findData("58"))
    line(tab, COUNTER, "printer.address").setText("network:192.168.1.50:9100")
    assert counter.save()
    core = ui_ctx.core
    again = SettingsService(core.db, clock, core.settings.local_file)  # a restart
    assert again.get("shop.name") == "丽人坊"
    assert again.get("receipt.footer") == "谢谢！\n再见"
    assert again.get("booking.late_grace_minutes") == 45
    assert again.get("printer.paper_mm") == 58
    assert again.get("printer.address") == "network:192.168.1.50:9100"
    # A new page shows what was saved.
    fresh = SettingsTab(ui_ctx)
    assert line(fresh, SHOP, "shop.name").text() == "丽人坊"
    assert line(fresh, HOURS, "booking.late_grace_minutes").text() == "45"
    fresh.deleteLater()


def test_a_wrong_value_is_explained_and_nothing_is_saved(
    tab: SettingsTab, ui_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    hours = tab.forms[HOURS]
    line(tab, HOURS, "hours.open").setText("08:00")
    line(tab, HOURS, "booking.late_grace_minutes").setText("三十")
    entries = len(audit.entries(ui_ctx.core.db))
    assert not hours.save()
    assert prompts.errors == ["迟到自动取消（分钟）：无效的值：三十"]
    ui_ctx.core.settings.reload()
    assert ui_ctx.core.settings.get("hours.open").hour == 9
    assert len(audit.entries(ui_ctx.core.db)) == entries
    assert line(tab, HOURS, "hours.open").text() == "08:00"  # what was typed stays


def test_saving_nothing_says_so(tab: SettingsTab, prompts: ScriptedPrompts) -> None:
    from salon_desk.core.settings import SHOP

    assert not tab.forms[SHOP].save()
    assert prompts.last == "没有修改。"


def test_add_staff_refuses_a_taken_number_then_adds(
    qtbot: QtBot, tab: SettingsTab, ui_ctx: UiContext
) -> None:
    dialog = StaffDialog(tab, ui_ctx)
    qtbot.addWidget(dialog)
    dialog.name.setText("小周")
    dialog.number.setText("8888")
    dialog.pin.setText("1002")
    dialog.ok_button.click()
    assert dialog.message.text() == "工号 8888 已被占用。"
    assert len(ui_ctx.core.auth.list_staff()) == 1
    dialog.number.setText("1002")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.BEAUTICIAN.value))
    dialog.ok_button.click()
    assert dialog.created is not None and dialog.created.role == Role.BEAUTICIAN
    assert ui_ctx.core.auth.sign_in("1002", "1002").name == "小周"


def test_deactivate_and_reset_a_pin(
    tab: SettingsTab, ui_ctx: UiContext, prompts: ScriptedPrompts, gui_owner: Actor
) -> None:
    auth = ui_ctx.core.auth
    auth.create_staff(gui_owner, name="小周", number="1002", pin="1002", role=Role.COUNTER)
    ui_ctx.hub.notify("staff")
    page = tab.staff
    page.select_number("8888")
    assert not page.active_button.isEnabled()  # not oneself
    page.select_number("1002")
    row = page.selected()
    assert row is not None
    assert page.set_pin(row, "2580")
    assert prompts.last == "小周 的密码已修改。"
    assert auth.sign_in("1002", "2580").name == "小周"
    assert not page.set_pin(row, "25")
    assert prompts.errors[-1] == "密码为 4 到 6 位数字。"
    prompts.confirms.append(True)
    page.toggle_active()
    assert page.model.rows()[0].number == "1002" and not page.model.rows()[0].active
    assert page.active_button.text() == "重新启用"
    assert [r.number for r in auth.list_staff()] == ["8888"]
    page.toggle_active()  # reactivate needs no confirmation
    assert [r.number for r in auth.list_staff()] == ["1002", "8888"]


def test_back_up_now(
    qtbot: QtBot, tab: SettingsTab, ui_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    assert tab.backups.backup_now() is not None  # made off the UI thread
    qtbot.waitUntil(lambda: tab.backups.job is None)
    folder = Path(ui_ctx.core.db.sqlite_path or "").parent / "backups"
    (made,) = list_backups(folder)
    assert verify(made.path) is None
    assert tab.backups.model.rowCount() == 1
    assert prompts.last is not None and prompts.last.startswith("备份已写入并校验")
    assert audit.entries(ui_ctx.core.db, action_prefix="backup.make")


def test_counter_staff_cannot_back_up_without_a_manager(
    tab: SettingsTab, ui_ctx: UiContext, gui_owner: Actor, override: object
) -> None:
    row = ui_ctx.core.auth.create_staff(
        gui_owner, name="小陈", number="1001", pin="1001", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(row.id, row.number, row.name, row.role))
    override.answers.append(None)  # type: ignore[attr-defined]
    assert tab.backups.backup_now() is None
    assert tab.backups.model.rowCount() == 0


def test_change_a_role(
    tab: SettingsTab, ui_ctx: UiContext, prompts: ScriptedPrompts, gui_owner: Actor
) -> None:
    from salon_desk.ui.settings.role_dialog import RoleDialog

    auth = ui_ctx.core.auth
    auth.create_staff(gui_owner, name="小周", number="1002", pin="1002", role=Role.COUNTER)
    ui_ctx.hub.notify("staff")
    page = tab.staff
    page.select_number("8888")
    assert not page.role_button.isEnabled()  # not one's own
    page.select_number("1002")
    row = page.selected()
    assert row is not None
    dialog = RoleDialog(page, row.name, row.role, [Role.COUNTER, Role.MANAGER])
    dialog.buttons[Role.MANAGER].click()
    assert dialog.chosen == Role.MANAGER
    assert page.set_role(row, Role.MANAGER)
    assert auth.sign_in("1002", "1002").role == Role.MANAGER
    assert page.model.rows()[0].role == Role.MANAGER
    dialog.deleteLater()


def test_the_times_and_suggestions_of_calls_to_members(
    tab: SettingsTab, ui_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    tab.open_section("calls")
    calls = tab.forms[CALLS]
    assert tab.pages.currentWidget() is calls
    assert set(calls.editors) >= {"calls.earliest", "calls.card_expiry_days"}
    assert line(tab, CALLS, "calls.card_expiry_days").text() == "14"
    line(tab, CALLS, "calls.card_expiry_days").setText("7")
    assert calls.save()
    assert ui_ctx.core.settings.get("calls.card_expiry_days") == 7
    line(tab, CALLS, "calls.card_expiry_days").setText("365")  # more than 90 days
    assert not calls.save()
    assert ui_ctx.core.settings.get("calls.card_expiry_days") == 7


def test_the_stock_count_approval_limit(
    tab: SettingsTab, ui_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    tab.open_section("stock")
    stock = tab.forms[STOCK]
    assert tab.pages.currentWidget() is stock
    assert tab.sections["stock"].text() == "库存"
    limit = line(tab, STOCK, "stock.count_approval_yuan")
    assert limit.text() == "200"
    entries = len(audit.entries(ui_ctx.core.db))
    label = "盘点差异金额超过此值（元，按成本）需经理审核"
    for typed, message in (
        ("-1", f"{label}：不能小于 0"),
        ("2000000", f"{label}：不能大于 1000000"),
        ("五百", f"{label}：无效的值：五百"),
    ):
        limit.clear()
        limit.insert(typed)
        assert not stock.save()
        assert prompts.errors[-1] == message
        ui_ctx.core.settings.reload()
        assert ui_ctx.core.settings.get("stock.count_approval_yuan") == 200
        assert len(audit.entries(ui_ctx.core.db)) == entries
        assert limit.text() == typed  # what was typed stays
    limit.setText("500")
    assert stock.save()
    assert prompts.last == "已保存。"
    assert ui_ctx.core.settings.get("stock.count_approval_yuan") == 500
    assert len(audit.entries(ui_ctx.core.db)) == entries + 1


def test_a_section_is_built_when_first_shown_with_the_settings_as_they_stand(
    tab: SettingsTab, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    from salon_desk.core.settings import SHOP

    # Opening the tab builds the shop form alone.
    assert list(tab.forms) == [SHOP] and tab.pages.count() == 1
    assert tab.pages.currentWidget() is tab.forms[SHOP]
    ui_ctx.core.settings.set(gui_owner, "calls.card_expiry_days", 30)  # from another counter
    tab.open_section("calls")
    assert tab.pages.currentWidget() is tab.forms[CALLS] and tab.pages.count() == 2
    assert line(tab, CALLS, "calls.card_expiry_days").text() == "30"
    tab.open_section("backup")
    assert tab.pages.currentWidget() is tab.backups and tab.sections["backup"].isChecked()
    tab.open_section("calls")  # shown again, not built again
    assert tab.pages.currentWidget() is tab.forms[CALLS] and tab.pages.count() == 3
