"""Reports (managers): the daily report (营业日报表) and period reports — preview, PDF,
CSV and Excel."""

from salon_desk.core.auth import Perm
from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec(
    "reports", N_("Reports"), 80, "salon_desk.ui.reports.reports_tab:ReportsTab", Perm.REPORTS
)
