"""The Z report as an A4 PDF: a day with cash, split, card, stored-value and session-card
sales, a void, a refund, paid in and out and a short drawer is closed; the PDF's text
(read back with pdftotext) holds the figures an independent SQL query over the day's rows
gives, row by row, and the Z row in the database agrees with the same query."""

from __future__ import annotations

import re
import subprocess
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from escpos_decode import decode
from sqlalchemy import text
from test_pos_card_lines import year_pack
from test_pos_checkout import Shop, make_shop, open_till, ticket
from test_pos_members import member_with_cards

from salon_desk.cli import main
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import NotFound
from salon_desk.core.i18n import _
from salon_desk.core.models import AuditEntry
from salon_desk.core.money import Money
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.z_report import ZReportPdf

COUNTS = {10000: 9, 5000: 1, 1000: 3}  # ¥980.00: 4 fen short of what the day expects


def key() -> str:
    return str(uuid.uuid4())


def trade_a_day(core: Core, owner: Actor, manager: Actor, counter: Actor, shop: Shop) -> None:
    m, pack, value = member_with_cards(core, owner, shop)  # 金卡 12 %, ¥100 stored
    pack20 = year_pack(core, owner, shop)
    open_till(core, counter, 50000)
    pay = CheckoutService(core).pay
    pay(counter, ticket(shop, counter), [Tender("cash", Money(50000))], key())  # ¥456, ¥44 change
    t = Ticket()  # a treatment from the session card and a serum, stored value and cash
    t.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
    t.add("service", shop.facial, "深层补水", Money(28800))
    t.add("product", shop.serum, "玻尿酸精华", Money(15800))
    t.use_card(1, pack.id, "补水10次卡")
    pay(
        counter,
        t,
        [Tender("stored_value", Money(10000), account_id=value.id), Tender("cash", Money(5000))],
        key(),
    )
    card = Ticket()
    card.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
    card.add("card_sale", pack20, "补水20次卡", Money(360000), seller_id=counter.staff_id)
    card.add("top_up", value.id, "储值卡", Money(50000), bonus=Money(2000))
    pay(counter, card, [Tender("bank_card", Money(410000), "6222-9")], key())
    voided = pay(counter, ticket(shop, counter), [Tender("alipay", Money(45600), "2088-1")], key())
    RefundService(core).void(manager, voided.number, "录错了")
    back = pay(counter, ticket(shop, counter), [Tender("wechat", Money(45600), "wx-7")], key())
    serum = next(ln for ln in back.lines if ln.kind == "product")
    RefundService(core).refund(manager, back.number, {serum.id: 1}, "过敏")
    till = TillService(core)
    till.paid_in(counter, Money(2000), "找零补充")
    till.paid_out(manager, Money(3500), "买鲜花")
    till.no_sale(manager, "换零钱")


def independent_figures(core: Core, day: date) -> dict[str, Any]:
    """The day's figures straight from the rows, without the service."""
    with core.db.read() as s:

        def one(sql: str) -> Any:
            return s.execute(text(sql), {"d": day}).one()

        def pairs(sql: str) -> dict[str, int]:
            return {k: int(v) for k, v in s.execute(text(sql), {"d": day}).all()}

        paid = pairs(
            "SELECT p.tender, SUM(p.amount_fen) FROM pos_payment p "
            "JOIN pos_sale s ON s.id = p.sale_id WHERE s.day = :d GROUP BY p.tender"
        )
        back = pairs(
            "SELECT rp.tender, SUM(rp.amount_fen) FROM pos_refund_payment rp "
            "JOIN pos_refund r ON r.id = rp.refund_id WHERE r.day = :d GROUP BY rp.tender"
        )
        tickets, total, gross = one(
            "SELECT COUNT(*), SUM(total_fen), SUM(subtotal_fen) FROM pos_sale WHERE day = :d"
        )
        refunds = {
            k: (int(n), int(v))
            for k, n, v in s.execute(
                text(
                    "SELECT kind, COUNT(*), SUM(total_fen) FROM pos_refund WHERE day = :d "
                    "GROUP BY kind"
                ),
                {"d": day},
            ).all()
        }
        (opening,) = one("SELECT float_fen FROM pos_till_open WHERE day = :d")
        events = pairs(
            "SELECT kind, COALESCE(SUM(amount_fen), 0) FROM pos_cash_event WHERE day = :d "
            "GROUP BY kind"
        )
        lines = {
            k: (int(n), int(q), int(net), int(listed), int(bonus))
            for k, n, q, net, listed, bonus in s.execute(
                text(
                    "SELECT CASE WHEN l.kind = 'service' THEN 'session' ELSE l.kind END, "
                    "COUNT(*), SUM(l.qty), SUM(l.net_fen), SUM(l.list_fen), SUM(l.bonus_fen) "
                    "FROM pos_sale_line l JOIN pos_sale s ON s.id = l.sale_id "
                    "WHERE s.day = :d AND (l.kind IN ('card_sale', 'top_up') "
                    "OR (l.kind = 'service' AND l.card_account_id IS NOT NULL)) "
                    "GROUP BY CASE WHEN l.kind = 'service' THEN 'session' ELSE l.kind END"
                ),
                {"d": day},
            ).all()
        }
    cash = paid.get("cash", 0) - back.get("cash", 0)
    expected = opening + cash + events.get("paid_in", 0) - events.get("paid_out", 0)
    return {
        "paid": paid,
        "back": back,
        "tickets": int(tickets),
        "total": int(total),
        "gross": int(gross),
        "voids": refunds.get("void", (0, 0)),
        "refunds": refunds.get("refund", (0, 0)),
        "opening": int(opening),
        "paid_in": events.get("paid_in", 0),
        "paid_out": events.get("paid_out", 0),
        "expected": expected,
        "lines": lines,
    }


