"""Sign-in: tap your name (staff tiles with name and 工号), type your PIN on the big pad.

A wrong PIN, a locked account or an unknown number is said on the page itself, in the
user's language; five wrong PINs lock that account for a minute (the service decides).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from salon_desk.core.auth import ROLE_LABELS, Role, StaffRow
from salon_desk.core.errors import SalonError
from salon_desk.core.i18n import LANGUAGES, _, current_language, error_text
from salon_desk.ui.context import UiContext
from salon_desk.ui.signin.pin_entry import PinEntry
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.touch import make_touch_scrollable

COLUMNS = 4
#: Counter staff sign in most often, so their tiles come first.
ROLE_ORDER = (Role.COUNTER, Role.MANAGER, Role.OWNER, Role.BEAUTICIAN)


def _tile_order(row: StaffRow) -> tuple[int, int, str]:
    number = int(row.number) if row.number.isdigit() else 10**16
    return ROLE_ORDER.index(row.role), number, row.number


class SignInPage(QWidget):
    signed_in = Signal(object)  # Actor
    language_chosen = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.selected: StaffRow | None = None
        self.staff = sorted(ctx.core.auth.list_staff(), key=_tile_order)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(32)

        left = QVBoxLayout()
        shop = QLabel(str(ctx.core.settings.get("shop.name")), self)
        shop.setProperty("role", "title")
        left.addWidget(shop)
        hint = QLabel(_("Tap your name, then type your PIN."), self)
        hint.setProperty("role", "muted")
        left.addWidget(hint)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setSpacing(12)
        self.tiles: dict[str, QPushButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for i, row in enumerate(self.staff):
            tile = QPushButton(f"{row.name}\n{_('No. {number}', number=row.number)}", grid_host)
            tile.setCheckable(True)
            tile.setMinimumSize(150, 96)
            font = tile.font()
            font.setPointSize(16)
            tile.setFont(font)
            tile.setToolTip(_(ROLE_LABELS[row.role]))
            tile.clicked.connect(lambda _c=False, r=row: self.choose(r))
            self.group.addButton(tile)
            grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles[row.number] = tile
        grid.setRowStretch(len(self.staff) // COLUMNS + 1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        make_touch_scrollable(scroll)
        left.addWidget(scroll, 1)
        switch = BigButton(self._other_language_label(), self)
        switch.clicked.connect(self._switch_language)
        self.language_button = switch
        left.addWidget(switch, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        self.who = QLabel(_("Who is signing in?"), self)
        self.who.setProperty("role", "title")
        right.addWidget(self.who)
        self.message = QLabel("", self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(48)
        right.addWidget(self.message)
        self.pin = PinEntry(self)
        self.pin.submitted.connect(self.submit)
        self.pin.setMinimumWidth(360)
        right.addWidget(self.pin, 1)
        outer.addLayout(right, 2)
        if len(self.staff) == 1:
            self.choose(self.staff[0])

    def choose(self, row: StaffRow) -> None:
        self.selected = row
        self.tiles[row.number].setChecked(True)
        self.who.setText(_("{name}, type your PIN", name=row.name))
        self.message.clear()
        self.pin.clear()
        self.pin.field.setFocus()

    def choose_number(self, number: str) -> None:
        self.choose(next(r for r in self.staff if r.number == number))

    def submit(self, pin: str) -> None:
        if self.selected is None:
            self.message.setText(_("Tap your name first."))
            return
        try:
            actor = self.ctx.core.auth.sign_in(self.selected.number, pin)
        except SalonError as exc:
            self.message.setText(error_text(exc))
            self.pin.clear()
            return
        self.pin.clear()
        self.message.clear()
        self.signed_in.emit(actor)

    def _other_language_label(self) -> str:
        other = next(code for code in LANGUAGES if code != current_language())
        return LANGUAGES[other]

    def _switch_language(self) -> None:
        other = next(code for code in LANGUAGES if code != current_language())
        self.language_chosen.emit(other)
