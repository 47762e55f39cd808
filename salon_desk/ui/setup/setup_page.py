"""First start: the shop's name and the owner's account (name, 工号, PIN twice)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from salon_desk.core.errors import Invalid, SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.core.settings import BY_NAME, parse_value
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad import NumPad

N_PINS_DIFFER = N_("The two PINs are not the same.")


class SetupPage(QWidget):
    done = Signal(object)  # the owner's Actor, signed in

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(40)
        left = QVBoxLayout()
        title = QLabel(_("Welcome! Set up the shop"), self)
        title.setProperty("role", "title")
        left.addWidget(title)
        intro = QLabel(
            _("Enter the shop's name and create the owner's account. Staff are added later "
              "under Settings."),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        left.addWidget(intro)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.shop = QLineEdit(str(ctx.core.settings.get("shop.name")), self)
        self.name = QLineEdit(self)
        self.number = QLineEdit("8888", self)
        self.pin = QLineEdit(self)
        self.pin_again = QLineEdit(self)
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(6)
            field.installEventFilter(self)
        form.addRow(_("Shop name"), self.shop)
        form.addRow(_("Owner's name"), self.name)
        form.addRow(_("Staff number"), self.number)
        form.addRow(_("PIN (4 to 6 digits)"), self.pin)
        form.addRow(_("PIN again"), self.pin_again)
        left.addLayout(form)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        self.create_button = BigButton(_("Create the owner and start"), self, role="primary")
        self.create_button.clicked.connect(self.create_owner)
        left.addWidget(self.create_button)
        left.addStretch(1)
        outer.addLayout(left, 3)
        self.pad = NumPad(self.pin, self, mode="pin", max_length=6)
        self.pad.setMinimumWidth(300)
        outer.addWidget(self.pad, 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.pad.target = watched  # the keypad types into the PIN field in use
        return False

    def create_owner(self) -> None:
        if self.pin.text() != self.pin_again.text():
            self.message.setText(_(N_PINS_DIFFER))
            return
        auth = self.ctx.core.auth
        try:
            shop = parse_value(BY_NAME["shop.name"], self.shop.text())
            if not shop:
                raise Invalid(N_("Enter the shop's name."), field="shop.name")
            owner = auth.create_owner(
                name=self.name.text(), number=self.number.text(), pin=self.pin.text()
            )
            self.ctx.core.settings.set(owner, "shop.name", shop)
        except SalonError as exc:
            self.message.setText(error_text(exc))
            return
        self.done.emit(owner)
