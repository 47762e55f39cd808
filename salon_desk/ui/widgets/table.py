"""A table view set up for touch: tall rows, whole-row selection, kinetic scrolling."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.rows_model import RowsModel
from salon_desk.ui.widgets.touch import make_touch_scrollable

#: How many rows sizing a column to its contents looks at: the rows on screen and those
#: around them (a screen shows about a dozen). Qt's default of 1,000 cost a member's 500
#: visits ~100 ms a table; 100 rows still cost a product's movements (7 columns) ~50 ms a
#: tap on a loaded counter PC. The widest amount of a money column is measured wherever
#: it is (:meth:`TouchTable.sizeHintForColumn`).
SIZED_ROWS = 40


class TouchTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(TOUCH)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        self.setWordWrap(False)
        make_touch_scrollable(self)

    def sizeHintForColumn(self, column: int) -> int:
        """Qt's width from the rows around the screen, and at least the width of the
        column's longest amount of money, wherever its row is."""
        hint = super().sizeHintForColumn(column)
        model = self.model()
        if isinstance(model, RowsModel):
            row = model.widest_money(column)
            if row is not None:
                width = self.sizeHintForIndex(model.index(row, column)).width()
                hint = max(hint, width + 1 if self.showGrid() else width)
        return hint
