"""The front-desk log tab, tapped as a new user would: an item entered and closed in
each log, bad input refused with a Chinese message and nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desk.core.auth import Actor, Role
from salon_desk.frontdesk.complaints_service import ComplaintService
from salon_desk.frontdesk.directory_service import DirectoryService
from salon_desk.frontdesk.handover_service import HandoverService
from salon_desk.frontdesk.logs_service import LostPropertyService, VisitorService
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.tab import FrontdeskTab
from salon_desk.ui.prompts import ScriptedPrompts


def _tab(qtbot: QtBot, ctx: UiContext) -> FrontdeskTab:
    tab = FrontdeskTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    return tab


def _staff(ctx: UiContext, owner: Actor, name: str, number: str, role: Role) -> Actor:
    row = ctx.core.auth.create_staff(owner, name=name, number=number, pin="1234", role=role)
    return Actor(row.id, row.number, row.name, row.role)


def _tap(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_visitor_signed_in_and_out(
    qtbot: QtBot, ui_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    tab = _tab(qtbot, ui_ctx)
    page = tab.pages["visitors"]
    _tap(qtbot, page.sign_in_button)  # empty form
    assert prompts.errors == ["请填写：姓名"]
    assert ui_ctx.service(VisitorService).day() == []
    page.name.insert("张女士")
    page.reason.insert("咨询祛斑")
    page.people = 2
    _tap(qtbot, page.sign_in_button)
    assert page.model.rowCount() == 1 and page.name.text() == ""
    page.select_row(0)
    _tap(qtbot, page.sign_out_button)
    row = ui_ctx.service(VisitorService).day()[0]
    assert (row.name, row.people, row.inside) == ("张女士", 2, False)
    _tap(qtbot, page.sign_out_button)  # the list was reloaded: nothing chosen
    assert prompts.errors[-1] == "请先点选列表中的一行。"
    page.select_row(0)
    _tap(qtbot, page.sign_out_button)  # chosen and tapped again
    assert prompts.errors[-1] == "这位来访者已经登记离开。"


def test_complaint_registered_and_resolved_with_summary(
    qtbot: QtBot,
    ui_ctx: UiContext,
    gui_owner: Actor,
    prompts: ScriptedPrompts,
    tmp_path: Path,
) -> None:
    manager = _staff(ui_ctx, gui_owner, "李经理", "9001", Role.MANAGER)
    tab = _tab(qtbot, ui_ctx)
    page = tab.pages["complaints"]
    page.folder = tmp_path
    page.customer.insert("孙女士")
    page.what.insert("护理后皮肤发红")
    page.severity.setCurrentIndex(page.severity.findData("high"))
    _tap(qtbot, page.register_button)
    assert not prompts.errors
    tab.refresh()
    assert tab.banner.isVisibleTo(tab) and "孙女士" in tab.banner.text()
    page.assignee.setCurrentIndex(page.assignee.findData(manager.staff_id))
    page.select_row(0)
    _tap(qtbot, page.progress_button)  # passed on to the manager
    passed = ui_ctx.service(ComplaintService).recent()[0]
    assert (passed.status, passed.assigned_name) == ("in_progress", "李经理")
    page.select_row(0)
    prompts.texts.append("   ")  # resolved without a resolution
    _tap(qtbot, page.resolve_button)
    assert prompts.errors[-1] == "请填写投诉的处理结果。"
    assert ui_ctx.service(ComplaintService).recent()[0].status == "in_progress"
    page.select_row(0)
    prompts.texts.append("免费舒缓护理一次")
    _tap(qtbot, page.resolve_button)
    assert ui_ctx.service(ComplaintService).recent()[0].status == "resolved"
    assert tab.banner.isHidden()
    _tap(qtbot, page.pdf_button)
    assert (tmp_path / "complaints-2026-11.pdf").stat().st_size > 1000
    assert "本月投诉 1 宗" in (prompts.last or "")


def test_lost_item_recorded_and_claimed_once(
    qtbot: QtBot, ui_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    page = _tab(qtbot, ui_ctx).pages["lost"]
    page.item.insert("黑色雨伞")
    page.place.insert("门口")
    page.found_by.insert("小陈")
    _tap(qtbot, page.record_button)  # no manager chosen
    assert prompts.errors == ["请选择交给哪位经理。"]
    assert ui_ctx.service(LostPropertyService).items() == []
    page.manager.setCurrentIndex(1)
    _tap(qtbot, page.record_button)
    page.select_row(0)
    prompts.texts.extend(["赵女士", "13800138000"])
    _tap(qtbot, page.claim_button)
    assert ui_ctx.service(LostPropertyService).items()[0].claimed_by == "赵女士"
    page.select_row(0)
    _tap(qtbot, page.claim_button)  # claimed twice
    assert prompts.errors[-1] == "这件物品已由赵女士认领。"


def test_directory_hides_confidential_lines_from_counter_staff(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, prompts: ScriptedPrompts
) -> None:
    svc = DirectoryService(ui_ctx.core)
    svc.add(gui_owner, name="王店长手机", category="staff", phone="13900008888", confidential=True)
    svc.add(gui_owner, name="物业", category="service", phone="021-62880001")
    counter = _staff(ui_ctx, gui_owner, "小陈", "101", Role.COUNTER)
    ui_ctx.sign_in(counter)
    tab = _tab(qtbot, ui_ctx)
    page = tab.pages["directory"]
    assert [r.name for r in page.model.rows()] == ["物业"]
    assert page.note.isVisibleTo(page)  # never checked through
    page.name.insert("顺丰快递")
    page.phone.insert("95338")
    _tap(qtbot, page.add_button)
    assert {r.name for r in page.model.rows()} == {"物业", "顺丰快递"}
    page.select_row([r.name for r in page.model.rows()].index("顺丰快递"))
    prompts.confirms.append(True)
    _tap(qtbot, page.remove_button)
    assert [r.name for r in page.model.rows()] == ["物业"]
    ui_ctx.sign_in(gui_owner)
    assert {r.name for r in page.model.rows()} == {"物业", "王店长手机"}
    _tap(qtbot, page.review_button)
    assert page.note.isHidden()


def test_handover_item_added_and_closed(
    qtbot: QtBot, ui_ctx: UiContext, prompts: ScriptedPrompts
) -> None:
    page = _tab(qtbot, ui_ctx).pages["handover"]
    _tap(qtbot, page.add_button)
    assert prompts.errors == ["请填写：交班事项"]
    page.text.insert("3号房空调漏水")
    _tap(qtbot, page.add_button)
    assert page.model.rowCount() == 1
    page.select_row(0)
    prompts.texts.append("已修好")
    _tap(qtbot, page.close_button)
    assert page.model.rowCount() == 0
    assert HandoverService(ui_ctx.core).notes(open_only=False)[0].closing_note == "已修好"


@pytest.mark.parametrize("key", ["today", "all"])
def test_search_finds_entries_of_every_log(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, key: str
) -> None:
    VisitorService(ui_ctx.core).sign_in(gui_owner, name="赵女士", people=1, reason="取套盒")
    HandoverService(ui_ctx.core).add(gui_owner, "赵女士的套盒明天来取")
    tab = _tab(qtbot, ui_ctx)
    tab.show_page("search")
    page = tab.pages["search"]
    _tap(qtbot, page.range_buttons[key])
    page.box.set_text("赵女士")
    assert {r.kind for r in page.model.rows()} == {"visitor", "handover"}
    page.box.set_text("没有这个人")
    assert page.model.rowCount() == 0


def test_handover_shows_what_is_still_open_and_closing_hands_it_over(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    from salon_desk.booking.calls_service import CallsService
    from salon_desk.pos.till_service import TillService
    from salon_desk.ui.register.close_dialog import CloseDialog

    tab = _tab(qtbot, ui_ctx)
    tab.show()
    tab.show_page("handover")
    page = tab.pages["handover"]
    assert "没有未结事项" in page.open_items.text()
    calls = CallsService(ui_ctx.core)
    calls.plan(gui_owner, due_day=calls.today(), name="李娜", phone="13800000022",
               purpose="home_care")  # fmt: skip
    page.refresh()
    assert page.open_items.text() == "• 今天还要回访：1 个（李娜）"

    till = TillService(ui_ctx.core)
    till.open_day(gui_owner, {10000: 5})
    dialog = CloseDialog(ui_ctx, {10000: 5})
    qtbot.addWidget(dialog)
    assert dialog.handover.toPlainText() == "今天还要回访：1 个（李娜）"  # to edit or keep
    dialog.handover.appendPlainText("3号房空调漏水")
    dialog.kept.setText("300")
    dialog.ok.click()
    z = till.z_report(till.today())
    assert z.handover == "今天还要回访：1 个（李娜）\n3号房空调漏水"
