"""Small charts for the report PDFs (reportlab.graphics): a bar chart and a pie chart,
labelled with the embedded Chinese font."""

from __future__ import annotations

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
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    d = Drawing(width, height)
    _title(d, chart, font, width, height)
    bc = VerticalBarChart()
    bc.x, bc.y = 40, 28
    bc.width, bc.height = width - 55, height - 52
    values = [v / 100 if chart.money else v for v in chart.values] or [0]
    bc.data = [values]
    bc.bars[0].fillColor = colors.HexColor(PALETTE[0])
    bc.bars[0].strokeColor = None
    bc.valueAxis.valueMin = 0
    top = max(values) if values else 0
    if not chart.money:
        step = max(1, -(-int(top) // 5))
        bc.valueAxis.valueStep = step
        bc.valueAxis.valueMax = max(step * 5, 1)
    elif top <= 0:
        bc.valueAxis.valueMax = 1
    bc.valueAxis.labels.fontName = font
    bc.valueAxis.labels.fontSize = 7
    bc.categoryAxis.categoryNames = list(chart.labels) or [""]
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = 7 if len(chart.labels) <= 16 else 5
    if len(chart.labels) > 16:
        bc.categoryAxis.labels.angle = 90
        bc.categoryAxis.labels.boxAnchor = "e"
        bc.categoryAxis.labels.dy = -2
    d.add(bc)
    return d


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
