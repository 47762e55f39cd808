"""How a card refund goes back to the member: cash from the drawer, or back to WeChat,
Alipay or a bank card (one big button each)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.ui.widgets.big_button import BigButton

METHOD_LABELS = {
    "cash": N_("Cash from the drawer"),
    "wechat": N_("Back to WeChat Pay"),
    "alipay": N_("Back to Alipay"),
    "bank_card": N_("Back to the bank card"),
}


class RefundMethodDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Refund card"))
        self.method: str | None = None
        layout = QVBoxLayout(self)
        label = QLabel(_("How does the money go back to the member?"), self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.buttons: dict[str, BigButton] = {}
        for method, text in METHOD_LABELS.items():
            button = BigButton(_(text), self, role="primary" if method == "cash" else None)
            button.clicked.connect(lambda _c=False, m=method: self.choose(m))
            layout.addWidget(button)
            self.buttons[method] = button
        cancel = BigButton(_("Cancel"), self)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    def choose(self, method: str) -> None:
        self.method = method
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.method
        return None
