"""The customer-facing window on a second screen: the ticket's lines, the total, what the
member handed over and the change, in very large type, then a thank-you.

The register gives it the same dict it builds for the receipt (see
``salon_desk.pos.receipt``): ``show_ticket(payload)`` while ringing up,
``show_paid(payload)`` after paying (received and change), ``show_welcome()`` when idle.
``place()`` puts it full screen on ``QGuiApplication.screens()[1]`` when there is one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import _
from salon_desk.core.money import Money

BACKGROUND = "#10353a"
INK = "#ffffff"
ACCENT = "#ffd479"
MAX_LINES = 8


def _money(fen: Any) -> str:
    return Money(int(fen or 0)).format()


class CustomerDisplay(QWidget):
    def __init__(self, shop_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowTitle(_("Customer display"))
        self.setObjectName("customerDisplay")
        self.setStyleSheet(
            f"#customerDisplay {{ background: {BACKGROUND}; }}"
            f"QLabel {{ color: {INK}; background: transparent; }}"
            "QLabel[show='shop'] { font-size: 30px; font-weight: bold; }"
            "QLabel[show='line'] { font-size: 30px; }"
            "QLabel[show='label'] { font-size: 40px; }"
            f"QLabel[show='total'] {{ font-size: 72px; font-weight: bold; color: {ACCENT}; }}"
            "QLabel[show='amount'] { font-size: 56px; font-weight: bold; }"
            "QLabel[show='thanks'] { font-size: 64px; font-weight: bold; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(16)
        self.shop = self._label(shop_name, "shop", Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.shop)
        self.lines_box = QGridLayout()
        self.lines_box.setHorizontalSpacing(24)
        self.lines_box.setColumnStretch(0, 1)
        self.lines_box.setRowStretch(MAX_LINES + 1, 1)
        lines_frame = QFrame()
        lines_frame.setLayout(self.lines_box)
        outer.addWidget(lines_frame, 1)
        self.thanks = self._label("", "thanks", Qt.AlignmentFlag.AlignCenter)
        self.thanks.setWordWrap(True)
        outer.addWidget(self.thanks, 1)
        sums = QGridLayout()
        sums.setColumnStretch(0, 1)
        self.total_label = self._label(_("Total"), "label")
        self.total = self._label("", "total", Qt.AlignmentFlag.AlignRight)
        self.received_label = self._label(_("Handed over"), "label")
        self.received = self._label("", "amount", Qt.AlignmentFlag.AlignRight)
        self.change_label = self._label(_("Change"), "label")
        self.change = self._label("", "total", Qt.AlignmentFlag.AlignRight)
        for row, (label, value) in enumerate(
            (
                (self.total_label, self.total),
                (self.received_label, self.received),
                (self.change_label, self.change),
            )
        ):
            sums.addWidget(label, row, 0)
            sums.addWidget(value, row, 1)
        outer.addLayout(sums)
        self._line_labels: list[QLabel] = []
        self.show_welcome()

    def _label(
        self, text: str, size: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    ) -> QLabel:
        label = QLabel(text)
        label.setProperty("show", size)
        label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        return label

    # --- what it shows -------------------------------------------------------------------
    def show_welcome(self) -> None:
        self._set_lines([])
        self.thanks.setText(_("Welcome!"))
        self.thanks.show()
        self._show_sums(total=None, received=None, change=None)

    def show_ticket(self, payload: Mapping[str, Any]) -> None:
        """While ringing up: the lines and the total so far."""
        self._set_lines(payload.get("lines") or [])
        self.thanks.hide()
        self._show_sums(total=payload.get("total_fen"), received=None, change=None)

    def show_paid(self, payload: Mapping[str, Any]) -> None:
        """After paying: the total, what was handed over, the change, and thanks."""
        self._set_lines(payload.get("lines") or [])
        received = payload.get("cash_received_fen")
        if received is None:
            received = sum(int(p.get("amount_fen") or 0) for p in payload.get("payments") or [])
        self.thanks.setText(_("Thank you! Please count your change."))
        self.thanks.setVisible(bool(payload.get("change_fen")))
        if not payload.get("change_fen"):
            self.thanks.setText(_("Thank you, see you again soon!"))
            self.thanks.show()
        self._show_sums(
            total=payload.get("total_fen"), received=received, change=payload.get("change_fen", 0)
        )

    def _show_sums(self, *, total: Any, received: Any, change: Any) -> None:
        for label, value, fen in (
            (self.total_label, self.total, total),
            (self.received_label, self.received, received),
            (self.change_label, self.change, change),
        ):
            label.setVisible(fen is not None)
            value.setVisible(fen is not None)
            value.setText("" if fen is None else _money(fen))

    def _set_lines(self, lines: Sequence[Mapping[str, Any]]) -> None:
        for label in self._line_labels:
            self.lines_box.removeWidget(label)
            label.hide()
            label.setParent(None)
            label.deleteLater()
        self._line_labels = []
        shown = list(lines)[-MAX_LINES:]
        if len(lines) > MAX_LINES:
            more = self._label(_("… and {n} more", n=len(lines) - MAX_LINES), "line")
            self.lines_box.addWidget(more, 0, 0, 1, 3)
            self._line_labels.append(more)
        for row, line in enumerate(shown, start=1):
            name = self._label(str(line.get("name") or ""), "line")
            qty = self._label(f"×{line.get('qty', 1)}", "line", Qt.AlignmentFlag.AlignRight)
            amount = self._label(
                _money(line.get("amount_fen")), "line", Qt.AlignmentFlag.AlignRight
            )
            for col, label in enumerate((name, qty, amount)):
                self.lines_box.addWidget(label, row, col)
                self._line_labels.append(label)

    def line_texts(self) -> list[str]:
        return [label.text() for label in self._line_labels]

    # --- where it shows ------------------------------------------------------------------
    def place(self, screens: Sequence[QScreen] | None = None) -> bool:
        """Full screen on the second screen; ``False`` (and hidden) when there is none."""
        found = list(screens) if screens is not None else QGuiApplication.screens()
        if len(found) < 2:
            self.hide()
            return False
        screen = found[1]
        self.winId()  # make the native window so that it can be moved to the screen
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return True
