"""The Z report slip's payload: what the receipt printer prints at closing."""

from __future__ import annotations

from typing import Any

from salon_desk.core.money import Money
from salon_desk.core.settings import SettingsService
from salon_desk.pos.rows import ZReportRow
from salon_desk.pos.sale_read import shop_payload


def z_data(z: ZReportRow, settings: SettingsService) -> dict[str, Any]:
    """The Z report slip: the frozen figures, counted against expected, float and safe."""
    f = z.figures
    counted = {m.method: m for m in z.methods}
    tenders = []
    for kind in [*f.by_tender, *(m for m in counted if m not in f.by_tender)]:
        amount = f.by_tender.get(kind, Money(0))
        method = counted.get(kind)
        paid_back = f.card_payouts.get(kind, Money(0))
        if (
            not amount
            and not paid_back
            and kind != "cash"
            and (method is None or not method.counted)
        ):
            continue
        row: dict[str, Any] = {"tender": kind, "amount_fen": amount.fen}
        if paid_back:
            row["card_refunds_fen"] = paid_back.fen
        if kind == "cash":
            row.update(
                expected_fen=z.expected.fen,
                counted_fen=z.counted.fen,
                difference_fen=z.over_short.fen,
            )
        elif method is not None and method.counted is not None and method.over_short is not None:
            row.update(
                expected_fen=method.expected.fen,
                counted_fen=method.counted.fen,
                difference_fen=method.over_short.fen,
                by_terminal=True,
            )
        elif method is not None:
            row.update(not_counted=True)
        tenders.append(row)
    return {
        **shop_payload(settings),
        "report": "Z",
        "number": z.number,
        "time": z.at.isoformat(),
        "cashier": z.staff_name,
        "day": z.day.isoformat(),
        "sales_count": f.sales,
        "voids_count": f.voids,
        "refunds_count": f.refunds_only,
        "gross_fen": f.gross.fen,
        "discounts_fen": f.discounts.fen,
        "voids_fen": f.voided.fen,
        "refunds_fen": f.refunded_only.fen,
        "net_fen": f.net.fen,
        "tenders": tenders,
        "opening_float_fen": f.opening_float.fen,
        "paid_in_fen": f.paid_in.fen,
        "paid_out_fen": f.paid_out.fen,
        "card_refunds_fen": f.card_refunds_paid.fen if f.card_refunds_paid else None,
        "float_kept_fen": z.kept_float.fen,
        "to_safe_fen": z.to_safe.fen,
        # money received for cards, apart from what was taken from cards
        "card_sales_fen": f.cards_sold_value.fen,
        "card_topups_fen": f.top_ups_value.fen,
        "card_use_fen": (f.by_tender.get("stored_value", Money(0)) + f.sessions_value).fen,
        "note": "\n".join(x for x in (z.note, z.handover) if x),
    }
