"""The display stock tab (前台陈列): the cabinet, its products, stock and price labels."""

from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec("display", N_("Display stock"), 30, "salon_desk.ui.display.tab:DisplayTab")