def money(fen: int) -> str:
    return Money(fen).format("")


def row(pdf_text: str, label: str) -> list[str]:
    """The figures on the first line of the PDF that starts with ``label``."""
    for line in pdf_text.splitlines():
        found = re.match(rf"\s*{re.escape(label)}\s{{2,}}(.*)$", line)
        if found:
            return found.group(1).split()
    raise AssertionError(f"no row {label!r} in:\n{pdf_text}")


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_z_pdf_holds_the_figures_an_independent_query_gives(
    core: Core, owner: Actor, manager: Actor, counter: Actor, tmp_path: Path
) -> None:
    shop = make_shop(core, owner)
    trade_a_day(core, owner, manager, counter, shop)
    till = TillService(core)
    day = till.today()
    with pytest.raises(NotFound):  # not closed yet: there is no Z to print
        ZReportPdf(core).save(counter, day, tmp_path / "early.pdf")
    counted = sum(d * n for d, n in COUNTS.items())
    z = till.close_day(
        counter, COUNTS, kept_float=Money(50000), note="少了零钱", handover="明早核对微信账单"
    )
    want = independent_figures(core, day)
    assert want["tickets"] == 5 and want["voids"][0] == 1 and want["refunds"][0] == 1
    # the Z row in the database agrees with the independent query
    with core.db.read() as s:
        stored = s.execute(
            text(
                "SELECT counted_fen, expected_fen, over_short_fen, kept_float_fen, to_safe_fen "
                "FROM pos_z_report WHERE day = :d"
            ),
            {"d": day},
        ).one()
    assert tuple(stored) == (
        counted,
        want["expected"],
        counted - want["expected"],
        50000,
        counted - 50000,
    )
    assert counted - want["expected"] == -4  # the drawer is 4 fen short

    out = ZReportPdf(core).save(counter, day, tmp_path / "z.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    got = pdf_text(out)
    assert z.number in got and "明早核对微信账单" in got and "少了零钱" in got
    # sales, discounts, refunds and voids
    assert row(got, _("Tickets paid")) == [str(want["tickets"]), money(want["total"])]
    assert row(got, _("List price before discounts")) == [money(want["gross"])]
    assert row(got, _("Voids")) == [str(want["voids"][0]), money(-want["voids"][1])]
    assert row(got, _("Refunds")) == [str(want["refunds"][0]), money(-want["refunds"][1])]
    net = want["total"] - want["voids"][1] - want["refunds"][1]
    assert row(got, _("Takings less refunds and voids")) == [money(net)]
    # takings by payment method: money in, paid back, net
    labels = {"cash": "Cash", "bank_card": "Bank card", "wechat": "WeChat Pay"}
    labels |= {"alipay": "Alipay", "stored_value": "Stored value"}
    for tender, label in labels.items():
        p, b = want["paid"].get(tender, 0), want["back"].get(tender, 0)
        assert row(got, _(label)) == [money(p), money(b), money(p - b)], tender
    assert row(got, _("Total"))[:3] == [
        money(sum(want["paid"].values())),
        money(sum(want["back"].values())),
        money(sum(want["paid"].values()) - sum(want["back"].values())),
    ]
    # the cash in the drawer
    cash = want["paid"]["cash"] - want["back"].get("cash", 0)
    assert row(got, _("Opening float")) == [money(want["opening"])]
    assert row(got, _("Cash takings (net)")) == [money(cash)]
    assert row(got, _("Paid in")) == [money(want["paid_in"])]
    assert row(got, _("Paid out")) == [money(-want["paid_out"])]
    assert row(got, _("Cash expected in the drawer")) == [money(want["expected"])]
    assert row(got, _("Cash counted")) == [money(counted)]
    assert row(got, _("Over (+) or short (-)")) == [money(counted - want["expected"])]
    assert row(got, _("Float kept for tomorrow")) == [money(50000)]
    assert row(got, _("Takings to the safe")) == [money(counted - 50000)]
    assert row(got, "¥100.00") == ["9", money(90000)]
    # cards: money received for them apart from cards used
    lines = want["lines"]
    assert row(got, _("Cards sold (开卡)")) == [str(lines["card_sale"][0]), money(360000)]
    assert row(got, _("Top-ups (充值)")) == [str(lines["top_up"][0]), money(lines["top_up"][2])]
    assert row(got, _("Stored value given on top (赠送), not money")) == [money(2000)]
    assert row(got, _("Paid from stored value (card use, no money in)")) == [
        money(want["paid"]["stored_value"])
    ]
    assert row(got, _("Treatments from session cards (card use, at list price)")) == [
        str(lines["session"][1]),
        money(lines["session"][3]),
    ]
    with core.db.read() as s:
        entry = s.query(AuditEntry).filter(AuditEntry.action == "report.save").one()
        assert entry.object_id == "z" and entry.after["z"] == z.number
    # the Z slip of the receipt printer carries the same figures
    slip = decode(PrintQueue(core).printer_bytes(ref=z.number, kind="z_report", reprint=False))

    def on_slip(label: str) -> str:
        found = [ln.split()[-1] for ln in slip.lines if ln.strip().startswith(label)]
        assert found, (label, slip.lines)
        return found[0]

    def yuan(fen: int) -> str:
        return Money(fen).format("￥")

    assert on_slip(_("Sales")) == str(want["tickets"])
    assert on_slip(_("Net takings")) == yuan(net)
    assert [ln.split()[-1] for ln in slip.lines if ln.strip().startswith(_("Voids"))] == [
        str(want["voids"][0]),
        "-" + yuan(want["voids"][1]),
    ]
    assert [ln.split()[-1] for ln in slip.lines if ln.strip().startswith(_("Refunds"))] == [
        str(want["refunds"][0]),
        "-" + yuan(want["refunds"][1]),
    ]
    assert on_slip(_("Expected")) == yuan(want["expected"])
    assert on_slip(_("Counted in the drawer")) == yuan(counted)
    assert on_slip(_("Short")) == yuan(counted - want["expected"])
    assert on_slip(_("Takings to the safe")) == yuan(counted - 50000)
    assert on_slip(_("Cards sold")) == yuan(360000)
    assert on_slip(_("Card top-ups")) == yuan(lines["top_up"][2])
    assert on_slip(_("Card use")) == yuan(want["paid"]["stored_value"] + lines["session"][3])


def test_the_command_line_writes_the_last_closed_z(
    core: Core, counter: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if core.db.sqlite_path is None:
        pytest.skip("the command line opens a database file")
    url = f"sqlite:///{core.db.sqlite_path}"
    # nothing closed yet: a message, no file
    assert main(["--db", url, "report", "z", "--out", str(tmp_path / "none.pdf")]) != 0
    assert _("No day has been closed yet.") in capsys.readouterr().err
    assert not (tmp_path / "none.pdf").exists()
    open_till(core, counter)
    z = TillService(core).close_day(counter, {10000: 5}, kept_float=Money(30000))
    assert main(["--db", url, "report", "z", "--out", str(tmp_path / "z.pdf")]) == 0
    got = pdf_text(tmp_path / "z.pdf")
    assert z.number in got
    assert row(got, _("Takings to the safe")) == [money(20000)]
    assert row(got, _("Cash counted")) == [money(50000)]
