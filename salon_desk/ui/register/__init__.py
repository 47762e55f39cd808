"""The register (收银): ring up services and products, take payment, open and close the till."""

from salon_desk.core.auth import Perm
from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec(
    "register", N_("Register"), 20, "salon_desk.ui.register.register_tab:RegisterTab", Perm.SELL
)
