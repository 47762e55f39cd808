"""Pick products and print their price labels: A4 sheet (3 × 8) or 40 × 30 mm roll,
copies per product, labels already used on the sheet. The PDF opens in the viewer to
print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import _, error_text
from salon_desk.stock.exports import export_folder, safe_name
from salon_desk.stock.labels import LAYOUTS, LabelsResult
from salon_desk.stock.rows import ProductRow
from salon_desk.stock.service import StockService
from salon_desk.ui.context import UiContext
from salon_desk.ui.display.number_field import NumberField
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.touch import make_touch_scrollable


class LabelsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ctx: UiContext,
        products: list[ProductRow],
        chosen: set[int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open_file = True
        self.setWindowTitle(_("Price labels"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        make_touch_scrollable(self.list)
        for p in products:
            if p.category == "tester":
                continue
            item = QListWidgetItem(f"{p.brand}  {p.name_zh}  {p.spec}  {p.price.format()}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setSizeHint(QSize(0, TOUCH))
            # Not user-checkable: a tap anywhere on the row ticks it (see _toggle).
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked
                if chosen is None or p.id in chosen
                else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self.list.itemClicked.connect(self._toggle)
        layout.addWidget(self.list, 1)
        picks = QHBoxLayout()
        every = BigButton(_("Select all"), self)
        every.clicked.connect(lambda: self._check_all(True))
        none = BigButton(_("Select none"), self)
        none.clicked.connect(lambda: self._check_all(False))
        picks.addWidget(every)
        picks.addWidget(none)
        picks.addStretch(1)
        layout.addLayout(picks)
        options = QHBoxLayout()
        self.layout_group = QButtonGroup(self)
        self.layout_buttons: dict[str, BigButton] = {}
        for key, lay in LAYOUTS.items():
            button = BigButton(_(lay.title), self)
            button.setCheckable(True)
            button.setChecked(key == "a4-3x8")
            self.layout_group.addButton(button)
            options.addWidget(button)
            self.layout_buttons[key] = button
        options.addWidget(QLabel(_("Copies"), self))
        self.copies = NumberField(_("Copies"), mode="int", parent=self)
        self.copies.set_text("1")
        options.addWidget(self.copies)
        options.addWidget(QLabel(_("Used labels on the sheet"), self))
        self.skip = NumberField(_("Used labels on the sheet"), mode="int", parent=self)
        self.skip.set_text("0")
        options.addWidget(self.skip)
        layout.addLayout(options)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        close = BigButton(_("Close"), self)
        close.clicked.connect(self.reject)
        self.write_button = BigButton(_("Make the label PDF"), self, role="primary")
        self.write_button.clicked.connect(lambda: self.write())
        row.addWidget(close)
        row.addWidget(self.write_button)
        layout.addLayout(row)
        self.resize(1000, 620)

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def chosen_ids(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def layout_key(self) -> str:
        return next(k for k, b in self.layout_buttons.items() if b.isChecked())

    def write(self, path: Path | None = None) -> LabelsResult | None:
        copies_text, skip_text = self.copies.text() or "1", self.skip.text() or "0"
        if not copies_text.isdigit() or not skip_text.isdigit():
            self.message.setText(_("Enter a whole number of units."))
            return None
        stamp = self.ctx.core.clock.now().astimezone(self.ctx.core.settings.tz())
        try:
            target = path or export_folder() / (
                f"{safe_name(_('Price labels'))}-{stamp:%Y%m%d-%H%M%S}.pdf"
            )
            result = self.ctx.service(StockService).labels_pdf(
                [(pid, int(copies_text)) for pid in self.chosen_ids()],
                target,
                layout=self.layout_key(),
                skip=int(skip_text),
            )
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return None
        self.message.clear()
        if result.font.warning:
            self.ctx.error(self, _(result.font.warning, path=result.font.warning_path or ""))
        if self.open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        else:
            self.ctx.prompts.info(self, _("Saved: {file}", file=str(target)))
        return result
