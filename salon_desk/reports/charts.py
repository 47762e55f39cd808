"""Small charts for the report PDFs (reportlab.graphics): a bar chart and a pie chart,
labelled with the embedded Chinese font."""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from salon_desk.core.money import Money
from salon_desk.reports.layout import Chart

PALETTE = ("#1f6f78", "#e0a458", "#7a5195", "#ef5675", "#58a55c", "#8c8c8c", "#3d5a80")


def drawing(chart: Chart, font: str, width: float, height: float = 150) -> Any:
    if chart.kind == "pie":
        return _pie(chart, font, width, height)
    return _bar(chart, font, width, height)


def _title(d: Any, chart: Chart, font: str, width: float, height: float) -> None:
    from reportlab.graphics.shapes import String

    d.add(String(width / 2, height - 12, chart.title, fontName=font, fontSize=10,
                 textAnchor="middle"))  # fmt: skip


def _bar(chart: Chart, font: str, width: float, height: float) -> Any:
    """Bars drawn straight on the page: reportlab's chart widgets cost more than all the
    tables of a month report together."""
    return _bar_class()(chart, font, width, height)


def nice_step(top: float, steps: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) so that ``steps`` of them reach ``top``."""
    if top <= 0:
        return 1
    raw = top / steps
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * power >= raw:
            return float(m * power)
    return float(10 * power)


def _axis_text(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


@cache
def _bar_class() -> type:
    from reportlab.lib import colors
    from reportlab.platypus import Flowable

    class BarChart(Flowable):  # type: ignore[misc]
        def __init__(self, chart: Chart, font: str, width: float, height: float) -> None:
            super().__init__()
            self.chart, self.font = chart, font
            self.width, self.height = width, height

        def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            c, chart, font = self.canv, self.chart, self.font
            c.setFont(font, 10)
            c.drawCentredString(self.width / 2, self.height - 12, chart.title)
            x0, y0 = 40.0, 28.0
            w, h = self.width - 55, self.height - 52
            values = [v / 100 if chart.money else v for v in chart.values] or [0]
            top = max(values)
            step = max(1, -(-int(top) // 5)) if not chart.money else nice_step(top)
            ticks = max(1, math.ceil(top / step)) if top > 0 else 5
            high = step * ticks
            grey = colors.HexColor("#5f5b66")
            c.setStrokeColor(grey)
            c.setFillColor(grey)
            c.setLineWidth(0.5)
            c.line(x0, y0, x0 + w, y0)
            c.line(x0, y0, x0, y0 + h)
            c.setFont(font, 7)
            for i in range(ticks + 1):
                y = y0 + h * i / ticks
                c.line(x0 - 3, y, x0, y)
                c.drawRightString(x0 - 5, y - 2.5, _axis_text(step * i))
            slot = w / len(values)
            c.setFillColor(colors.HexColor(PALETTE[0]))
            for i, v in enumerate(values):
                if v > 0:
                    c.rect(x0 + slot * (i + 0.1), y0, slot * 0.8, h * v / high, stroke=0, fill=1)
            c.setFillColor(grey)
            labels = list(chart.labels)
            if len(labels) <= 16:
                c.setFont(font, 7)
                for i, label in enumerate(labels):
                    c.drawCentredString(x0 + slot * (i + 0.5), y0 - 10, label)
            else:
                c.setFont(font, 5)
                for i, label in enumerate(labels):
                    c.saveState()
                    c.translate(x0 + slot * (i + 0.5) + 2, y0 - 3)
                    c.rotate(90)
                    c.drawRightString(0, 0, label)
                    c.restoreState()

    return BarChart


def _pie(chart: Chart, font: str, width: float, height: float) -> Any:
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    d = Drawing(width, height)
    _title(d, chart, font, width, height)
    shown = [(label, v) for label, v in zip(chart.labels, chart.values, strict=True) if v > 0]
    size = height - 40
    pie = Pie()
    pie.x, pie.y = 10, 12
    pie.width = pie.height = size
    pie.data = [v for _l, v in shown] or [1]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    for i in range(len(pie.data)):
        pie.slices[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
    if not shown:
        pie.slices[0].fillColor = colors.HexColor("#dddddd")
    d.add(pie)
    legend = Legend()
    legend.x, legend.y = size + 24, height - 28
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = [
        (
            colors.HexColor(PALETTE[i % len(PALETTE)]),
            f"{label}  {Money(v).format('') if chart.money else v}",
        )
        for i, (label, v) in enumerate(shown)
    ]
    d.add(legend)
    return d
