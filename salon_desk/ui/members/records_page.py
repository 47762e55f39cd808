"""Treatment records of a member: choose the record card, see its entries and the chart."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.members.record_rules import MEASURES, RECORD_KINDS
from salon_desk.members.record_service import RecordRow, RecordService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.measure_chart import MeasureChart
from salon_desk.ui.members.record_dialog import RecordDialog
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable


def _value(key: str):  # type: ignore[no-untyped-def]
    return lambda r: "" if key not in r.values else f"{r.values[key]:.1f}"


class RecordsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.records = ctx.service(RecordService)
        self.member_id: int | None = None
        self.kind = "slimming"
        self.measure_key = MEASURES["slimming"][0].key
        layout = QVBoxLayout(self)
        kinds = QHBoxLayout()
        self.kind_buttons: dict[str, BigButton] = {}
        group = QButtonGroup(self)
        for kind, label in RECORD_KINDS.items():
            b = BigButton(_(label), self)
            b.setCheckable(True)
            b.setChecked(kind == self.kind)
            b.clicked.connect(lambda _c=False, k=kind: self.set_kind(k))
            group.addButton(b)
            kinds.addWidget(b)
            self.kind_buttons[kind] = b
        kinds.addStretch(1)
        self.add_button = BigButton(_("New entry"), self, role="primary")
        self.add_button.clicked.connect(self.add_entry)
        kinds.addWidget(self.add_button)
        layout.addLayout(kinds)
        self.measure_row = QHBoxLayout()
        layout.addLayout(self.measure_row)
        self.measure_buttons: dict[str, BigButton] = {}
        body = QHBoxLayout()
        self.model = RowsModel([])
        self.table = TouchTable(self)
        self.table.setModel(self.model)
        body.addWidget(self.table, 1)
        self.chart = MeasureChart(self)
        body.addWidget(self.chart, 1)
        layout.addLayout(body, 1)
        self._build_kind()

    def show_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        if member_id is None:
            self.model.set_rows([])
            self.chart.set_series("", "", [])
            return
        self.refresh()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.kind_buttons[kind].setChecked(True)
        self.measure_key = MEASURES[kind][0].key
        self._build_kind()
        self.refresh()

    def set_measure(self, key: str) -> None:
        self.measure_key = key
        for k, b in self.measure_buttons.items():
            b.setChecked(k == key)
        self._draw()

    def _build_kind(self) -> None:
        while self.measure_row.count():
            item = self.measure_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.measure_buttons = {}
        for m in MEASURES[self.kind]:
            b = BigButton(_(m.label), self)
            b.setCheckable(True)
            b.setChecked(m.key == self.measure_key)
            b.clicked.connect(lambda _c=False, k=m.key: self.set_measure(k))
            self.measure_row.addWidget(b)
            self.measure_buttons[m.key] = b
        self.measure_row.addStretch(1)
        columns = [Column(N_("Date"), lambda r: r.day)]
        columns += [Column(m.label, _value(m.key), align="right") for m in MEASURES[self.kind]]
        columns.append(Column(N_("Notes"), lambda r: r.notes))
        self.model = RowsModel(columns)
        self.table.setModel(self.model)

    def refresh(self) -> None:
        if self.member_id is None:
            return
        rows: list[RecordRow] = (
            self.ctx.attempt(self, self.records.entries, self.member_id, self.kind) or []
        )
        self.model.set_rows(rows)
        self._draw()

    def _draw(self) -> None:
        if self.member_id is None:
            return
        series = self.records.series(self.member_id, self.kind)
        m = next(x for x in MEASURES[self.kind] if x.key == self.measure_key)
        self.chart.set_series(_(m.label), m.unit, series.get(m.key, []))

    def add_entry(self) -> None:
        if self.member_id is None:
            return
        if RecordDialog.ask(self, self.ctx, self.member_id, self.kind) is not None:
            self.refresh()
