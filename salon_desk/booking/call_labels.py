"""The words of the call lists: how a reminder call went, what a follow-up call is for,
how it went, and why it is on the list."""

from __future__ import annotations

from salon_desk.core.i18n import N_

REMINDER_OUTCOMES: dict[str, str] = {
    "called": N_("Called"),
    "confirmed": N_("Confirmed"),
    "no_answer": N_("No answer"),
    "rescheduled": N_("Rescheduled"),
}

PURPOSES: dict[str, str] = {
    "home_care": N_("Home-care product check"),
    "reminder": N_("Appointment reminder"),
    "promotion": N_("Promotion or new treatment"),
    "satisfaction": N_("Satisfaction"),
}

FOLLOW_UP_OUTCOMES: dict[str, str] = {
    "done": N_("Talked"),
    "no_answer": N_("No answer"),
    "call_back": N_("Busy, call again"),
    "declined": N_("Does not want calls"),
}

#: Why a call is on the list: added by hand, the next call after an earlier one, or the
#: rule that suggested it.
ORIGINS: dict[str, str] = {
    "hand": N_("Added by hand"),
    "next": N_("Call again"),
    "facial": N_("After a facial"),
    "card_expiry": N_("Card about to expire"),
    "birthday": N_("Birthday this week"),
}
