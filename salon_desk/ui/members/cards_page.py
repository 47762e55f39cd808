"""A member's cards and the ledger of the chosen card; freeze, unfreeze, extend, refund."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from salon_desk.core.i18n import N_, _
from salon_desk.members.card_ledger import STATUS_LABELS
from salon_desk.members.card_rows import CardAccountRow, LedgerRow, RefundSlip
from salon_desk.members.card_service import CardService
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.card_use_dialog import CardUseDialog
from salon_desk.ui.members.refund_method_dialog import METHOD_LABELS, RefundMethodDialog
from salon_desk.ui.widgets.big_button import BigButton
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.table import TouchTable

ENTRY_LABELS = {
    "sale": N_("Card sale"),
    "use": N_("Use"),
    "top_up": N_("Top-up"),
    "bonus": N_("Bonus"),
    "adjustment": N_("Adjustment"),
    "freeze": N_("Freeze"),
    "unfreeze": N_("Unfreeze"),
    "extension": N_("Extension"),
    "transfer": N_("Transfer"),
    "refund": N_("Refund"),
    "expiry": N_("Expiry"),
    "reversal": N_("Reversal"),
}


def balance_text(a: CardAccountRow) -> str:
    if a.kind == "value":
        return _("{total} (bonus {bonus})", total=a.value.format(), bonus=a.bonus.format())
    if a.kind == "sessions":
        return _("{n} left", n=a.sessions_left)
    return _("{n} used", n=a.uses)


def expiry_text(a: CardAccountRow) -> str:
    if a.expires_on is not None:
        return a.expires_on.isoformat()
    if a.kind == "period" or (a.starts_on is None and a.kind != "value"):
        return _("From first use")
    return _("No expiry")


def change_text(e: LedgerRow) -> str:
    parts = []
    if e.sessions:
        parts.append(f"{e.sessions:+d}")
    if e.principal:
        parts.append(f"{'+' if e.principal.fen > 0 else ''}{e.principal.format()}")
    if e.bonus:
        parts.append(_("bonus {amount}", amount=e.bonus.format()))
    if e.kind == "use" and not parts:
        parts.append(_("{n} used", n=e.uses))
    return " ".join(parts)


class CardsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards = ctx.service(CardService)
        self.payout = ctx.service(CardPayoutService)
        self.ask_method = RefundMethodDialog.ask  # tests replace it
        self.member_id: int | None = None
        tz = ctx.core.settings.tz()
        layout = QVBoxLayout(self)
        self.accounts = RowsModel(
            [
                Column(N_("Card number"), lambda a: a.number),
                Column(N_("Card"), lambda a: a.product_name),
                Column(N_("Balance"), balance_text),
                Column(N_("Expires"), expiry_text),
                Column(
                    N_("Status"),
                    lambda a: _("Frozen") if a.frozen else _(STATUS_LABELS[a.status]),
                    colour=lambda a: None if a.status == "active" and not a.frozen else "#9c6b00",
                ),
            ],
            tz=tz,
        )
        self.account_table = TouchTable(self)
        self.account_table.setModel(self.accounts)
        self.account_table.selectionModel().selectionChanged.connect(self._picked)
        layout.addWidget(self.account_table, 2)
        self.ledger_title = QLabel(_("Choose a card to see its history."), self)
        layout.addWidget(self.ledger_title)
        self.ledger = RowsModel(
            [
                Column(N_("Time"), lambda e: e.at),
                Column(N_("Kind of entry"), lambda e: _(ENTRY_LABELS.get(e.kind, e.kind))),
                Column(N_("Movement"), change_text),
                Column(
                    N_("After"),
                    lambda e: (
                        e.sessions_after
                        if e.principal_after.fen == 0 and e.bonus_after.fen == 0
                        else e.principal_after + e.bonus_after
                    ),
                ),
                Column(N_("Sale number"), lambda e: e.sale_ref or ""),
                Column(N_("Reason"), lambda e: e.reason),
                Column(N_("Signed"), lambda e: e.signed),
            ],
            tz=tz,
        )
        self.ledger_table = TouchTable(self)
        self.ledger_table.setModel(self.ledger)
        layout.addWidget(self.ledger_table, 3)
        row = QHBoxLayout()
        self.use_button = BigButton(_("Use card"), self, role="primary")
        self.use_button.clicked.connect(self.use)
        row.addWidget(self.use_button)
        self.freeze_button = BigButton(_("Freeze"), self)
        self.freeze_button.clicked.connect(self.freeze)
        self.unfreeze_button = BigButton(_("Unfreeze"), self)
        self.unfreeze_button.clicked.connect(self.unfreeze)
        self.extend_button = BigButton(_("Extend"), self)
        self.extend_button.clicked.connect(self.extend)
        self.refund_button = BigButton(_("Refund card"), self, role="danger")
        self.refund_button.clicked.connect(self.refund)
        for b in (self.freeze_button, self.unfreeze_button, self.extend_button, self.refund_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        ctx.hub.changed.connect(self._on_changed)
        self._update_buttons()

    def _on_changed(self, topic: str) -> None:
        if topic in ("cards", "sales") and self.member_id is not None:
            self.refresh()

    def show_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        if member_id is None:
            self.accounts.set_rows([])
            self.ledger.set_rows([])
            self._update_buttons()
            return
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        if self.member_id is None:
            return
        rows = self.ctx.attempt(self, self.cards.accounts_for_member, self.member_id) or []
        self.accounts.set_rows(rows)
        self.account_table.resizeColumnsToContents()
        self.ledger.set_rows([])
        self.ledger_title.setText(
            _("Choose a card to see its history.") if rows else _("No cards yet.")
        )
        for i, a in enumerate(rows):
            if chosen is not None and a.id == chosen.id:
                self.account_table.selectRow(i)
        self._update_buttons()

    def selected(self) -> CardAccountRow | None:
        rows = self.account_table.selectionModel().selectedRows()
        return self.accounts.row_at(rows[0].row()) if rows else None

    def select_card(self, number: str) -> None:
        for i, a in enumerate(self.accounts.rows()):
            if a.number == number:
                self.account_table.selectRow(i)

    def _picked(self) -> None:
        card = self.selected()
        if card is not None:
            self.ledger.set_rows(self.ctx.attempt(self, self.cards.ledger, card.id) or [])
            self.ledger_table.resizeColumnsToContents()
            self.ledger_title.setText(
                _("History of card {number} ({name})", number=card.number, name=card.product_name)
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        card = self.selected()
        active = card is not None and card.status == "active"
        self.freeze_button.setEnabled(active and card is not None and not card.frozen)
        self.unfreeze_button.setEnabled(active and card is not None and card.frozen)
        self.extend_button.setEnabled(active and card is not None and card.expires_on is not None)
        self.refund_button.setEnabled(active)
        self.use_button.setEnabled(active and card is not None and not card.frozen)

    def _reason(self, title: str) -> str | None:
        return self.ctx.prompts.text(self, title, _("Reason"))

    def _done(self) -> None:
        self.ctx.hub.notify("cards")
        self.refresh()

    def use(self) -> None:
        """Take a session or money for a service; the member signs on the pad."""
        card = self.selected()
        if card is None:
            return
        dialog = CardUseDialog(self.ctx, card, self)
        if dialog.exec() == CardUseDialog.DialogCode.Accepted:
            self._done()
            self.select_card(card.number)

    def freeze(self) -> None:
        card = self.selected()
        reason = self._reason(_("Freeze")) if card else None
        if card and reason is not None and self.ctx.guard(self, self.cards.freeze, card.id, reason):
            self._done()

    def unfreeze(self) -> None:
        card = self.selected()
        if card and self.ctx.guard(self, self.cards.unfreeze, card.id):
            self._done()

    def extend(self) -> None:
        card = self.selected()
        if card is None:
            return
        days = NumPadDialog.ask(
            self, _("Extend"), mode="int", prompt=_("Days to add"), minimum=1, maximum=3650
        )
        if not isinstance(days, int):
            return
        reason = self._reason(_("Extend"))
        if reason is None:
            return
        done = self.ctx.guard(self, self.cards.extend, card.id, days, reason)
        if done is not None:
            self._done()

    def refund(self) -> None:
        card = self.selected()
        if card is None:
            return
        if not self.ctx.prompts.confirm(
            self,
            _(
                "Refund card {number}? The bonus and the sessions left are void.",
                number=card.number,
            ),
            yes=_("Refund card"),
        ):
            return
        reason = self._reason(_("Refund card"))
        if reason is None:
            return
        method = self.ask_method(self)
        if method is None:
            return
        slip = self.ctx.guard(self, self.payout.refund_card, card.id, reason, method=method)
        if isinstance(slip, RefundSlip):
            self.ctx.prompts.info(self, slip_text(slip, method))
            self._done()


def slip_text(slip: RefundSlip, method: str | None = None) -> str:
    """The settlement slip as the member reads it before signing."""
    lines = [
        _("Card refund settlement"),
        _("Member: {name} (No. {number})", name=slip.member_name, number=slip.member_number),
        _("Card: {number} {name}", number=slip.account_number, name=slip.product_name),
        _("Paid: {amount}", amount=slip.paid.format()),
    ]
    if slip.kind == "value":
        lines.append(_("Principal left: {amount}", amount=slip.principal_left.format()))
        lines.append(_("Bonus void: {amount}", amount=slip.bonus_void.format()))
    else:
        lines.append(
            _("Treatments taken at list price: {amount}", amount=slip.used_list_price.format())
        )
    lines.append(_("Refund: {amount}", amount=slip.refund.format()))
    if method is not None:
        lines.append(_("Paid back: {how}", how=_(METHOD_LABELS[method])))
    lines.append(_("Member's signature: ____________"))
    return "\n".join(lines)
