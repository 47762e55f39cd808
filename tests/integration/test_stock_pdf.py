"""Price labels and count sheets read back with a PDF text extractor: the Chinese names
and prices are there and the font is embedded. Also the demo shop and the command line."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.pdf_font import cjk_font
from salon_desk.stock import cli, demo
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.service import StockService


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _embedded_fonts(data: bytes) -> list[str]:
    """Names of fonts that carry their own glyph program (FontFile2 = TrueType)."""
    names = []
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                d = desc.get_object().get("/FontDescriptor")
                if d is not None and "/FontFile2" in d.get_object():
                    names.append(str(font["/BaseFont"]))
    return names


@pytest.fixture
def shop(core: Core, owner: Actor) -> StockService:
    demo.seed(core, owner)
    return StockService(core)


def test_demo_shop(shop: StockService) -> None:
    products = shop.list_products()
    assert 36 <= len(products) <= 45
    assert len(shop.brands()) >= 6
    assert {p.category for p in products} == {"retail", "tester", "professional", "consumable"}
    on_cabinet = [p for p in products if p.cabinet]
    assert {(p.cabinet, p.shelf) for p in on_cabinet} >= {("A", 1), ("A", 2), ("B", 3), ("C", 1)}
    assert all(p.barcode and len(p.barcode) == 13 for p in products)
    assert [p.name_zh for p in shop.consumables_low()] == ["前台筒灯灯泡"]
    assert any(p.name_zh == "菁纯臻颜精萃乳霜" for p in shop.low_stock())


def test_label_sheet_holds_chinese_and_prices(shop: StockService) -> None:
    serum = shop.by_barcode(shop.list_products(text="双萃焕活")[0].barcode or "")
    assert serum is not None
    out = io.BytesIO()
    result = shop.labels_pdf([(serum.id, 2)], out, layout="a4-3x8")
    data = out.getvalue()
    text = _text(data)
    assert text.count("双萃焕活修护精华露") == 2
    assert "￥880.00" in text and "￥792.00" in text and "会员价" in text
    assert serum.barcode in text
    assert result.font.embedded and result.font.warning is None
    assert _embedded_fonts(data)
    assert (result.labels, result.pages) == (2, 1)


def test_label_roll_one_label_per_page(shop: StockService) -> None:
    ids = [p.id for p in shop.list_products(category="retail")][:5]
    out = io.BytesIO()
    result = shop.labels_pdf([(i, 1) for i in ids], out, layout="roll-40x30")
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert result.pages == len(reader.pages) == 5
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (40, 30)


def test_full_a4_sheets_and_skipped_labels(shop: StockService) -> None:
    ids = [p.id for p in shop.list_products(category="retail")]
    result = shop.labels_pdf([(i, 1) for i in ids[:20]], io.BytesIO(), skip=10)
    assert (result.labels, result.pages) == (20, 2)
    with pytest.raises(Invalid):
        shop.labels_pdf([(ids[0], 1)], io.BytesIO(), skip=24)
    with pytest.raises(Invalid):
        shop.labels_pdf([(ids[0], 0)], io.BytesIO())
    with pytest.raises(NotFound):
        shop.labels_pdf([(999_999, 1)], io.BytesIO())


def test_fallback_font_warns(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-font.ttf"
    bad.write_bytes(b"nonsense")
    font = cjk_font(str(bad))
    assert font.embedded  # the system's WenQuanYi was found instead
    assert font.warning is not None and font.warning_path == str(bad)


def test_count_sheet_pdf(core: Core, shop: StockService, owner: Actor) -> None:
    counts = StockCountService(core)
    count = counts.start(owner, "display")
    blind = io.BytesIO()
    counts.sheet_pdf(count.id, blind)
    text = _text(blind.getvalue())
    assert "前台产品盘点表" in text and count.number in text
    assert "双萃焕活修护精华露" in text and "陈列柜 A-1" in text
    for line in counts.lines(count.id):
        counts.set_counted(owner, count.id, line.id, 1)
    counts.finish(owner, count.id)
    for line in counts.lines(count.id):
        if line.variance:
            counts.set_reason(owner, count.id, line.id, "miscount")
    counts.post(owner, count.id)
    done = io.BytesIO()
    font = counts.sheet_pdf(count.id, done)
    data = done.getvalue()
    text = _text(data)
    assert "上次盘点有误" in text and "已过账" in text and "王店长" in text
    # 双萃: 4 on the books, 1 counted: -3 at cost ¥396 = -¥1,188.00
    assert "-￥1,188.00" in text
    assert font.embedded and _embedded_fonts(data)


def test_labels_command(core: Core, shop: StockService, tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    out = tmp_path / "labels.pdf"
    code = shop.list_products(text="小黑瓶肌底")[0].barcode
    args = parser.parse_args(["labels", str(code), "--roll", "40x30", "--out", str(out)])
    assert args.handler(args, core) == 0
    assert "小黑瓶肌底精华液" in _text(out.read_bytes())
    args = parser.parse_args(["labels", "--all", "--sheet", "a4-3x8", "--out", str(out)])
    assert args.handler(args, core) == 0
    assert len(PdfReader(out).pages) == 2  # 30 retail products
    args = parser.parse_args(["labels", "6900000000000", "--out", str(out)])
    with pytest.raises(NotFound):
        args.handler(args, core)
    with pytest.raises(SystemExit):
        parser.parse_args(["labels", "--all", "--sheet", "a4-3x8", "--roll", "40x30", "--out", "x"])
