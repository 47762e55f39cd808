"""A table view set up for touch: tall rows, whole-row selection, kinetic scrolling."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.touch import make_touch_scrollable

#: How many rows sizing a column to its contents looks at: the rows on screen and those
#: around them (a screen shows about a dozen). Qt's default of 1,000 cost a member's 500
#: visits ~100 ms a table; 100 rows still cost a product's movements (7 columns) ~50 ms a
#: tap on a loaded counter PC.
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
