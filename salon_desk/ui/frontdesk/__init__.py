"""The front-desk log tab (前台登记): visitors, complaints, lost property, the phone
directory, handover items and a search across them."""

from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec("frontdesk", N_("Front-desk log"), 60, "salon_desk.ui.frontdesk.tab:FrontdeskTab")
