"""The member screen's export and erase buttons: a counter worker needs the manager's PIN,
the erase asks first, and afterwards the member is nowhere to be found."""

from __future__ import annotations

import json
from pathlib import Path

from test_members_tab import make_members

from salon_desk.core.audit import entries
from salon_desk.core.auth import Actor, Grant, Perm, Role
from salon_desk.members.service import MemberService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.members_tab import MembersTab


def counter_ctx(ui_ctx: UiContext) -> Actor:
    """Sign a counter worker in; return the manager (owner) who was signed in."""
    manager = ui_ctx.actor
    row = ui_ctx.core.auth.create_staff(
        manager, name="小陈", number="101", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(row.id, row.number, row.name, row.role))
    return manager


def test_export_and_erase_from_the_member_screen(
    qtbot: object, ui_ctx: UiContext, override: object, tmp_path: Path
) -> None:
    ids = make_members(ui_ctx)
    manager = counter_ctx(ui_ctx)
    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)  # type: ignore[attr-defined]
    tab.search_box.set_text("zs")
    actions = tab.panel.privacy
    assert actions.export_button.isEnabled() and actions.erase_button.isEnabled()
    actions.choose_folder = lambda _parent: tmp_path
    override.answers.append(Grant(manager.staff_id, manager.name, Perm.MEMBER_EXPORT))  # type: ignore[attr-defined]
    actions.export()
    data = json.loads((tmp_path / "member-000001.json").read_text(encoding="utf-8"))
    assert data["profile"]["name"] == "张三"
    assert "张三" in ui_ctx.prompts.last  # type: ignore[attr-defined, operator]
    # Erase: asked first; saying no changes nothing.
    ui_ctx.prompts.confirms.append(False)  # type: ignore[attr-defined]
    actions.erase()
    assert not MemberService(ui_ctx.core).get(ids[0]).erased
    ui_ctx.prompts.confirms.append(True)  # type: ignore[attr-defined]
    ui_ctx.prompts.texts.append("本人要求删除")  # type: ignore[attr-defined]
    override.answers.append(Grant(manager.staff_id, manager.name, Perm.MEMBER_ERASE))  # type: ignore[attr-defined]
    actions.erase()
    assert override.asked == [Perm.MEMBER_EXPORT, Perm.MEMBER_ERASE]  # type: ignore[attr-defined]
    assert MemberService(ui_ctx.core).get(ids[0]).erased
    assert tab.model.rows() == [] and not actions.erase_button.isEnabled()
    assert not tab.panel.tabs.isEnabled()
    [erase] = entries(ui_ctx.core.db, action_prefix="member.erase")
    assert erase.authorised_by == manager.staff_id and erase.reason == "本人要求删除"


def test_the_member_screen_has_its_history_tabs(qtbot: object, ui_ctx: UiContext) -> None:
    make_members(ui_ctx)
    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)  # type: ignore[attr-defined]
    tab.search_box.set_text("zs")
    tabs = tab.panel.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[:6] == ["护理卡", "到店记录", "预约记录", "消费记录", "护理记录", "电话回访"]
    tabs.setCurrentWidget(tab.panel.visits)  # a page is read when its tab is tapped
    assert tab.panel.visits.hint.text() == "还没有到店记录。"
    tabs.setCurrentWidget(tab.panel.purchases)
    assert tab.panel.purchases.model.rows() == []
    assert tab.panel.purchases.hint.text() == "还没有消费记录。"
