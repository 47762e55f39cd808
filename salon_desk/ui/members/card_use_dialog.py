"""Use a card at the members desk: choose the service, how many sessions (or how much for
a stored-value card), and the member signs on the pad to confirm. Nothing is taken
without a signature."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.i18n import _
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardAccountRow, LedgerRow
from salon_desk.members.card_use_service import CardUseService, ServiceChoice
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.signature_pad import SignaturePad
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog

COLUMNS = 4


class CardUseDialog(QDialog):
    def __init__(self, ctx: UiContext, card: CardAccountRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card = card
        self.uses = ctx.service(CardUseService)
        self.service: ServiceChoice | None = None
        self.sessions = 1
        self.amount: Money | None = None
        self.saved: LedgerRow | None = None
        self.setWindowTitle(_("Use card"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        title = QLabel(_("Card {number} ({name})", number=card.number, name=card.product_name))
        title.setProperty("role", "title")
        layout.addWidget(title)
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.service_buttons: dict[int, BigButton] = {}
        choices = ctx.attempt(self, self.uses.services_for, card.id) or []
        for i, choice in enumerate(choices):
            b = BigButton(f"{choice.name}  {choice.price.format()}", self)
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, c=choice: self.choose(c))
            self.group.addButton(b)
            grid.addWidget(b, i // COLUMNS, i % COLUMNS)
            self.service_buttons[choice.id] = b
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.what = QLabel(_("Choose the service."), self)
        self.what.setProperty("role", "big")
        row.addWidget(self.what, 1)
        self.less_button = BigButton("−", self)
        self.less_button.clicked.connect(lambda: self.set_sessions(self.sessions - 1))
        self.more_button = BigButton("+", self)
        self.more_button.clicked.connect(lambda: self.set_sessions(self.sessions + 1))
        self.amount_button = BigButton(_("Change amount"), self)
        self.amount_button.clicked.connect(self.ask_amount)
        for b in (self.less_button, self.more_button, self.amount_button):
            row.addWidget(b)
        value_card = card.kind == "value"
        self.less_button.setVisible(not value_card)
        self.more_button.setVisible(not value_card)
        self.amount_button.setVisible(value_card)
        layout.addLayout(row)
        hint = QLabel(_("The member signs below to confirm."), self)
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self.pad = SignaturePad(self)
        self.pad.changed.connect(self._update)
        layout.addWidget(self.pad, 1)
        buttons = QHBoxLayout()
        self.clear_button = BigButton(_("Clear signature"), self)
        self.clear_button.clicked.connect(self.pad.clear)
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.confirm_button = BigButton(_("Confirm"), self, role="primary")
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        if len(choices) == 1:
            self.service_buttons[choices[0].id].setChecked(True)
            self.choose(choices[0])
        self._update()

    def choose(self, choice: ServiceChoice) -> None:
        self.service = choice
        if self.card.kind == "value":
            self.amount = choice.price
        self._update()

    def set_sessions(self, n: int) -> None:
        self.sessions = max(1, min(n, 20))
        self._update()

    def ask_amount(self) -> None:
        value = NumPadDialog.ask(self, _("Change amount"), mode="money", prompt=_("Amount"))
        if isinstance(value, Money):
            self.amount = value
            self._update()

    def _update(self) -> None:
        s = self.service
        if s is None:
            self.what.setText(_("Choose the service."))
        elif self.card.kind == "value":
            amount = self.amount.format() if self.amount is not None else ""
            self.what.setText(_("{service}: {amount} from the card", service=s.name, amount=amount))
        else:
            self.what.setText(_("{service} × {n}", service=s.name, n=self.sessions))
        self.less_button.setEnabled(self.sessions > 1)
        self.confirm_button.setEnabled(s is not None and not self.pad.is_empty())

    def confirm(self) -> None:
        if self.service is None or self.pad.is_empty():
            return
        kwargs: dict[str, object] = {
            "account_id": self.card.id,
            "service_id": self.service.id,
            "strokes": self.pad.strokes(),
            "png": self.pad.png_bytes(),
        }
        if self.card.kind == "value":
            kwargs["amount"] = self.amount
        else:
            kwargs["sessions"] = self.sessions
        done = self.ctx.guard(self, self.uses.use, **kwargs)
        if done is not None:
            self.saved = done
            self.accept()
