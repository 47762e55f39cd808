"""The stock count tab (盘点): count the cabinet and the back store at closing."""

from salon_desk.core.i18n import N_
from salon_desk.ui.tabs import TabSpec

TAB = TabSpec("stockcount", N_("Stock count"), 50, "salon_desk.ui.stockcount.tab:StockCountTab")
