"""Members (会员): profiles, search by phone, name or pinyin, cards and their ledger,
treatment records with charts."""

from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec("members", N_("Members"), 15, "salon_desk.ui.members.members_tab:MembersTab")
