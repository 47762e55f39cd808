"""Who the booking is for: type a name, pinyin initials or any part of the phone and the
members on file are listed as you type (finger-sized rows); tap one to book for her.
A new caller is added as a member with just her name and phone ("Add as new member"),
so she is found the next time she calls; a caller who does not want to be a member is
booked by name and phone alone, as before. The walk-in dialog uses the same picker with
hints that speak of the customer at the counter instead of a booking."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.errors import Conflict, Forbidden, SalonError
from salon_desk.core.i18n import N_, _, error_text
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.pos.receipt_text import mask_phone
from salon_desk.ui.context import UiContext
from salon_desk.ui.style import TOUCH
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.touch import make_touch_scrollable

DEBOUNCE_MS = 150
MATCHES = 8  # rows listed at most
PHONE_MIN = 3  # digits typed before the phone is searched

# (members listed, none found) for a booking and for a walk-in
BOOKING_HINTS = (
    N_("Tap the member this booking is for."),
    N_("No member found. Book for the caller, or add her as a new member."),
)
WALK_IN_HINTS = (
    N_("Tap the member who has walked in."),
    N_("No member found. Add her to the queue by name, or add her as a new member."),
)


class CallerPicker(QWidget):
    changed = Signal()  # a member was picked or let go

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, walk_in: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._hints = WALK_IN_HINTS if walk_in else BOOKING_HINTS
        self.members = ctx.service(MemberService)
        self.member: MemberRow | None = None
        self._filling = False
        self._field = "name"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        layout.addLayout(form)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("Name or pinyin initials"))
        form.addRow(_("Name"), self.name)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(_("11-digit mobile number"))
        form.addRow(_("Phone"), self.phone)
        self.chosen_bar = QWidget(self)
        bar = QHBoxLayout(self.chosen_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.chosen = QLabel(self.chosen_bar)
        self.chosen.setWordWrap(True)
        self.chosen.setProperty("role", "title")
        bar.addWidget(self.chosen, 1)
        self.change = BigButton(_("Someone else"), self.chosen_bar)
        self.change.clicked.connect(self.let_go)
        bar.addWidget(self.change)
        self.chosen_bar.setVisible(False)
        layout.addWidget(self.chosen_bar)
        self.hint = QLabel(_("Type a name, pinyin initials or part of the phone."), self)
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.matches = QListWidget(self)
        self.matches.setStyleSheet(f"QListWidget::item {{ min-height: {TOUCH}px; }}")
        make_touch_scrollable(self.matches)
        self.matches.itemClicked.connect(self._picked)
        layout.addWidget(self.matches, 1)
        self._layout = layout
        self._spacer = layout.count()
        layout.addStretch(0)  # takes the room while no list is shown
        self.add_member = BigButton(_("Add as new member (name + phone)"), self)
        self.add_member.clicked.connect(self.create_member)
        layout.addWidget(self.add_member)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.name.textEdited.connect(lambda _text: self._edited("name"))
        self.phone.textChanged.connect(lambda _text: self._edited("phone"))
        self._show_state()

    @property
    def member_id(self) -> int | None:
        return self.member.id if self.member is not None else None

    # --- searching ---------------------------------------------------------------------
    def _edited(self, field: str) -> None:
        if self._filling:
            return
        if self.member is not None:  # typing again: she is looking for someone else
            self.member = None
            self.changed.emit()
        self._field = field
        self._timer.start()
        self._show_state()

    def query(self) -> str:
        if self._field == "phone":
            digits = "".join(c for c in self.phone.text() if c.isdigit())
            return digits if len(digits) >= PHONE_MIN else ""
        return self.name.text().strip()

    def search(self) -> None:
        """List the members found for what was typed last (name or phone)."""
        self._timer.stop()
        self.matches.clear()
        if self.member is not None:
            return
        text = self.query()
        rows = self.ctx.attempt(self, self.members.search, text, MATCHES) if text else []
        exact = [r for r in rows or [] if self._field == "phone" and r.phone == text]
        if len(exact) == 1:  # the whole number of a member: she is the caller
            self.pick(exact[0])
            return
        for row in rows or []:
            parts = [row.name, mask_phone(row.phone), _("Member No. {number}", number=row.number)]
            if row.tier_name:
                parts.append(row.tier_name)
            item = QListWidgetItem("   ".join(p for p in parts if p), self.matches)
            item.setData(Qt.ItemDataRole.UserRole, row)
        if text and not rows:
            self.hint.setText(_(self._hints[1]))
        elif rows:
            self.hint.setText(_(self._hints[0]))
        self._show_state()

    def _picked(self, item: QListWidgetItem) -> None:
        self.pick(item.data(Qt.ItemDataRole.UserRole))

    # --- choosing ----------------------------------------------------------------------
    def pick(self, row: MemberRow) -> None:
        self._timer.stop()
        self.member = row
        self._filling = True
        try:
            self.name.setText(row.name)
            self.phone.setText(row.phone or "")
        finally:
            self._filling = False
        self.matches.clear()
        tier = f" · {row.tier_name}" if row.tier_name else ""
        self.chosen.setText(
            "✓ " + _("Member {name}, No. {number}", name=row.name, number=row.number) + tier
        )
        self._show_state()
        self.changed.emit()

    def let_go(self) -> None:
        self.member = None
        self._field = "name"
        self.hint.setText(_("Type a name, pinyin initials or part of the phone."))
        self._show_state()
        self.changed.emit()
        self.name.setFocus()
        self.name.selectAll()

    def create_member(self) -> None:
        """A new caller becomes a member with her name and phone; if the phone is already
        on file, that member is picked instead."""
        data = MemberInput(name=self.name.text(), phone=self.phone.text())
        try:
            row: MemberRow | None = self.members.create(self.ctx.actor, data)
        except Forbidden:
            row = self.ctx.guard(self, self.members.create, data)
        except Conflict as exc:
            other = exc.params.get("member_id")
            if not isinstance(other, int):
                self.ctx.error(self, error_text(exc))
                return
            row = self.ctx.attempt(self, self.members.get, other)
            if row is not None:  # already a member: book for her
                self.pick(row)
                self.chosen.setText(error_text(exc))
            return
        except SalonError as exc:
            self.ctx.error(self, error_text(exc))
            return
        if row is None:
            return
        self.ctx.hub.notify("members")
        self.pick(row)

    def _show_state(self) -> None:
        picked = self.member is not None
        self.chosen_bar.setVisible(picked)
        listing = not picked and self.matches.count() > 0
        self.matches.setVisible(listing)
        self._layout.setStretch(self._spacer, 0 if listing else 1)
        self.hint.setVisible(not picked)
        self.add_member.setVisible(not picked)
        self.add_member.setEnabled(bool(self.name.text().strip() and self.phone.text().strip()))
