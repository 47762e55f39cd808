"""Message boxes behind an object that tests can replace.

Widgets never call ``QMessageBox`` directly: they call ``ctx.prompts.error(parent, text)``
and friends. :class:`ScriptedPrompts` records what would have been shown and answers
from a script, so tests never block on a modal dialog.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from salon_desk.core.i18n import _


class Prompts:
    def info(self, parent: QWidget | None, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Salon Desk"),
            text,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))
        box.exec()

    def error(self, parent: QWidget | None, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, _("Salon Desk"), text, QMessageBox.StandardButton.Ok, parent
        )
        box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))
        box.exec()

    def confirm(
        self, parent: QWidget | None, text: str, *, yes: str | None = None, no: str | None = None
    ) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Salon Desk"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(yes or _("Yes"))
        box.button(QMessageBox.StandardButton.No).setText(no or _("No"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def text(
        self, parent: QWidget | None, title: str, label: str, *, initial: str = ""
    ) -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, initial)
        return value.strip() if ok else None


@dataclass
class ScriptedPrompts(Prompts):
    """Records every message; ``confirm`` and ``text`` pop their answers from queues."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    confirms: deque[bool] = field(default_factory=deque)
    texts: deque[str | None] = field(default_factory=deque)

    def info(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("info", text))

    def error(self, parent: QWidget | None, text: str) -> None:
        self.shown.append(("error", text))

    def confirm(
        self, parent: QWidget | None, text: str, *, yes: str | None = None, no: str | None = None
    ) -> bool:
        self.shown.append(("confirm", text))
        if not self.confirms:
            raise AssertionError(f"unexpected confirmation: {text}")
        return self.confirms.popleft()

    def text(
        self, parent: QWidget | None, title: str, label: str, *, initial: str = ""
    ) -> str | None:
        self.shown.append(("text", label))
        if not self.texts:
            raise AssertionError(f"unexpected question: {label}")
        return self.texts.popleft()

    @property
    def errors(self) -> list[str]:
        return [text for kind, text in self.shown if kind == "error"]

    @property
    def last(self) -> str | None:
        return self.shown[-1][1] if self.shown else None
