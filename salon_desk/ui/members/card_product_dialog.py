"""A card product (护理卡 template): period card, session pack or stored value with a bonus;
its price, validity, caps and the services it covers. Amounts and counts are typed with
the on-screen keypad. Saving needs a manager (``Perm.CATALOGUE_EDIT``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.core.errors import Invalid, SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.core.money import ZERO, Money
from salon_desk.members.card_labels import CATEGORIES_OF_KIND, CATEGORY_LABELS, KIND_LABELS
from salon_desk.members.card_rows import CardProductInput, CardProductRow
from salon_desk.members.card_service import CardService
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad

SERVICE_COLUMNS = 5


def _count(text: str, field: str) -> int | None:
    raw = text.strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Invalid(N_("Enter a whole number from 1 to {n}."), field=field, n=9999)
    return int(raw)


class CardProductDialog(QDialog):
    def __init__(
        self, ctx: UiContext, row: CardProductRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.saved: CardProductRow | None = None
        self.kind = row.kind if row else "sessions"
        self.setWindowTitle(_("Card product"))
        self.resize(1280, 700)
        outer = QHBoxLayout(self)
        main = QVBoxLayout()
        kinds = QHBoxLayout()
        group = QButtonGroup(self)
        self.kind_buttons: dict[str, BigButton] = {}
        for kind, label in KIND_LABELS.items():
            b = BigButton(_(label), self)
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, k=kind: self.set_kind(k))
            group.addButton(b)
            kinds.addWidget(b)
            self.kind_buttons[kind] = b
        main.addLayout(kinds)
        forms = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        self.code = self._edit(row.code if row else "")
        self.name = self._edit(row.name if row else "")
        self.category = QComboBox(self)
        self.category.setMinimumHeight(TOUCH)
        self.price = self._edit(row.price.plain() if row else "", pad=True)
        self.sessions = self._edit(str(row.sessions) if row and row.sessions else "", pad=True)
        self.bonus = self._edit(row.bonus.plain() if row and row.bonus else "", pad=True)
        left.addRow(_("Code"), self.code)
        left.addRow(_("Card name"), self.name)
        left.addRow(_("Category"), self.category)
        left.addRow(_("Card price"), self.price)
        left.addRow(_("Sessions"), self.sessions)
        left.addRow(_("Bonus"), self.bonus)
        self.valid_days = self._opt(row.valid_days if row else None)
        self.from_first_use = QCheckBox(_("Valid from the first use"), self)
        self.from_first_use.setChecked(bool(row and row.from_first_use))
        self.per_day = self._opt(row.per_day_cap if row else None)
        self.per_week = self._opt(row.per_week_cap if row else None)
        self.gap = self._opt(row.min_gap_hours if row else None)
        self.terms = self._edit(row.terms if row else "")
        self.active = QCheckBox(_("On sale"), self)
        self.active.setChecked(row.active if row else True)
        right.addRow(_("Valid days"), self.valid_days)
        right.addRow(_("Per day at most"), self.per_day)
        right.addRow(_("Per week at most"), self.per_week)
        right.addRow(_("Hours between uses"), self.gap)
        right.addRow(_("Terms"), self.terms)
        checks = QHBoxLayout()
        checks.addWidget(self.from_first_use)
        checks.addWidget(self.active)
        right.addRow("", checks)
        forms.addLayout(left, 1)
        forms.addLayout(right, 1)
        main.addLayout(forms)
        self.services_title = QLabel(_("Services the card is for"), self)
        main.addWidget(self.services_title)
        grid = QGridLayout()
        self.service_boxes: dict[int, BigButton] = {}
        chosen = set(row.service_ids) if row else set()
        services = ctx.attempt(self, ctx.service(CatalogueService).list) or []
        for i, svc in enumerate(services):
            b = BigButton(svc.name_zh, self)
            b.setCheckable(True)
            b.setChecked(svc.id in chosen)
            grid.addWidget(b, i // SERVICE_COLUMNS, i % SERVICE_COLUMNS)
            self.service_boxes[svc.id] = b
        main.addLayout(grid)
        main.addStretch(1)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        main.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.save_button = BigButton(_("Save"), self, role="primary")
        self.save_button.clicked.connect(self.save)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        main.addLayout(buttons)
        outer.addLayout(main, 1)
        self.pad = NumPad(self.price, self, mode="money")
        outer.addWidget(self.pad)
        self.set_kind(self.kind, category=row.category if row else None)

    def _edit(self, text: str, *, pad: bool = False) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setMinimumHeight(TOUCH)
        if pad:
            edit.installEventFilter(self)
        return edit

    def _opt(self, value: int | None) -> QLineEdit:
        edit = self._edit("" if value is None else str(value), pad=True)
        edit.setPlaceholderText(_("No limit"))
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keypad types into the amount or count field last touched."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.pad.target = watched
        return super().eventFilter(watched, event)

    def set_kind(self, kind: str, *, category: str | None = None) -> None:
        self.kind = kind
        self.kind_buttons[kind].setChecked(True)
        current = category or self.category.currentData()
        self.category.clear()
        for key in CATEGORIES_OF_KIND[kind]:
            self.category.addItem(_(CATEGORY_LABELS[key]), key)
        index = self.category.findData(current)
        self.category.setCurrentIndex(max(index, 0))
        self.sessions.setEnabled(kind == "sessions")
        self.bonus.setEnabled(kind == "value")
        self.services_title.setText(
            _("Services the card is for (none: any service)")
            if kind == "value"
            else _("Services the card is for")
        )

    def value(self) -> CardProductInput:
        """The form as the service's input; a mistyped number raises :class:`Invalid`."""
        bonus_text = self.bonus.text().strip()
        return CardProductInput(
            code=self.code.text(),
            name=self.name.text(),
            kind=self.kind,
            category=str(self.category.currentData() or ""),
            price=Money.parse(self.price.text() or "0", field="price"),
            sessions=_count(self.sessions.text(), "sessions") or 0,
            bonus=Money.parse(bonus_text, field="bonus") if bonus_text else ZERO,
            valid_days=_count(self.valid_days.text(), "valid_days"),
            from_first_use=self.from_first_use.isChecked(),
            per_day_cap=_count(self.per_day.text(), "per_day_cap"),
            per_week_cap=_count(self.per_week.text(), "per_week_cap"),
            min_gap_hours=_count(self.gap.text(), "min_gap_hours"),
            terms=self.terms.text(),
            active=self.active.isChecked(),
            service_ids=tuple(sid for sid, b in self.service_boxes.items() if b.isChecked()),
        )

    def save(self) -> None:
        try:
            data = self.value()
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        cards = self.ctx.service(CardService)
        product_id = self.row.id if self.row else None
        done = self.ctx.guard(self, cards.save_product, data, product_id=product_id)
        if done is not None:
            self.saved = done
            self.accept()
