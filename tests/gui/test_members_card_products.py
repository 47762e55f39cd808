"""The card-product editor: a manager creates a session pack, a stored-value card with a
bonus and a period card with caps; a counter worker needs the manager's PIN; a mistyped
number is a message and nothing is saved."""

from __future__ import annotations

from test_members_screen_privacy import counter_ctx

from salon_desk.booking.models import ServiceItem
from salon_desk.core.auth import Grant, Perm
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.card_product_dialog import CardProductDialog
from salon_desk.ui.members.card_products_dialog import CardProductsDialog


def add_services(ui_ctx: UiContext) -> tuple[int, int]:
    with ui_ctx.core.db.tx() as s:
        a = ServiceItem(
            code="F01", name_zh="深层清洁", category="facial", duration_min=60, price_fen=19800
        )
        b = ServiceItem(
            code="S01", name_zh="纤体塑形", category="body", duration_min=90, price_fen=38000
        )
        s.add_all([a, b])
        s.flush()
        return a.id, b.id


def test_create_three_kinds_and_edit_one(qtbot: object, ui_ctx: UiContext) -> None:
    facial, slim = add_services(ui_ctx)
    cards = ui_ctx.service(CardService)
    d = CardProductDialog(ui_ctx, None)
    qtbot.addWidget(d)  # type: ignore[attr-defined]
    d.code.setText("P10")
    d.name.setText("清洁10次卡")
    d.set_kind("sessions")
    d.price.setText("1500")
    d.sessions.setText("10")
    d.valid_days.setText("365")
    d.service_boxes[facial].setChecked(True)
    d.save()
    assert d.saved is not None and d.saved.sessions == 10 and d.saved.service_ids == (facial,)
    d = CardProductDialog(ui_ctx, None)
    qtbot.addWidget(d)  # type: ignore[attr-defined]
    d.kind_buttons["value"].click()
    assert not d.sessions.isEnabled() and d.bonus.isEnabled()
    d.code.setText("V5000")
    d.name.setText("储值5000送800")
    d.price.setFocus()
    for key in "5000":
        d.pad.press(key)  # the keypad types into the price
    d.bonus.setText("800")
    d.save()
    assert d.saved is not None and (d.saved.price, d.saved.bonus) == (Money(500000), Money(80000))
    d = CardProductDialog(ui_ctx, None)
    qtbot.addWidget(d)  # type: ignore[attr-defined]
    d.set_kind("period")
    d.category.setCurrentIndex(d.category.findData("quarter"))
    d.code.setText("Q1")
    d.name.setText("纤体季卡")
    d.price.setText("2680")
    d.valid_days.setText("90")
    d.from_first_use.setChecked(True)
    d.per_day.setText("1")
    d.per_week.setText("3")
    d.gap.setText("20")
    d.service_boxes[slim].setChecked(True)
    d.save()
    q = d.saved
    assert q is not None and q.category == "quarter" and q.from_first_use
    assert (q.per_day_cap, q.per_week_cap, q.min_gap_hours) == (1, 3, 20)
    listing = CardProductsDialog(ui_ctx)
    qtbot.addWidget(listing)  # type: ignore[attr-defined]
    names = [p.name for p in listing.model.rows()]
    assert sorted(names) == sorted(["清洁10次卡", "储值5000送800", "纤体季卡"])
    row = next(i for i, p in enumerate(listing.model.rows()) if p.code == "Q1")
    assert listing.model.data(listing.model.index(row, 2)) == "期限卡"
    assert listing.model.data(listing.model.index(row, 6)) == "首次使用起 90 天"
    e = CardProductDialog(ui_ctx, q)
    qtbot.addWidget(e)  # type: ignore[attr-defined]
    assert e.kind_buttons["period"].isChecked() and e.per_week.text() == "3"
    e.price.setText("2880")
    e.active.setChecked(False)
    e.save()
    assert e.saved is not None and e.saved.id == q.id and e.saved.price == Money(288000)
    assert sorted(p.code for p in cards.products()) == ["P10", "V5000"]


def test_bad_input_and_a_counter_needs_a_manager(
    qtbot: object, ui_ctx: UiContext, override: object
) -> None:
    facial, _slim = add_services(ui_ctx)
    cards = ui_ctx.service(CardService)
    d = CardProductDialog(ui_ctx, None)
    qtbot.addWidget(d)  # type: ignore[attr-defined]
    d.code.setText("P5")
    d.name.setText("五次卡")
    d.price.setText("abc")
    d.sessions.setText("5")
    d.service_boxes[facial].setChecked(True)
    d.save()
    assert d.saved is None and "abc" in d.message.text()
    d.price.setText("500")
    d.sessions.setText("五")
    d.save()
    assert d.saved is None and "整数" in d.message.text()
    d.sessions.setText("5")
    d.service_boxes[facial].setChecked(False)
    d.save()  # a session pack needs its services
    assert d.saved is None and ui_ctx.prompts.errors  # type: ignore[attr-defined]
    assert cards.products(active_only=False) == []
    d.service_boxes[facial].setChecked(True)
    manager = counter_ctx(ui_ctx)
    override.answers.append(Grant(manager.staff_id, manager.name, Perm.CATALOGUE_EDIT))  # type: ignore[attr-defined]
    d.save()
    assert override.asked == [Perm.CATALOGUE_EDIT]  # type: ignore[attr-defined]
    assert [p.code for p in cards.products()] == ["P5"]
