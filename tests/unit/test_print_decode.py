"""The on-screen preview reads the printer's bytes back: for a Chinese receipt at 58 and
80 mm it gives the lines the paper shows (the same as an independent strict decoder), the
size and weight of the title, the QR code, the cut and the drawer kick only on cash."""

from __future__ import annotations

import pytest
from escpos_decode import decode
from test_print_receipt import payload

from salon_desk.pos.receipt import receipt_bytes, receipt_lines, render
from salon_desk.pos.receipt_decode import decode_slip


@pytest.mark.parametrize("width_mm", [58, 80])
def test_the_preview_reads_back_what_the_paper_shows(width_mm: int) -> None:
    p = payload(qr="https://salon.example/r/20261128-0007")
    data = receipt_bytes(p, width_mm=width_mm, language="zh_CN")
    slip = decode_slip(data)
    assert slip.text() == decode(data).lines  # the strict decoder of the receipt tests
    layout = receipt_lines(p, width_mm=width_mm, language="zh_CN")
    assert slip.text() == [ln.text for ln in layout if not ln.qr]
    assert [ln.qr for ln in slip.lines if ln.qr] == ["https://salon.example/r/20261128-0007"]
    assert slip.chinese_mode and slip.cut and slip.drawer and slip.pictures == 0
    title = next(ln for ln in slip.lines if "美丽人生美容院" in ln.text)
    assert title.big and not slip.lines[-1].big
    assert any("￥" in ln.text for ln in slip.lines)


def test_no_drawer_without_cash_or_on_a_reprint() -> None:
    card = payload(payments=[{"tender": "wechat", "amount_fen": 44780, "reference": "42"}])
    assert not decode_slip(receipt_bytes(card)).drawer
    again = decode_slip(receipt_bytes(payload(reprint=True)))
    assert not again.drawer and any("重印" in ln for ln in again.text())


def test_pictures_and_unknown_commands_do_not_stop_the_preview() -> None:
    pictures = render("receipt", payload(), width_mm=58, raster=True)
    slip = decode_slip(pictures)
    assert slip.pictures > 0 and slip.text() == [] and slip.cut
    odd = b"\x1b@\x1c&\x1bt\x00\x1b\x7e" + "单号 1".encode("gbk") + b"\n\x1dV\x00"
    assert decode_slip(odd).text() == ["单号 1"]
