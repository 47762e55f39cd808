"""Touch widgets shared by every tab. Import from the modules, e.g.
``from salon_desk.ui.widgets.numpad import NumPad``."""
