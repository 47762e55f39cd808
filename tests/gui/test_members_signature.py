"""The signature pad: strokes drawn with the mouse (a finger arrives as the same events)
become a picture; using a card from the members desk stores it with the ledger entry,
and nothing is taken without a signature."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from test_members_tab import make_members

from salon_desk.booking.models import ServiceItem
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.card_use_service import CardUseService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.card_use_dialog import CardUseDialog
from salon_desk.ui.members.signature_pad import SignaturePad


def draw(qtbot: object, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(pad, left, pos=QPoint(*points[0]))  # type: ignore[attr-defined]
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))  # type: ignore[attr-defined]
    qtbot.mouseRelease(pad, left, pos=QPoint(*points[-1]))  # type: ignore[attr-defined]


def ink(png: bytes) -> int:
    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    white = image.pixel(0, 0)
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixel(x, y) != white
    )


def test_drawing_makes_a_picture(qtbot: object, qapp: object) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)  # type: ignore[attr-defined]
    pad.resize(600, 240)
    assert pad.is_empty() and pad.png_bytes() == b""
    draw(qtbot, pad, [(40, 150), (80, 60), (120, 160), (160, 70), (200, 150)])
    draw(qtbot, pad, [(260, 100), (420, 110)])
    strokes = pad.strokes()
    assert len(strokes) == 2 and len(strokes[0]) == 5 and strokes[1][-1] == [420.0, 110.0]
    png = pad.png_bytes()
    assert png.startswith(b"\x89PNG") and ink(png) > 100
    pad.clear()
    assert pad.is_empty() and pad.png_bytes() == b""


def test_a_card_use_is_signed_and_the_signature_stored(qtbot: object, ui_ctx: UiContext) -> None:
    ids = make_members(ui_ctx)
    with ui_ctx.core.db.tx() as s:
        item = ServiceItem(
            code="F01", name_zh="深层清洁", category="facial", duration_min=60, price_fen=19800
        )
        s.add(item)
        s.flush()
        facial = item.id
    cards = ui_ctx.service(CardService)
    pack = cards.save_product(
        ui_ctx.actor,
        CardProductInput(
            code="P10",
            name="清洁10次卡",
            kind="sessions",
            category="pack",
            price=Money(150000),
            sessions=10,
            service_ids=(facial,),
        ),
    )
    card = cards.sell(
        ui_ctx.actor, member_id=ids[0], product_id=pack.id, price=Money(150000), sale_ref="S1"
    )
    dialog = CardUseDialog(ui_ctx, card)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    qtbot.waitExposed(dialog)  # type: ignore[attr-defined]
    assert dialog.service is not None and dialog.service.id == facial  # the only service
    assert not dialog.confirm_button.isEnabled()  # not signed yet
    dialog.more_button.click()
    assert "× 2" in dialog.what.text()
    draw(qtbot, dialog.pad, [(30, 120), (90, 40), (150, 130), (210, 50)])
    assert dialog.confirm_button.isEnabled()
    png = dialog.pad.png_bytes()
    dialog.confirm_button.click()
    assert dialog.saved is not None and dialog.saved.signed
    assert cards.account(card.id).sessions_left == 8
    [sale, use] = cards.ledger(card.id)
    assert use.kind == "use" and use.signed and use.sale_ref == "20261128-0001"
    stored = ui_ctx.service(CardUseService).signature(use.id)
    assert stored is not None and stored.png == png and ink(stored.png) > 50
    assert json.loads(stored.strokes)[0][0] == [30.0, 120.0]
    assert ui_ctx.service(CardUseService).signature(sale.id) is None


def test_no_signature_takes_nothing(qtbot: object, ui_ctx: UiContext) -> None:
    ids = make_members(ui_ctx)
    cards = ui_ctx.service(CardService)
    value = cards.save_product(
        ui_ctx.actor,
        CardProductInput(
            code="V1", name="储值卡", kind="value", category="value", price=Money(100000)
        ),
    )
    card = cards.sell(
        ui_ctx.actor, member_id=ids[0], product_id=value.id, price=Money(100000), sale_ref="S1"
    )
    with ui_ctx.core.db.tx() as s:
        s.add(
            ServiceItem(
                code="F01", name_zh="深层清洁", category="facial", duration_min=60, price_fen=19800
            )
        )
    uses = ui_ctx.service(CardUseService)
    [choice] = uses.services_for(card.id)
    ui_ctx.guard(None, uses.use, account_id=card.id, service_id=choice.id, strokes=[])
    assert ui_ctx.prompts.errors == ["请在屏幕上签名。"]  # type: ignore[attr-defined]
    assert cards.account(card.id).value == Money(100000)
    done = uses.use(
        ui_ctx.actor,
        account_id=card.id,
        service_id=choice.id,
        strokes=[[[1, 1], [5, 5]]],
        amount=Money(19800),
    )
    assert done.signed and done.service_id == choice.id
    assert cards.account(card.id).value == Money(100000 - 19800)
