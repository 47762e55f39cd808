"""A member's personal data: export (JSON and CSV) and erase, manager-only and audited;
after an erase the old name and phone are gone from the SQLite file itself."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_booking_book import build_shop as build_booking_shop
from test_pos_checkout import open_till

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.booking.models import Booking
from salon_desk.booking.queue_service import QueueService
from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Forbidden, Invalid
from salon_desk.core.money import Money
from salon_desk.members.card_models import CardLedger, CardSignature
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.models import Member, MemberSearchKey
from salon_desk.members.privacy_service import MemberPrivacyService
from salon_desk.members.record_models import TreatmentRecord
from salon_desk.members.record_service import RecordService
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.pos.cart import MemberRef, Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.models import Sale
from salon_desk.pos.print_models import PrintJob
from salon_desk.pos.rules import Tender

NAME, PHONE = "欧阳娜娜", "13987654321"
NOTE = "对花粉过敏，喜欢安静"


def member_with_history(core: Core, owner: Actor, *, book: bool = True) -> tuple[MemberRow, str]:
    """A member with a used and signed session card, a slimming record, a paid sale and
    (optionally) a booking under her phone. Returns the member and the sale number."""
    shop = build_booking_shop(core, owner)
    facial = shop.services["F01"]
    members, cards = MemberService(core), CardService(core)
    m = members.create(
        owner,
        MemberInput(name=NAME, phone=PHONE, gender="F", birthday=date(1990, 5, 6), notes=NOTE),
    )
    pack = cards.save_product(
        owner,
        CardProductInput(
            code="P3",
            name="补水3次卡",
            kind="sessions",
            category="pack",
            price=Money(60000),
            sessions=3,
            service_ids=(facial.id,),
        ),
    )
    card = cards.sell(owner, member_id=m.id, product_id=pack.id, price=Money(60000), sale_ref="C1")
    use = cards.use_sessions(
        owner, account_id=card.id, service_id=facial.id, sessions=1, sale_ref="C2"
    )
    cards.sign(owner, use.id, [[[1.0, 2.0], [30.0, 40.0], [60.0, 10.0]]])
    RecordService(core).add(
        owner,
        member_id=m.id,
        kind="slimming",
        day=date(2026, 11, 28),
        values={"weight": "61.5"},
        notes="腰围减少",
    )
    open_till(core, owner)
    t = Ticket()
    t.attach_member(MemberRef(m.id, m.name, m.tier_name, m.tier_bp))
    t.add("service", facial.id, facial.name_zh, facial.price, beautician_ids=(shop.staff["1"],))
    sale = CheckoutService(core).pay(owner, t, [Tender("cash", facial.price)], str(uuid.uuid4()))
    if book:
        BookingService(core).book(owner, shop.draft("2", 15, guest_name=NAME, guest_phone=PHONE))
    return m, sale.number


def test_export_holds_everything_and_needs_a_manager(
    core: Core, owner: Actor, counter: Actor, manager: Actor, tmp_path: Path
) -> None:
    m, sale_number = member_with_history(core, owner)
    privacy = MemberPrivacyService(core)
    with pytest.raises(Forbidden):
        privacy.export(counter, m.id)
    paths = privacy.export_to(manager, m.id, tmp_path)
    assert [p.name for p in paths] == [f"member-{m.number}.json", f"member-{m.number}.csv"]
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert data["profile"]["name"] == NAME and data["profile"]["phone"] == PHONE
    assert data["profile"]["birthday"] == "1990-05-06" and data["profile"]["notes"] == NOTE
    [card] = data["cards"]
    assert card["sessions_left"] == 2
    assert [(e["kind"], e["signed"]) for e in card["ledger"]] == [("sale", False), ("use", True)]
    assert data["treatment_records"][0]["measures"] == {"weight": 61.5}
    assert [s["number"] for s in data["sales"]] == [sale_number]
    assert [b["status"] for b in data["bookings"]] == ["booked"]
    raw = paths[1].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["section", "item", "field", "value"]
    assert ["profile", "", "name", NAME] in rows
    assert ["card_ledger", "1.2", "signed", "true"] in rows
    assert ["treatment_records", "1", "measures.weight", "61.5"] in rows
    assert ["sales", "1", "number", sale_number] in rows
    [entry] = audit.entries(core.db, action_prefix="member.export")
    assert entry.staff_id == manager.staff_id and entry.after == {"number": m.number}
    with pytest.raises(Invalid):
        privacy.export_to(manager, m.id, tmp_path / "missing")


def test_erase_removes_identity_keeps_sales_and_ledger(
    core: Core, owner: Actor, counter: Actor, manager: Actor
) -> None:
    m, sale_number = member_with_history(core, owner)
    privacy, cards = MemberPrivacyService(core), CardService(core)
    [card] = cards.accounts_for_member(m.id)
    with pytest.raises(Forbidden):
        privacy.erase(counter, m.id, "本人要求删除")
    with pytest.raises(Conflict) as active:
        privacy.erase(manager, m.id, "本人要求删除")
    assert card.number in active.value.params["cards"]
    with pytest.raises(Invalid):
        privacy.erase(manager, m.id, "  ")
    CardPayoutService(core).refund_card(manager, card.id, "本人要求删除", method="wechat")
    ledger_before = [(e.kind, e.sessions_after) for e in cards.ledger(card.id)]
    result = privacy.erase(manager, m.id, "本人要求删除")
    assert result.counts["signatures"] == 1 and result.counts["treatment_records"] == 1
    assert result.counts["sales"] == 1 and result.counts["bookings"] == 1
    assert result.vacuumed == (not core.db.is_sqlite)
    gone = MemberService(core).get(m.id)
    assert gone.erased and gone.name == "" and gone.phone is None and gone.birthday is None
    assert gone.notes == "" and gone.number == m.number
    assert MemberService(core).search(PHONE[-4:]) == []
    assert MemberService(core).search("oynn") == []
    with core.db.read() as s:
        assert s.scalar(select(func.count()).where(MemberSearchKey.member_id == m.id)) == 0
        assert s.scalar(select(func.count()).select_from(CardSignature)) == 0
        assert s.scalar(select(func.count()).select_from(TreatmentRecord)) == 0
        sale = s.scalars(select(Sale).where(Sale.number == sale_number)).one()
        assert sale.member_id == m.id and sale.member_name == "" and sale.total_fen > 0
        job = s.scalars(select(PrintJob).where(PrintJob.ref == sale_number)).one()
        assert "member" not in job.payload and job.payload["lines"]
        booking = s.scalars(select(Booking)).one()
        assert (booking.guest_name, booking.guest_phone) == ("", "")
        assert s.scalar(select(func.count()).select_from(CardLedger)) == len(ledger_before)
    assert [(e.kind, e.sessions_after) for e in cards.ledger(card.id)] == ledger_before
    last = audit.entries(core.db, object_type="member", object_id=m.id)[0]
    assert last.action == "member.erase" and last.reason == "本人要求删除"
    assert NAME not in json.dumps(last.after, ensure_ascii=False)
    with pytest.raises(Conflict):
        privacy.erase(manager, m.id, "再删一次")
    with pytest.raises(Conflict):
        privacy.export(manager, m.id)
    # The phone is free again for a new member.
    assert MemberService(core).create(owner, MemberInput(name="新会员", phone=PHONE)).id != m.id


def test_a_refused_erase_changes_nothing(core: Core, owner: Actor, manager: Actor) -> None:
    m, _sale = member_with_history(core, owner, book=False)
    privacy = MemberPrivacyService(core)
    with pytest.raises(Conflict):
        privacy.erase(manager, m.id, "本人要求删除")
    assert MemberService(core).get(m.id) == m
    assert [r.id for r in MemberService(core).search(PHONE)] == [m.id]
    with core.db.read() as s:
        assert s.scalar(select(func.count()).select_from(CardSignature)) == 1


def test_erased_bytes_are_gone_from_the_sqlite_file(sqlite_core: Core) -> None:
    """With her bookings and calls: the audit log, which can never be edited, names
    bookings and calls by number and the member by id, never by name or phone."""
    core = sqlite_core
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    m, _sale = member_with_history(core, owner, book=True)
    calls = CallsService(core)
    calls.plan(owner, due_day=calls.today(), name=NAME, phone=PHONE, purpose="promotion")
    facial = CatalogueService(core).list()[0]
    QueueService(core).add(owner, name=NAME, phone=PHONE, service_id=facial.id)
    path = core.db.sqlite_path
    assert path is not None
    with core.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def stored() -> bytes:
        wal = path.with_name(path.name + "-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    secrets = [NAME.encode(), PHONE.encode(), NOTE.encode(), b"ouyangnana", "腰围减少".encode()]
    before = stored()
    assert all(secret in before for secret in secrets)
    [card] = CardService(core).accounts_for_member(m.id)
    CardPayoutService(core).refund_card(owner, card.id, "本人要求删除", method="wechat")
    result = MemberPrivacyService(core).erase(owner, m.id, "本人要求删除")
    assert result.wal_truncated
    after = stored()
    assert [s for s in secrets if s in after] == []
    with core.db.read() as s:
        assert s.get(Member, m.id) is not None
