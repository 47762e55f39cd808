"""The report tables of the PDF: a long table runs over pages with its header on each and
its total once at the end, numbers line up on the right, a too-long cell is cut."""

from __future__ import annotations

import html
import itertools
import re
import subprocess

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from salon_desk.core.money import Money
from salon_desk.core.pdf_font import cjk_font
from salon_desk.reports.grid import SIZE, Grid, fit
from salon_desk.reports.layout import Column, Layout, Section, Table
from salon_desk.reports.pdf import render_pdf

ROWS = 120


def _layout(rows: int, *, total: bool = True) -> Layout:
    table = Table(
        key="lines",
        title="项目明细",
        columns=(Column("项目"), Column("数量", "int", 0.5), Column("金额", "money", 0.7)),
        rows=tuple((f"面部护理{i:03d}", i, Money(fen=i * 12_345)) for i in range(rows)),
        total=("合计", rows, Money(fen=99_999_99)) if total else None,
    )
    return Layout(
        "营业日报表",
        "2026-11-29",
        "美丽人生美容院",
        "南京西路",
        "打印人：店长",
        (Section("项目", (table,)),),
    )


def _words(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Each page's words with their left and right edges, as poppler reads them."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [
        [(html.unescape(w), float(x0), float(x1)) for x0, x1, w in _WORD.findall(page)]
        for page in out.split("<page ")[1:]
    ]


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
)


def test_a_long_table_runs_over_pages_with_its_header_on_each_and_its_total_once() -> None:
    pages = _words(render_pdf(_layout(ROWS)))
    assert len(pages) >= 3
    labels = [t for page in pages for t, _x, _y in page if t.startswith("面部护理")]
    assert labels == [f"面部护理{i:03d}" for i in range(ROWS)]
    for page in pages:
        assert {"项目", "数量", "金额"} <= {t for t, _x, _y in page}
    assert [i for i, page in enumerate(pages) for t, _x, _y in page if t == "合计"] == [
        len(pages) - 1
    ]
    assert "99,999.99" in {t for t, _x, _y in pages[-1]}


def test_money_and_counts_line_up_on_the_right_and_text_on_the_left() -> None:
    words = [w for page in _words(render_pdf(_layout(20, total=False))) for w in page]
    money = [right for t, _left, right in words if "." in t and t[0].isdigit()]
    counts = [w[2] for before, w in itertools.pairwise(words) if before[0].startswith("面部")]
    labels = [left for t, left, _right in words if t.startswith("面部护理")]
    assert len(money) == len(counts) == len(labels) == 20
    for edges in (money, counts, labels):
        assert max(edges) - min(edges) < 0.01
    assert labels[0] < counts[0] < money[0]


def test_a_cell_too_long_for_its_column_is_cut_with_an_ellipsis() -> None:
    font = cjk_font(None).name
    cell = fit("玻尿酸补水焕颜深层清洁面部护理疗程", font, 40)
    assert cell.text.endswith("…") and cell.width <= 40
    assert cell.width == pytest.approx(stringWidth(cell.text, font, SIZE))
    whole = fit("补水", font, 40)
    assert whole.text == "补水"


def test_a_table_splits_only_where_its_header_and_a_row_fit() -> None:
    font = cjk_font(None).name
    head = [[fit("项目", font, 50)]]
    rows = [[fit(f"{i}", font, 50)] for i in range(10)]
    grid = Grid(font, [60.0], [False], head, rows, total=True)
    assert grid.split(60, grid.head_height + 5) == []
    first, rest = grid.split(60, grid.head_height + 3.5 * (grid.height - grid.head_height) / 10)
    assert (len(first.rows), len(rest.rows)) == (3, 7)
    assert (first.total, rest.total) == (False, True)
    assert grid.split(60, grid.height) == [grid]
