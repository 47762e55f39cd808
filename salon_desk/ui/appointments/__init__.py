"""Appointments (预约): the day grid, the day list, a beautician's week, the price list,
walk-ins, the roster and rotation, reminder and follow-up calls."""

from salon_desk.core.auth import Perm
from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec(
    "appointments",
    N_("Appointments"),
    10,
    "salon_desk.ui.appointments.appointments_tab:AppointmentsTab",
    Perm.BOOK,
)
