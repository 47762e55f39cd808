"""Create or edit a product: names, brand, specification, barcode, category, prices, the
reorder level and its place on the cabinet. Wrong input shows its message in the dialog
and nothing is saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.errors import Invalid, SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.core.money import Money
from salon_desk.stock.product_fields import ProductFields, check_fields
from salon_desk.stock.rows import ProductRow
from salon_desk.stock.rules import CATEGORIES
from salon_desk.stock.service import StockService
from salon_desk.ui.context import UiContext
from salon_desk.ui.display.number_field import NumberField
from salon_desk.ui.widgets.big_button import BigButton


class ProductDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        ctx: UiContext,
        *,
        product: ProductRow | None = None,
        barcode: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stock = ctx.service(StockService)
        self.product = product
        self.result_row: ProductRow | None = None
        self.setWindowTitle(_("Edit product") if product else _("New product"))
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.brand = QLineEdit(self)
        self.name_zh = QLineEdit(self)
        self.name_en = QLineEdit(self)
        self.spec = QLineEdit(self)
        self.barcode = QLineEdit(self)
        self.category = QComboBox(self)
        for key, label in CATEGORIES.items():
            self.category.addItem(_(label), key)
        self.price = NumberField(_("Price"), parent=self)
        self.member_price = NumberField(_("Member price"), parent=self)
        self.cost = NumberField(_("Cost"), parent=self)
        self.reorder = NumberField(_("Reorder level"), mode="int", parent=self)
        self.cabinet = QLineEdit(self)
        self.cabinet.setMaxLength(20)
        self.shelf = NumberField(_("Shelf"), mode="int", parent=self)
        self.position = NumberField(_("Position"), mode="int", parent=self)
        fields: list[tuple[str, QWidget]] = [
            (N_("Brand"), self.brand),
            (N_("Chinese name"), self.name_zh),
            (N_("English name"), self.name_en),
            (N_("Specification"), self.spec),
            (N_("Barcode"), self.barcode),
            (N_("Category"), self.category),
            (N_("Price"), self.price),
            (N_("Member price (empty = none)"), self.member_price),
            (N_("Cost"), self.cost),
            (N_("Reorder level"), self.reorder),
            (N_("Cabinet (empty = not on display)"), self.cabinet),
            (N_("Shelf"), self.shelf),
            (N_("Position"), self.position),
        ]
        half = (len(fields) + 1) // 2
        for i, (label, widget) in enumerate(fields):
            col = 0 if i < half else 2
            grid.addWidget(QLabel(_(label), self), i % half, col)
            grid.addWidget(widget, i % half, col + 1)
        layout.addLayout(grid)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(_("Save"), self, role="primary")
        self.save_button.clicked.connect(self.save)
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        if product is not None:
            self._fill(product)
        if barcode:
            self.barcode.setText(barcode)
        self.resize(960, 560)

    def _fill(self, p: ProductRow) -> None:
        self.brand.setText(p.brand)
        self.name_zh.setText(p.name_zh)
        self.name_en.setText(p.name_en)
        self.spec.setText(p.spec)
        self.barcode.setText(p.barcode or "")
        self.category.setCurrentIndex(max(0, self.category.findData(p.category)))
        self.price.set_text(p.price.plain())
        self.member_price.set_text(p.member_price.plain() if p.member_price else "")
        self.cost.set_text(p.cost.plain())
        self.reorder.set_text(str(p.reorder_level))
        self.cabinet.setText(p.cabinet)
        self.shelf.set_text("" if p.shelf is None else str(p.shelf))
        self.position.set_text("" if p.position is None else str(p.position))

    def fields(self) -> ProductFields:
        """What the form says, or :class:`Invalid` for an amount or number it cannot read."""
        price_text = self.price.text()
        if not price_text:
            raise Invalid(N_("Enter the price."), field="price")
        return ProductFields(
            brand=self.brand.text(),
            name_zh=self.name_zh.text(),
            name_en=self.name_en.text(),
            spec=self.spec.text(),
            barcode=self.barcode.text(),
            category=str(self.category.currentData()),
            price=Money.parse(price_text, field="price"),
            member_price=(
                Money.parse(self.member_price.text(), field="member_price")
                if self.member_price.text()
                else None
            ),
            cost=Money.parse(self.cost.text(), field="cost") if self.cost.text() else Money(0),
            reorder_level=_whole(self.reorder.text(), "reorder_level") or 0,
            cabinet=self.cabinet.text(),
            shelf=_whole(self.shelf.text(), "shelf"),
            position=_whole(self.position.text(), "position"),
        )

    def save(self) -> None:
        try:
            fields = self.fields()
            check_fields(fields)  # the same checks as the service, shown in the dialog
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        if self.product is None:
            row = self.ctx.guard(self, self.stock.create_product, fields)
        else:
            row = self.ctx.guard(self, self.stock.update_product, self.product.id, fields)
        if row is None:
            return
        self.result_row = row
        self.ctx.hub.notify("products")
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        ctx: UiContext,
        *,
        product: ProductRow | None = None,
        barcode: str | None = None,
    ) -> ProductRow | None:
        dialog = cls(parent, ctx, product=product, barcode=barcode)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_row
        return None


def _whole(text: str, field: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise Invalid(N_("Enter a whole number of units."), field=field)
    return int(cleaned)
