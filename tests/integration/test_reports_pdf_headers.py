"""Column headers of the report PDFs wrap onto more lines instead of being cut: the
English titles are longer than the Chinese ones and the wide tables have narrow columns."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.i18n import set_language
from salon_desk.core.pdf_font import cjk_font
from salon_desk.reports.layout import layout_of
from salon_desk.reports.pdf import wrap_text
from salon_desk.reports.service import ReportService

DAY = date(2026, 11, 28)


def test_english_headers_of_the_period_report_are_whole(
    core: Core, owner: Actor, tmp_path: Path
) -> None:
    set_language("en")
    service = ReportService(core)
    report = service.period(owner, DAY - timedelta(days=6), DAY)
    pdf = service.save(owner, report, tmp_path / "period.pdf", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "…" not in text
    words = set(text.split())
    titles = [c.title for t in layout_of(report).tables() if t.rows for c in t.columns]
    assert "Over (+) or short (-)" in titles
    for title in titles:
        assert set(title.split()) <= words, title


def test_a_header_wraps_at_spaces_or_between_chinese_characters_within_three_lines() -> None:
    font = cjk_font(None).name
    assert wrap_text("Over (+) or short (−)", font, 8.5, 50) == "Over (+) or\nshort (−)"
    assert wrap_text("数量", font, 8.5, 50) == "数量"
    assert wrap_text("期限卡按天摊销", font, 8.5, 30).split("\n") == ["期限卡", "按天摊", "销"]
    cut = wrap_text("Supercalifragilisticexpialidocious", font, 8.5, 30).split("\n")
    assert len(cut) == 3 and cut[-1].endswith("…")
