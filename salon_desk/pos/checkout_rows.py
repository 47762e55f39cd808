"""The rows of a new sale, built whole before anything is written: the sale with its
lines, the beauticians of each line, its payments and the vouchers it uses, as plain
objects (:mod:`salon_desk.pos.new_sale`) that :func:`insert_sale_in` writes with plain
INSERT statements (built once), one per table, on the transaction's connection: the unit
of work's bookkeeping cost more than the inserts themselves (2.5 ms of CPU for a ticket
of three lines), and so did building ORM objects only to read their attributes back.
Also what the receipt says about the member's cards after the sale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from salon_desk.core import direct
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardAccountRow
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_load import Loaded
from salon_desk.pos.models import Payment, Sale, SaleLine, SaleLineBeautician, VoucherUse
from salon_desk.pos.new_sale import (
    LINE_COLUMNS,
    PAYMENT_COLUMNS,
    SALE_COLUMNS,
    VOUCHER_COLUMNS,
    NewLine,
    NewPayment,
    NewSale,
    NewVoucher,
)
from salon_desk.pos.rules import Priced, Settlement, Tender
from salon_desk.pos.sale_read import ReceiptCard


def new_sale(
    ticket: Ticket,
    priced: Priced,
    payments: list[Tender],
    settlement: Settlement,
    loaded: Loaded,
    *,
    number: str,
    key: str,
    day: date,
    at: datetime,
    staff_id: int,
) -> NewSale:
    sale = NewSale(
        number=number,
        idempotency_key=key,
        day=day,
        at=at,
        staff_id=staff_id,
        member_id=ticket.member.id if ticket.member else None,
        member_name=ticket.member.name if ticket.member else "",
        member_tier_bp=ticket.member_bp,
        subtotal_fen=priced.subtotal.fen,
        member_discount_fen=priced.member_discount.fen,
        line_discount_fen=priced.line_discount.fen,
        ticket_discount_fen=priced.ticket_discount.fen,
        ticket_discount_bp=ticket.discount_bp,
        ticket_discount_by=ticket.discount_by,
        total_fen=priced.total.fen,
        received_fen=settlement.received.fen,
        change_fen=settlement.change.fen,
    )
    for seq, (line, p) in enumerate(zip(ticket.lines, priced.lines, strict=True), start=1):
        sale.lines.append(
            NewLine(
                seq=seq,
                kind=line.kind,
                service_id=line.item_id if line.kind == "service" else None,
                product_id=line.item_id if line.kind == "product" else None,
                name=line.name,
                unit_price_fen=line.unit_price.fen,
                qty=line.qty,
                list_fen=p.list_value.fen,
                gross_fen=p.gross.fen,
                member_discount_fen=p.member_discount.fen,
                line_discount_fen=p.line_discount.fen,
                ticket_share_fen=p.ticket_share.fen,
                net_fen=p.net.fen,
                discount_bp=line.discount_bp,
                discount_fen=line.discount.fen,
                discount_by=line.discount_by,
                gift=line.gift,
                trial_code=line.trial_code,
                seller_id=line.seller_id,
                card_product_id=line.item_id if line.kind == "card_sale" else None,
                card_account_id=(line.item_id if line.kind == "top_up" else line.card_account_id),
                bonus_fen=line.bonus.fen,
                beauticians=sorted(set(line.beautician_ids)),
            )
        )
        if line.trial_code:
            sale.vouchers.append(NewVoucher(code=line.trial_code, kind="trial", at=at))
    for seq, (t, applied) in enumerate(zip(payments, settlement.applied, strict=True), 1):
        ref = (t.reference or "").strip()
        if t.kind == "voucher":
            sale.vouchers.append(NewVoucher(code=ref, kind="cash", at=at))
        if t.kind == "stored_value" and t.account_id is not None:
            ref = loaded.cards[t.account_id].number
        sale.payments.append(
            NewPayment(
                seq=seq,
                tender=t.kind,
                amount_fen=applied.fen,
                received_fen=t.amount.fen,
                reference=ref,
            )
        )
    return sale


def insert_sale_in(s: Session, sale: NewSale) -> None:
    """Write a sale built by :func:`new_sale` and give it and its lines their ids."""
    sale.id = direct.scalar_one(s, _INSERT_SALE, _values(sale, SALE_COLUMNS))
    # the lines in one statement; the ids come back in no promised order: matched by seq
    for line in sale.lines:
        line.sale_id = sale.id
    names = _line_names(len(sale.lines))
    values = {
        name: getattr(line, column)
        for line, pairs in zip(sale.lines, names, strict=True)
        for column, name in pairs
    }
    ids: dict[int, int] = dict(direct.rows(s, _insert_lines(len(sale.lines)), values))
    beauticians = []
    for line in sale.lines:
        line.id = ids[line.seq]
        beauticians += [{"line_id": line.id, "staff_id": b} for b in line.beauticians]
    for rows, stmt in (
        (beauticians, _INSERT_BEAUTICIAN),
        (_children(sale, sale.payments, PAYMENT_COLUMNS), _INSERT_PAYMENT),
        (_children(sale, sale.vouchers, VOUCHER_COLUMNS), _INSERT_VOUCHER),
    ):
        if rows:
            direct.rows(s, stmt, rows)


def _values(obj: object, columns: tuple[str, ...]) -> dict[str, Any]:
    return {c: getattr(obj, c) for c in columns}


def _children(
    sale: NewSale, rows: Sequence[NewLine | NewPayment | NewVoucher], columns: tuple[str, ...]
) -> list[dict[str, Any]]:
    for row in rows:
        row.sale_id = sale.id
    return [_values(row, columns) for row in rows]


_INSERT_SALE = insert(Sale).returning(Sale.id)
_INSERT_LINES: dict[int, ReturningInsert[int, int]] = {}


def _insert_lines(n: int) -> ReturningInsert[int, int]:
    """The INSERT of ``n`` lines at once (``seq_0``, ``name_0``, … ``seq_1`` …), built once
    per number of lines."""
    stmt = _INSERT_LINES.get(n)
    if stmt is None:
        types = {c.name: c.type for c in SaleLine.__table__.columns}
        rows = [{c: bindparam(f"{c}_{i}", type_=types[c]) for c in LINE_COLUMNS} for i in range(n)]
        stmt = _INSERT_LINES[n] = insert(SaleLine).values(rows).returning(SaleLine.seq, SaleLine.id)
    return stmt


def _line_names(n: int) -> tuple[tuple[tuple[str, str], ...], ...]:
    """For each of ``n`` lines, its columns with the names of their parameters in
    :func:`_insert_lines` (``seq_0`` …), made once per number of lines."""
    names = _LINE_NAMES.get(n)
    if names is None:
        names = _LINE_NAMES[n] = tuple(
            tuple((c, f"{c}_{i}") for c in LINE_COLUMNS) for i in range(n)
        )
    return names


_LINE_NAMES: dict[int, tuple[tuple[tuple[str, str], ...], ...]] = {}
_INSERT_BEAUTICIAN = insert(SaleLineBeautician)
_INSERT_PAYMENT = insert(Payment)
_INSERT_VOUCHER = insert(VoucherUse)


def beauticians_of(sale: NewSale) -> dict[int, list[int]]:
    """The staff ids of each line of a sale built by :func:`new_sale`, once written."""
    return {ln.id: ln.beauticians for ln in sale.lines}


def receipt_cards(
    loaded: Loaded, touched: Iterable[int], sold: Mapping[int, CardAccountRow]
) -> list[ReceiptCard]:
    """The cards a sale used, topped up or sold, as they stand after it: ``touched`` in
    order (repeats once), the cards sold by the sale in ``sold``."""
    out = []
    for card_id in dict.fromkeys(touched):
        if card_id in sold:
            row = sold[card_id]
            out.append(
                ReceiptCard(
                    row.id,
                    f"{row.product_name} {row.number}",
                    row.kind,
                    row.value,
                    row.sessions_left,
                    row.expires_on,
                )
            )
            continue
        acct = loaded.cards[card_id]
        product = loaded.card_products[acct.product_id]
        out.append(
            ReceiptCard(
                acct.id,
                f"{product.name} {acct.number}",
                acct.kind,
                Money(acct.principal_fen + acct.bonus_fen),
                acct.sessions_left,
                acct.expires_on,
            )
        )
    return out
