"""The import dialog: a counter worker needs the manager's PIN once; the dry run shows
each row's result in Chinese; only the valid rows are imported when the manager says so."""

from __future__ import annotations

from pathlib import Path

from test_members_screen_privacy import counter_ctx

from salon_desk.core.auth import Grant, Perm
from salon_desk.members.service import MemberService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.import_dialog import ImportDialog

CSV = "姓名,手机,生日\n王芳,13800000001,1985-03-02\n赵敏,1380000abcd,\n李娜,13900000002,\n"


def test_dry_run_then_import_only_the_valid_rows(
    qtbot: object, ui_ctx: UiContext, override: object, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(CSV.encode("gbk"))
    manager = counter_ctx(ui_ctx)
    override.answers.append(None)  # type: ignore[attr-defined]
    assert ImportDialog.for_manager(ui_ctx) is None  # no PIN, no dialog
    override.answers.append(Grant(manager.staff_id, manager.name, Perm.MEMBER_IMPORT))  # type: ignore[attr-defined]
    dialog = ImportDialog.for_manager(ui_ctx)
    assert dialog is not None
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert not dialog.import_button.isEnabled() and not dialog.valid_button.isEnabled()
    dialog.choose_file = lambda _parent: path
    dialog.pick()
    model = dialog.model
    assert [r.line for r in model.rows()] == [3, 2, 4]  # errors first
    assert model.data(model.index(0, 3)) == "错误" and model.data(model.index(0, 4)) == "手机"
    assert "数字" in model.data(model.index(0, 5))
    assert "2 位新会员" in dialog.summary.text() and "1 行有错误" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and dialog.valid_button.isEnabled()
    members = MemberService(ui_ctx.core)
    assert members.by_phone("13800000001") is None  # a dry run saves nothing
    ui_ctx.prompts.confirms.append(False)  # type: ignore[attr-defined]
    dialog.import_valid()
    assert members.by_phone("13800000001") is None
    ui_ctx.prompts.confirms.append(True)  # type: ignore[attr-defined]
    dialog.import_valid()
    assert members.by_phone("13800000001") is not None
    assert members.by_phone("13900000002") is not None
    assert "已导入 2 位会员" in (ui_ctx.prompts.last or "")  # type: ignore[attr-defined]
    assert override.asked == [Perm.MEMBER_IMPORT, Perm.MEMBER_IMPORT]  # type: ignore[attr-defined]


def test_the_dry_run_shows_every_problem_of_every_row(
    qtbot: object, ui_ctx: UiContext, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    path.write_text(
        "姓名,手机,性别,生日\n赵敏,1380000abcd,不详,2030-01-01\n李娜,13900000002,女,1990-13-01\n",
        encoding="utf-8",
    )
    dialog = ImportDialog.for_manager(ui_ctx)
    assert dialog is not None
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.check(path)
    model = dialog.model
    shown = [
        (model.data(model.index(i, 0)), model.data(model.index(i, 4)))
        for i in range(model.rowCount())
    ]
    assert shown == [("2", "手机"), ("2", "性别"), ("2", "生日"), ("3", "生日")]
    reasons = [model.data(model.index(i, 5)) for i in range(model.rowCount())]
    assert "数字" in reasons[0] and "将来" in reasons[2] and "1990-13-01" in reasons[3]
