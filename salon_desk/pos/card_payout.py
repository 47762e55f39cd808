"""退卡 at the register: the card is closed and what is due back is paid out in the same
transaction, kept as a :class:`~salon_desk.pos.payout_models.CardPayout` row (the card,
the method, the amount). Paid in cash it also leaves the drawer (a ``card_back`` drawer
event naming the card: the X, the Z and the daily report show it as a card refund paid
out and expect that much less cash); paid back to WeChat, Alipay or a bank card the
drawer is not touched, and the X, the Z and the reports show it as paid back by that
method (the method's expected total at closing is lower by it)."""

from __future__ import annotations

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.i18n import N_
from salon_desk.members import card_admin
from salon_desk.members.card_rows import RefundSlip
from salon_desk.pos.day_turns import hold_day_in
from salon_desk.pos.days import figures_in, require_trading_in, z_in
from salon_desk.pos.models import CashEvent
from salon_desk.pos.payout_models import CardPayout

#: how the refund goes back to the member
METHODS = ("cash", "bank_card", "wechat", "alipay")


class CardPayoutService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def refund_card(self, actor: Actor, account_id: int, reason: str, *, method: str) -> RefundSlip:
        """Refund a card and pay the amount back by ``method``; in cash only while the
        day is trading and the drawer holds enough, by another method any time before the
        day is closed (its Z holds the day's totals by method)."""
        require(actor, Perm.CARD_REFUND)
        if method not in METHODS:
            raise Invalid(N_("Choose how the money goes back."), field="method")
        clock = self.core.clock
        day = local_day(clock.now(), self.core.settings.tz())
        with self.core.db.tx() as s:
            if method == "cash":
                require_trading_in(s, day)
                in_drawer = figures_in(s, day).expected_cash
            else:
                hold_day_in(s, day)
                if z_in(s, day) is not None:  # the Z froze the day's totals by method
                    raise Conflict(
                        N_("The day is closed (Z report done): refund the card tomorrow.")
                    )
            slip = card_admin.refund_in(s, clock, actor, account_id, reason)
            event_id = None
            if method == "cash" and slip.refund.fen > 0:
                if slip.refund > in_drawer:
                    raise Conflict(
                        N_("The drawer should hold only {cash}."), field="amount", cash=in_drawer
                    )
                e = CashEvent(
                    day=day,
                    at=clock.now(),
                    staff_id=actor.staff_id,
                    authorised_by=actor.authorised_by,
                    kind="card_back",
                    amount_fen=slip.refund.fen,
                    reason=f"{slip.account_number} {card_admin.reason_text(reason)}",
                )
                s.add(e)
                s.flush()
                event_id = e.id
            if slip.refund.fen > 0:
                s.add(
                    CardPayout(
                        day=day,
                        at=clock.now(),
                        account_id=account_id,
                        method=method,
                        amount_fen=slip.refund.fen,
                        staff_id=actor.staff_id,
                        authorised_by=actor.authorised_by,
                        cash_event_id=event_id,
                    )
                )
            record(
                s,
                clock,
                actor,
                "card.refund",
                "card_account",
                account_id,
                after={
                    "refund": slip.refund.fen,
                    "bonus_void": slip.bonus_void.fen,
                    "sessions_void": slip.sessions_void,
                    "method": method,
                    "cash_event": event_id,
                },
                reason=reason,
            )
            return slip
