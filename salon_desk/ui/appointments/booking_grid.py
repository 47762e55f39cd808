"""The booking grid: a fixed header over a scrolling painted body. A finger scrolls it,
except when it lands on a booking: then it drags the booking."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QResizeEvent, QScrollPrepareEvent
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from salon_desk.ui.appointments.grid_body import ROW_H, GridBody
from salon_desk.ui.appointments.grid_header import GridHeader
from salon_desk.ui.widgets.touch import make_touch_scrollable


class BookingGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = GridBody()
        self.header = GridHeader(self.body, self)
        self.area = QScrollArea(self)
        self.area.setWidget(self.body)
        self.area.setWidgetResizable(False)
        self.area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        make_touch_scrollable(self.area)
        self.area.horizontalScrollBar().valueChanged.connect(self.header.set_offset)
        self.area.viewport().installEventFilter(self)
        self.body.dragging.connect(self.follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.area, 1)

    def refit(self) -> None:
        self.body.fit_width(self.area.viewport().width())
        self.header.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self.refit()
        if watched is self.area.viewport() and isinstance(event, QScrollPrepareEvent):
            # a finger that lands on a booking drags the booking, not the grid
            start = self.body.mapFrom(self.area.viewport(), event.startPos().toPoint())
            if self.body.pick_up(start) is not None:
                event.ignore()
                return True
        return False

    def follow(self, point: QPoint) -> None:
        """Scroll along while a booking is dragged near an edge."""
        self.area.ensureVisible(point.x(), point.y(), ROW_H * 2, ROW_H * 2)

    def scroll_to_y(self, y: int) -> None:
        bar = self.area.verticalScrollBar()
        bar.setValue(max(0, y - self.area.viewport().height() // 3))
