"""The receipt as a Chinese printer receives it: bytes decoded back (GB18030 after
``FS &``), columns counted in printed cells, cut, drawer kick only on cash."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from escpos_decode import cells, decode

from salon_desk.pos.receipt import opens_drawer, receipt_bytes, receipt_lines, render
from salon_desk.pos.receipt_text import mask_phone, printable, wrap

WIDTHS = {58: 32, 80: 48}


def payload(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "shop": {
            "name": "美丽人生美容院",
            "address": "静安区南京西路1266号",
            "phone": "021-62888888",
        },
        "header": "会员日 全场护理9折",
        "footer": "谢谢惠顾，欢迎再次光临！",
        "number": "20261128-0007",
        "time": datetime(2026, 11, 28, 2, 5, tzinfo=UTC),
        "tz": "Asia/Shanghai",
        "cashier": "小陈 (101)",
        "member": {"name": "张丽", "phone": "13812345678", "tier": "金卡"},
        "lines": [
            {
                "name": "面部深层清洁护理",
                "qty": 1,
                "unit_fen": 29800,
                "discount_fen": 3000,
                "amount_fen": 26800,
                "beautician": "07 小美",
            },
            {"name": "玫瑰精华水 200ml", "qty": 2, "unit_fen": 12800, "amount_fen": 25600},
        ],
        "ticket_discounts": [{"label": "金卡95折", "amount_fen": 2620}],
        "vouchers": [{"label": "抵用券", "code": "DY01", "amount_fen": 5000}],
        "total_fen": 44780,
        "payments": [
            {"tender": "cash", "amount_fen": 20000},
            {"tender": "wechat", "amount_fen": 24780, "reference": "4200001234"},
        ],
        "cash_received_fen": 20000,
        "change_fen": 0,
        "cards": [{"name": "面部护理年卡", "sessions_left": 9, "expires": "2027-11-27"}],
    }
    base.update(changes)
    return base


def line_with(lines: list[str], *words: str) -> str:
    found = [ln for ln in lines if all(w in ln for w in words)]
    assert found, f"no line with {words} in:\n" + "\n".join(lines)
    return found[0]


@pytest.mark.parametrize("width_mm", [58, 80])
def test_a_chinese_receipt_decodes_back_to_its_lines(width_mm: int) -> None:
    data = receipt_bytes(payload(), width_mm=width_mm, language="zh_CN")
    assert data.startswith(b"\x1b@\x1c&")  # reset, then Chinese mode before any text
    got = decode(data)
    assert got.chinese_mode and got.cut
    text = got.lines
    assert "美丽人生美容院" in text[0]
    assert line_with(text, "单号", "20261128-0007")
    assert line_with(text, "时间", "2026-11-28 10:05")  # shown in Shanghai time
    assert line_with(text, "会员", "张丽", "138****5678", "金卡")
    assert not any("13812345678" in ln for ln in text)
    assert line_with(text, "面部深层清洁护理")
    assert line_with(text, "1", "￥298.00", "￥268.00")
    assert line_with(text, "美容师 07 小美", "优惠 -￥30.00")
    assert line_with(text, "金卡95折", "-￥26.20")
    assert line_with(text, "抵用券 DY01", "-￥50.00")
    total = line_with(text, "合计", "￥447.80")
    assert got.styles[text.index(total)] == (0x01, True)  # double height, bold
    assert line_with(text, "微信支付 (4200001234)", "￥247.80")
    assert line_with(text, "实收现金", "￥200.00")
    assert line_with(text, "找零", "￥0.00")
    assert line_with(text, "面部护理年卡", "剩余 9 次")
    assert line_with(text, "有效期至 2027-11-27")
    assert line_with(text, "谢谢惠顾")
    assert "¥" not in "".join(text) and "?" not in "".join(text)


@pytest.mark.parametrize("width_mm", [58, 80])
def test_every_line_fits_the_paper_in_printed_cells(width_mm: int) -> None:
    long_name = "肩颈舒缓精油按摩（60分钟）加热石疗程·特惠①×2 Deluxe Aromatherapy"
    p = payload()
    p["lines"].append({"name": long_name, "qty": 12, "unit_fen": 1234567, "amount_fen": 14814804})
    got = decode(receipt_bytes(p, width_mm=width_mm))
    for line, (size, _bold) in zip(got.lines, got.styles, strict=True):
        width_factor = (size >> 4) + 1
        assert cells(line) * width_factor <= WIDTHS[width_mm], line
    amounts = [ln for ln in got.lines if ln.rstrip().endswith(("￥268.00", "￥256.00"))]
    assert len({cells(ln) for ln in amounts}) == 1  # the amount column is aligned
    assert all(cells(ln) == WIDTHS[width_mm] for ln in amounts)
    assert "".join(got.lines).count("肩颈舒缓精油按摩") == 1  # wrapped, not lost


def test_the_drawer_opens_only_on_cash_and_never_on_a_reprint() -> None:
    assert decode(receipt_bytes(payload())).drawer_kicks == 1
    card_only = payload(payments=[{"tender": "bank_card", "amount_fen": 44780}])
    assert decode(receipt_bytes(card_only)).drawer_kicks == 0
    assert not opens_drawer(card_only)
    reprint = decode(receipt_bytes(payload(reprint=True)))
    assert reprint.drawer_kicks == 0
    assert any("重印" in ln for ln in reprint.lines[:6])
    assert reprint.cut


def test_english_receipt_and_the_yen_sign_is_full_width() -> None:
    got = decode(receipt_bytes(payload(), language="en"))
    assert line_with(got.lines, "Total", "￥447.80")
    assert line_with(got.lines, "WeChat Pay")
    data = receipt_bytes(payload(footer="¥ 10 off next visit"))
    assert b"\x81\x30\x84\x36" not in data  # the 4-byte GB18030 ¥ that GBK printers misprint
    assert "￥".encode("gbk") in data


def test_text_a_printer_cannot_print_is_replaced() -> None:
    assert printable("小美💄\x07ok") == "小美? ok"
    assert wrap("中文" * 20, 10) == ["中文中文中", "文中文中文"] * 4
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138****5678") == "138****5678"
    got = decode(receipt_bytes(payload(member={"name": "Lily💄", "phone": "+8613912345678"})))
    assert line_with(got.lines, "Lily?", "139****5678")


def test_a_qr_code_is_the_printers_own_command() -> None:
    got = decode(receipt_bytes(payload(qr="https://salon.example.cn/r/20261128-0007")))
    qr = [c for c in got.commands if c.startswith(b"\x1d(k")]
    assert any(b"https://salon.example.cn/r/20261128-0007" in c for c in qr)


def test_the_layout_lines_are_what_prints() -> None:
    lines = receipt_lines(payload(), width_mm=58)
    printed = decode(receipt_bytes(payload(), width_mm=58)).lines
    assert [ln.text for ln in lines if not ln.qr] == printed


def test_slips_render_and_a_bad_kind_is_refused() -> None:
    z = decode(
        render(
            "z_report",
            {
                "number": "Z-20261128",
                "day": "2026-11-28",
                "net_fen": 1202200,
                "tenders": [
                    {
                        "tender": "cash",
                        "expected_fen": 545600,
                        "counted_fen": 545000,
                        "difference_fen": -600,
                    },
                ],
            },
            width_mm=58,
        )
    )
    assert z.cut and z.drawer_kicks == 0
    assert line_with(z.lines, "日结报表")
    assert line_with(z.lines, "实收营业额", "￥12,022.00")
    assert line_with(z.lines, "短款", "-￥6.00")
    refund = decode(render("card_refund", {"refund_fen": 321600, "tender": "cash"}))
    assert line_with(refund.lines, "退卡结算单")
    assert line_with(refund.lines, "现金", "￥3,216.00")
    test_page = decode(render("test_page", {"address": "network:10.0.0.9:9100"}, width_mm=58))
    assert "12345678901234567890123456789012" in test_page.lines
    with pytest.raises(ValueError):
        render("poster", {})
    with pytest.raises(ValueError):
        receipt_bytes(payload(), width_mm=76)
