"""Settings (managers): the shop, business hours, this counter, staff, backups."""

from salon_desk.core.auth import Perm
from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec(
    "settings", N_("Settings"), 90, "salon_desk.ui.settings.settings_tab:SettingsTab", Perm.SETTINGS
)
