"""A table model over a list of frozen row dataclasses.

    model = RowsModel([
        Column(N_("Name"), lambda r: r.name),
        Column(N_("Balance"), lambda r: r.balance, align="right"),   # Money is formatted
    ])
    model.set_rows(service.search("138"))
    model.row_at(index.row())

Column titles are English source texts translated when shown. ``Money`` values are
formatted as ``¥1,234.50`` and right-aligned; dates and aware datetimes are shown in
the shop's zone when the model is given one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from salon_desk.core.i18n import _
from salon_desk.core.money import Money

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]
    align: str = "left"  # "left" | "right" | "center"
    colour: Callable[[Any], str | None] | None = None  # a colour name for the text


def display(value: Any, tz: tzinfo | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return value.format()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        shown = value.astimezone(tz) if tz else value
        return shown.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_ANSWERED = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)
_ALIGN = {
    name: int(flag | Qt.AlignmentFlag.AlignVCenter)
    for name, flag in (
        ("left", Qt.AlignmentFlag.AlignLeft),
        ("right", Qt.AlignmentFlag.AlignRight),
        ("center", Qt.AlignmentFlag.AlignHCenter),
    )
}


class RowsModel(QAbstractTableModel):
    def __init__(
        self, columns: Sequence[Column], *, tz: tzinfo | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.tz = tz
        self._rows: list[Any] = []

    # --- data ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def widest_money(self, column: int) -> int | None:
        """The row whose amount in ``column`` is written longest (the largest or the most
        negative), or ``None`` when the column holds no money: a view that sizes its
        columns from a screenful of rows measures this row too, so that no amount is cut
        short ("¥12,3…")."""
        value = self.columns[column].value
        high: tuple[int, int] | None = None  # (fen, row)
        low: tuple[int, int] | None = None
        for i, row in enumerate(self._rows):
            v = value(row)
            if isinstance(v, Money):
                if high is None or v.fen > high[0]:
                    high = (v.fen, i)
                if low is None or v.fen < low[0]:
                    low = (v.fen, i)
            elif v is not None and high is None:
                return None  # not a money column (known from its first value)
        if high is None or low is None:
            return None
        return max((high, low), key=lambda x: len(Money(x[0]).format()))[1]

    def replace_row(self, row: int, value: Any) -> None:
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # --- Qt --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for about eight roles per cell (sizing a column asks for every row
        # on file); the ones this model does not answer return before any work is done.
        if role not in _ANSWERED or not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(row), self.tz)
        if role == Qt.ItemDataRole.UserRole:
            return column.value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = column.value(row)
            align = "right" if isinstance(value, Money) else column.align
            return _ALIGN[align]
        if column.colour is not None:  # the foreground role
            name = column.colour(row)
            return QBrush(QColor(name)) if name else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].title)
        return None
