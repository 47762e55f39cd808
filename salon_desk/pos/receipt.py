"""The sales receipt (小票), laid out for a Chinese ESC/POS printer. Pure: a dict in,
printed lines or bytes out.

``receipt_lines(payload, width_mm=58|80, language="zh_CN")`` gives the :class:`Line` list
(what a preview shows); ``receipt_bytes(...)`` the bytes a printer receives (``ESC @``,
``FS &``, GBK text, ``GS !`` sizes, drawer kick on cash, cut). ``render(kind, payload,
...)`` picks the layout of a print job (``receipt``, ``card_refund``, ``z_report``,
``test_page``); the slips other than the receipt live in :mod:`receipt_slips`.

Payload of a receipt (a plain, JSON-safe dict; money in integer fen; every key but
``number`` and ``lines`` may be left out)::

    shop        {"name": str, "address": str, "phone": str}   # settings shop.*
    header      str, may hold several lines                   # setting receipt.header
    footer      str, may hold several lines                   # setting receipt.footer
    type        "sale" (default) or "refund"
    refund_of   receipt number the refund returns (type "refund")
    reason      why (type "refund")
    number      "20261128-0007"
    time        aware datetime or ISO-8601 text with offset; shown in ``tz``
    tz          shop time zone, e.g. "Asia/Shanghai"           # settings.tz()
    cashier     "小陈 (101)"
    member      {"name": str, "phone": str (masked here if it is not), "tier": str,
                 "number": str}
    lines       [{"name": str, "qty": int, "unit_fen": int, "discount_fen": int,
                  "amount_fen": int, "beautician": str (e.g. "07 小美"), "note": str}]
    subtotal_fen        int; default: the sum of the lines' amount_fen
    ticket_discounts    [{"label": str, "amount_fen": int (positive = taken off)}]
    vouchers            [{"label": str, "code": str, "amount_fen": int}]
    total_fen           int, the amount due
    payments    [{"tender": "cash" | "bank_card" | "wechat" | "alipay" | "stored_value"
                  | "session_card" | "voucher" (or any text), "amount_fen": int,
                  "reference": str}]
    cash_received_fen   int, what the customer handed over in cash
    change_fen          int
    cards       [{"name": str, "balance_fen": int, "sessions_left": int,
                  "expires": "2027-11-27"}]   # balances after this sale
    qr          text for a QR code under the footer
    reprint     true prints 重印 / REPRINT at the top and never opens the drawer

The drawer opens when a payment has tender ``cash`` (money in, or money back on a
refund) and the slip is not a reprint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from salon_desk.core.i18n import N_
from salon_desk.pos.receipt_layout import Line, Sheet, get, minus, shop_time, to_bytes, yuan
from salon_desk.pos.receipt_text import cells, mask_phone, pad_left, pad_right, printable

__all__ = ["Line", "opens_drawer", "receipt_bytes", "receipt_lines", "render"]


def receipt_lines(
    payload: Mapping[str, Any], *, width_mm: int = 80, language: str = "zh_CN"
) -> list[Line]:
    sheet = Sheet(width_mm, language)
    head(sheet, payload)
    refund = get(payload, "type", "sale") == "refund"
    sheet.title(sheet.t(N_("Refund")) if refund else sheet.t(N_("Sales receipt")), size=1)
    sheet.rule()
    sheet.field(N_("Receipt No."), get(payload, "number", ""))
    if refund:
        sheet.field(N_("Refund of"), get(payload, "refund_of", ""))
        sheet.field(N_("Reason"), get(payload, "reason", ""))
    sheet.field(N_("Time"), shop_time(payload.get("time"), payload.get("tz")))
    sheet.field(N_("Cashier"), get(payload, "cashier", ""))
    member_block(sheet, get(payload, "member", {}))
    sheet.rule()
    items(sheet, get(payload, "lines", []))
    sheet.rule()
    totals(sheet, payload)
    payments(sheet, payload)
    cards_block(sheet, get(payload, "cards", []))
    foot(sheet, payload)
    return sheet.lines


def head(sheet: Sheet, payload: Mapping[str, Any]) -> None:
    shop = get(payload, "shop", {})
    sheet.title(get(shop, "name", ""))
    sheet.centred(get(shop, "address", ""))
    if get(shop, "phone", ""):
        sheet.centred(f"{sheet.t(N_('Phone'))}{sheet.colon}{printable(shop['phone'])}")
    sheet.centred(get(payload, "header", ""))
    if payload.get("reprint"):
        sheet.title(f"** {sheet.t(N_('REPRINT'))} **")


def member_block(sheet: Sheet, member: Mapping[str, Any]) -> None:
    if not member:
        return
    parts = [printable(get(member, "name", "")), mask_phone(get(member, "phone", ""))]
    parts.append(printable(get(member, "tier", "")))
    sheet.field(N_("Member"), " ".join(p for p in parts if p))
    sheet.field(N_("Member No."), get(member, "number", ""))


def items(sheet: Sheet, lines: list[Mapping[str, Any]]) -> None:
    wide = sheet.columns >= 48
    qty_w, price_w = (5, 11) if wide else (5, 12)
    name_w = sheet.columns - qty_w - 2 * price_w
    if wide:
        header = (
            pad_right(sheet.t(N_("Item")), name_w)
            + pad_left(sheet.t(N_("Qty")), qty_w)
            + pad_left(sheet.t(N_("Unit price")), price_w)
            + pad_left(sheet.t(N_("Amount")), price_w)
        )
        sheet.add(header)
    for line in lines:
        name = printable(get(line, "name", "")).strip()
        numbers = (
            pad_left(str(get(line, "qty", 1)), qty_w)
            + pad_left(yuan(get(line, "unit_fen", 0)), price_w)
            + pad_left(yuan(get(line, "amount_fen", 0)), price_w)
        )
        if wide and cells(name) < name_w:
            sheet.add(pad_right(name, name_w) + numbers)
        else:
            sheet.text(name)
            sheet.add(" " * name_w + numbers)
        beautician = printable(get(line, "beautician", "")).strip()
        discount = int(get(line, "discount_fen", 0))
        left = f"  {sheet.t(N_('Beautician'))} {beautician}" if beautician else ""
        right = f"{sheet.t(N_('Discount'))} {minus(discount)}" if discount else ""
        if left or right:
            sheet.pair(left, right)
        if get(line, "note", ""):
            sheet.text(get(line, "note", ""), indent=2)


def totals(sheet: Sheet, payload: Mapping[str, Any]) -> None:
    discounts = get(payload, "ticket_discounts", [])
    vouchers = get(payload, "vouchers", [])
    lines = get(payload, "lines", [])
    if discounts or vouchers:
        subtotal = get(payload, "subtotal_fen", sum(int(get(x, "amount_fen", 0)) for x in lines))
        sheet.pair(sheet.t(N_("Subtotal")), yuan(subtotal))
    for d in discounts:
        label = printable(get(d, "label", "")) or sheet.t(N_("Ticket discount"))
        sheet.pair(label, minus(get(d, "amount_fen", 0)))
    for v in vouchers:
        label = printable(get(v, "label", "")) or sheet.t(N_("Voucher"))
        code = printable(get(v, "code", ""))
        sheet.pair(f"{label} {code}".strip(), minus(get(v, "amount_fen", 0)))
    sheet.rule("=")
    sheet.pair(sheet.t(N_("Total")), yuan(get(payload, "total_fen", 0)), tall=True)
    sheet.rule()


def payments(sheet: Sheet, payload: Mapping[str, Any]) -> None:
    for p in get(payload, "payments", []):
        label = sheet.tender(get(p, "tender", ""))
        reference = printable(get(p, "reference", "")).strip()
        if reference:
            label = f"{label} ({reference})"
        sheet.pair(label, yuan(get(p, "amount_fen", 0)))
    if payload.get("cash_received_fen") is not None:
        sheet.pair(sheet.t(N_("Cash received")), yuan(payload["cash_received_fen"]))
    if payload.get("change_fen") is not None:
        sheet.pair(sheet.t(N_("Change")), yuan(payload["change_fen"]), bold=True)


def cards_block(sheet: Sheet, cards: list[Mapping[str, Any]]) -> None:
    if not cards:
        return
    sheet.rule()
    sheet.text(sheet.t(N_("Card balances")), bold=True)
    for card in cards:
        details = []
        if card.get("sessions_left") is not None:
            details.append(sheet.t(N_("{n} sessions left"), n=card["sessions_left"]))
        if card.get("balance_fen") is not None:
            details.append(f"{sheet.t(N_('Balance'))} {yuan(card['balance_fen'])}")
        if card.get("expires"):
            details.append(sheet.t(N_("valid until {day}"), day=printable(card["expires"])))
        name = printable(get(card, "name", ""))
        if not details:
            sheet.text(name)
        for i, detail in enumerate(details):
            sheet.pair(name if i == 0 else "", detail)


def foot(sheet: Sheet, payload: Mapping[str, Any]) -> None:
    sheet.rule()
    sheet.centred(get(payload, "footer", ""))
    sheet.qr(get(payload, "qr", ""))


def opens_drawer(payload: Mapping[str, Any]) -> bool:
    if payload.get("reprint"):
        return False
    return any(
        get(p, "tender", "") == "cash" and int(get(p, "amount_fen", 0)) > 0
        for p in get(payload, "payments", [])
    )


def receipt_bytes(
    payload: Mapping[str, Any], *, width_mm: int = 80, language: str = "zh_CN"
) -> bytes:
    lines = receipt_lines(payload, width_mm=width_mm, language=language)
    return to_bytes(lines, drawer=opens_drawer(payload))


def render(
    kind: str,
    payload: Mapping[str, Any],
    *,
    width_mm: int = 80,
    language: str = "zh_CN",
    raster: bool = False,
) -> bytes:
    """The printer bytes of a print job of ``kind``: GBK text, or with ``raster`` the
    slip drawn as pictures for a printer without a Chinese font."""
    from salon_desk.pos import receipt_slips

    layouts = {
        "receipt": receipt_lines,
        "card_refund": receipt_slips.card_refund_lines,
        "z_report": receipt_slips.z_report_lines,
        "test_page": receipt_slips.test_page_lines,
    }
    if kind not in layouts:
        raise ValueError(f"unknown print job kind {kind!r}")
    lines = layouts[kind](payload, width_mm=width_mm, language=language)
    drawer = opens_drawer(payload) if kind == "receipt" else False
    if kind == "card_refund":
        drawer = get(payload, "tender", "") == "cash" and not payload.get("reprint")
    if raster:
        from salon_desk.pos.receipt_raster import raster_bytes

        return raster_bytes(lines, width_mm=width_mm, drawer=drawer)
    return to_bytes(lines, drawer=drawer)
