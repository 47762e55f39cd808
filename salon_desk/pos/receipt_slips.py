"""Slips other than the sales receipt: the card-refund settlement (退卡结算单), the X and Z
reports (交班/日结), and the printer test page. Pure, like :mod:`receipt`.

Card refund payload (money in fen)::

    shop, number, time, tz, cashier, reprint     as on a receipt
    member          {"name", "phone", "number"}
    card            {"name": str, "number": str}
    paid_fen        what the member paid for the card
    used_fen        value of what was used (sessions or stored value spent)
    sessions_used, sessions_total   int, for session cards
    fee_fen         handling fee kept by the shop
    refund_fen      money back
    tender, reference               how the money goes back
    reason, authorised_by           why, and the manager who allowed it

Z (or X) report payload::

    shop, number, time, tz, cashier, reprint
    report          "Z" (closing, numbered, final) or "X" (a look during the day)
    day             the business day, "2026-11-28"
    sales_count, refunds_count      int
    gross_fen, discounts_fen, refunds_fen, net_fen
    tenders         [{"tender", "count", "amount_fen", "card_refunds_fen", "expected_fen",
                      "counted_fen", "difference_fen", "by_terminal", "not_counted"}]
                    (card_refunds_fen: cards refunded by that method, not cash; the
                    expected amount is net of it)
    opening_float_fen, paid_in_fen, paid_out_fen, float_kept_fen, to_safe_fen
    card_refunds_fen  cash paid back for members' cards refunded (退卡); absent when none
    card_sales_fen, card_topups_fen, card_use_fen
    note
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from salon_desk.core.i18n import N_
from salon_desk.pos.receipt import head, member_block
from salon_desk.pos.receipt_layout import (
    COLUMNS,
    Line,
    Sheet,
    day_text,
    get,
    minus,
    shop_time,
    yuan,
)
from salon_desk.pos.receipt_text import printable


def _common(sheet: Sheet, payload: Mapping[str, Any], title: str) -> None:
    head(sheet, payload)
    sheet.title(title, size=1)
    sheet.rule()
    sheet.field(N_("Slip No."), get(payload, "number", ""))
    sheet.field(N_("Time"), shop_time(payload.get("time"), payload.get("tz")))
    sheet.field(N_("Cashier"), get(payload, "cashier", ""))


def card_refund_lines(
    payload: Mapping[str, Any], *, width_mm: int = 80, language: str = "zh_CN"
) -> list[Line]:
    sheet = Sheet(width_mm, language)
    _common(sheet, payload, sheet.t(N_("Card refund settlement")))
    sheet.field(N_("Authorised by"), get(payload, "authorised_by", ""))
    member_block(sheet, get(payload, "member", {}))
    card = get(payload, "card", {})
    sheet.field(
        N_("Card"), f"{printable(get(card, 'name', ''))} {printable(get(card, 'number', ''))}"
    )
    sheet.rule()
    sheet.pair(sheet.t(N_("Paid for the card")), yuan(get(payload, "paid_fen", 0)))
    if payload.get("sessions_total") is not None:
        used = sheet.t(
            N_("{used} of {total} sessions"),
            used=get(payload, "sessions_used", 0),
            total=payload["sessions_total"],
        )
        sheet.pair(sheet.t(N_("Used")), used)
    sheet.pair(sheet.t(N_("Value used")), minus(get(payload, "used_fen", 0)))
    if get(payload, "fee_fen", 0):
        sheet.pair(sheet.t(N_("Handling fee")), minus(payload["fee_fen"]))
    sheet.rule("=")
    sheet.pair(sheet.t(N_("Refund")), yuan(get(payload, "refund_fen", 0)), tall=True)
    label = sheet.tender(get(payload, "tender", ""))
    reference = printable(get(payload, "reference", "")).strip()
    sheet.pair(
        f"{label} ({reference})" if reference else label, yuan(get(payload, "refund_fen", 0))
    )
    sheet.field(N_("Reason"), get(payload, "reason", ""))
    sheet.rule()
    sheet.blank()
    sheet.text(sheet.t(N_("Member signature")) + sheet.colon)
    sheet.blank()
    sheet.text(sheet.t(N_("Handled by")) + sheet.colon)
    sheet.blank()
    return sheet.lines


def z_report_lines(
    payload: Mapping[str, Any], *, width_mm: int = 80, language: str = "zh_CN"
) -> list[Line]:
    sheet = Sheet(width_mm, language)
    final = str(get(payload, "report", "Z")).upper() == "Z"
    title = sheet.t(N_("Z report (day closed)")) if final else sheet.t(N_("X report"))
    _common(sheet, payload, title)
    sheet.field(N_("Business day"), day_text(get(payload, "day", "")))
    sheet.rule()
    counts = (
        (N_("Sales"), "sales_count"),
        (N_("Voids"), "voids_count"),
        (N_("Refunds"), "refunds_count"),
    )
    for label, key in counts:
        if payload.get(key) is not None:
            sheet.pair(sheet.t(label), str(payload[key]))
    figures = (
        (N_("Gross sales"), "gross_fen", False),
        (N_("Discounts"), "discounts_fen", True),
        (N_("Voids"), "voids_fen", True),
        (N_("Refunds"), "refunds_fen", True),
    )
    for label, key, negative in figures:
        if payload.get(key) is not None:
            sheet.pair(sheet.t(label), minus(payload[key]) if negative else yuan(payload[key]))
    if payload.get("net_fen") is not None:
        sheet.pair(sheet.t(N_("Net takings")), yuan(payload["net_fen"]), tall=True)
    tenders = get(payload, "tenders", [])
    if tenders:
        sheet.rule()
        sheet.text(sheet.t(N_("By tender")), bold=True)
    for t in tenders:
        label = sheet.tender(get(t, "tender", ""))
        if t.get("count") is not None:
            label = f"{label} x{t['count']}"
        sheet.pair(label, yuan(get(t, "amount_fen", 0)))
        if t.get("card_refunds_fen"):
            sheet.pair(f"  {sheet.t(N_('Card refunds paid back'))}", minus(t["card_refunds_fen"]))
        by_terminal = N_("Counted by terminal")
        counted_label = by_terminal if t.get("by_terminal") else N_("Counted in the drawer")
        for sub, key in ((N_("Expected"), "expected_fen"), (counted_label, "counted_fen")):
            if t.get(key) is not None:
                sheet.pair(f"  {sheet.t(sub)}", yuan(t[key]))
        if t.get("not_counted"):
            sheet.pair("  " + sheet.t(by_terminal), sheet.t(N_("Not counted")))
        if t.get("difference_fen") is not None:
            diff = int(t["difference_fen"])
            word = N_("Over") if diff > 0 else N_("Short") if diff < 0 else N_("Balanced")
            sheet.pair(f"  {sheet.t(word)}", yuan(diff), bold=diff != 0)
    cash = (
        (N_("Opening float"), "opening_float_fen"),
        (N_("Paid in"), "paid_in_fen"),
        (N_("Paid out"), "paid_out_fen"),
        (N_("Card refunds paid out"), "card_refunds_fen"),
        (N_("Float kept for tomorrow"), "float_kept_fen"),
        (N_("Takings to the safe"), "to_safe_fen"),
        (N_("Cards sold"), "card_sales_fen"),
        (N_("Card top-ups"), "card_topups_fen"),
        (N_("Card use"), "card_use_fen"),
    )
    shown = [(label, key) for label, key in cash if payload.get(key) is not None]
    if shown:
        sheet.rule()
    for label, key in shown:
        sheet.pair(sheet.t(label), yuan(payload[key]))
    if get(payload, "note", ""):
        sheet.rule()
        sheet.field(N_("Note"), payload["note"])
    sheet.rule()
    sheet.blank()
    sheet.text(sheet.t(N_("Cash counted by")) + sheet.colon)
    sheet.blank()
    return sheet.lines


def test_page_lines(
    payload: Mapping[str, Any], *, width_mm: int = 80, language: str = "zh_CN"
) -> list[Line]:
    """A page that shows at a glance whether Chinese, the width and the cutter work."""
    sheet = Sheet(width_mm, language)
    head(sheet, payload)
    sheet.title(sheet.t(N_("Printer test page")), size=1)
    sheet.rule()
    sheet.field(N_("Time"), shop_time(payload.get("time"), payload.get("tz")))
    sheet.field(N_("Printer"), get(payload, "address", ""))
    sheet.field(N_("Paper width"), f"{int(width_mm)} mm, {COLUMNS[int(width_mm)]}")
    sheet.rule()
    digits = "".join(str(i % 10) for i in range(1, sheet.columns + 1))
    sheet.add(digits)
    sheet.add("中" * (sheet.columns // 2))
    sheet.pair("美容院 护理卡 ·×①", "￥1,234.56")
    sheet.pair(sheet.t(N_("Total")), "￥8,888.00", tall=True)
    sheet.rule()
    sheet.centred(
        sheet.t(N_("If every line above ends at the same edge, the paper width is right."))
    )
    return sheet.lines
