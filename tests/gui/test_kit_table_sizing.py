"""A touch table sizes its columns from the rows around those on screen, not from every
row on file (a regular's 500 visits cost ~100 ms a table when every row was measured), and
its model answers the roles it knows and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import SIZED_ROWS, TouchTable


@dataclass(frozen=True)
class _Row:
    name: str
    amount: Money


class _Counting(RowsModel):
    def __init__(self, columns: list[Column]) -> None:
        super().__init__(columns)
        self.asked: set[int] = set()

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.asked.add(index.row())
        return super().data(index, role)


def test_sizing_columns_reads_a_screenful_and_some_not_every_row(qtbot: Any) -> None:
    model = _Counting(
        [Column(N_("Name"), lambda r: r.name), Column(N_("Amount"), lambda r: r.amount)]
    )
    model.set_rows([_Row(f"护理{i}", Money(i * 100)) for i in range(5 * SIZED_ROWS)])
    table = TouchTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(600, 400)
    model.asked.clear()
    table.resizeColumnsToContents()
    assert 0 < len(model.asked) <= SIZED_ROWS + 1
    assert table.columnWidth(0) > 0


def test_the_model_answers_its_roles_only(qapp: Any) -> None:
    model = RowsModel(
        [
            Column(N_("Name"), lambda r: r.name, colour=lambda r: "#9c6b00"),
            Column(N_("Amount"), lambda r: r.amount),
        ]
    )
    model.set_rows([_Row("张三", Money(123450))])
    name, amount = model.index(0, 0), model.index(0, 1)
    assert model.data(amount) == "¥1,234.50"
    assert model.data(amount, Qt.ItemDataRole.UserRole) == Money(123450)
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(amount, Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.data(name, Qt.ItemDataRole.TextAlignmentRole) == left
    assert model.data(name, Qt.ItemDataRole.ForegroundRole).color().name() == "#9c6b00"
    assert model.data(amount, Qt.ItemDataRole.ForegroundRole) is None
    for role in (
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.CheckStateRole,
    ):
        assert model.data(name, role) is None


def test_an_amount_far_below_the_screen_is_not_cut_short(qtbot: Any) -> None:
    """Sizing reads a screenful of rows, but the widest amount of a money column is
    measured wherever it is: a member's card bought months ago (row 150 of her purchases)
    shows ¥12,345,678.00, not "¥12,3…"."""
    model = RowsModel(
        [
            Column(N_("Name"), lambda r: r.name),
            Column(N_("Amount"), lambda r: r.amount),
            Column(N_("Note"), lambda r: r.name),
        ]
    )
    rows = [_Row(f"护理{i}", Money(29800)) for i in range(5 * SIZED_ROWS)]
    rows[150] = _Row("年卡", Money(1_234_567_800))
    rows[160] = _Row("退款", Money(-29800))
    model.set_rows(rows)
    table = TouchTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(600, 400)
    table.show()
    qtbot.waitExposed(table)
    table.resizeColumnsToContents()
    widest = table.sizeHintForIndex(model.index(150, 1)).width()
    assert table.columnWidth(1) >= widest
    assert table.columnWidth(1) < 2 * widest  # sized to it, not to every row's sum
