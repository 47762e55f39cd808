"""Rows of the permission matrix: members, their profiles and cards."""

from __future__ import annotations

from datetime import timedelta

from permission_sites import Call, site
from salon_world import World

from salon_desk.core.auth import Actor, Perm
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.card_use_service import CardUseService
from salon_desk.members.import_service import MemberImportService
from salon_desk.members.privacy_service import MemberPrivacyService
from salon_desk.members.record_service import RecordService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.card_payout import CardPayoutService


@site("members/service.py", "MemberService.create_in", Perm.MEMBER_EDIT)
def _member_create(w: World) -> Call:
    def call(a: Actor) -> object:
        k = w.n()
        return MemberService(w.core).create(a, MemberInput(f"新客{k}", f"136{k:08d}"))

    return call


@site("members/service.py", "MemberService.update", Perm.MEMBER_EDIT)
def _member_update(w: World) -> Call:
    m = w.member()
    return lambda a: MemberService(w.core).update(
        a, m.id, MemberInput(m.name, m.phone or "", notes=f"改过{w.n()}")
    )


@site("members/service.py", "MemberService._check_level", Perm.MEMBER_LEVEL, Perm.MEMBER_EDIT)
def _member_level(w: World) -> Call:
    m = w.member()
    tier = MemberService(w.core).save_tier(w.owner, name=f"白金{w.n()}", discount_bp=1500)
    return lambda a: MemberService(w.core).update(
        a, m.id, MemberInput(m.name, m.phone or "", tier_id=tier.id)
    )


# --- members and cards -----------------------------------------------------------------------
@site("members/card_service.py", "CardService.save_product", Perm.CATALOGUE_EDIT)
def _card_product(w: World) -> Call:
    def call(a: Actor) -> object:
        k = w.n()
        data = CardProductInput(code=f"C{k}", name=f"储值卡{k}", kind="value",
                                category="value", price=Money(100000))  # fmt: skip
        return CardService(w.core).save_product(a, data)

    return call


@site("members/card_service.py", "CardService.sell", Perm.SELL)
def _card_sell(w: World) -> Call:
    m, p = w.member(), w.pack
    return lambda a: CardService(w.core).sell(
        a, member_id=m.id, product_id=p.id, price=p.price, sale_ref=f"S{w.n()}"
    )


@site("members/card_service.py", "CardService.top_up", Perm.SELL)
def _card_top_up(w: World) -> Call:
    acct = w.card(w.value)
    return lambda a: CardService(w.core).top_up(
        a, account_id=acct.id, amount=Money(100000), bonus=Money(0), sale_ref=f"T{w.n()}"
    )


@site("members/card_service.py", "CardService.use_sessions", Perm.SELL)
def _card_use(w: World) -> Call:
    acct = w.card(w.pack)
    return lambda a: CardService(w.core).use_sessions(
        a, account_id=acct.id, service_id=w.service_id, sessions=1, sale_ref=f"U{w.n()}"
    )


@site("members/card_service.py", "CardService.spend_value", Perm.SELL)
def _card_spend(w: World) -> Call:
    acct = w.card(w.value)
    return lambda a: CardService(w.core).spend_value(
        a, account_id=acct.id, amount=Money(12800), sale_ref=f"V{w.n()}"
    )


@site("members/card_service.py", "CardService.freeze", Perm.CARD_ADJUST)
def _card_freeze(w: World) -> Call:
    acct = w.card(w.pack)
    return lambda a: CardService(w.core).freeze(a, acct.id, "出差三个月")


@site("members/card_service.py", "CardService.extend", Perm.CARD_ADJUST)
def _card_extend(w: World) -> Call:
    acct = w.card(w.pack)
    return lambda a: CardService(w.core).extend(a, acct.id, 30, "店休补偿")


@site("members/card_service.py", "CardService.adjust", Perm.CARD_ADJUST)
def _card_adjust(w: World) -> Call:
    acct = w.card(w.pack)
    return lambda a: CardService(w.core).adjust(a, acct.id, sessions=1, reason="补录")


@site("members/card_service.py", "CardService.transfer", Perm.CARD_ADJUST)
def _card_transfer(w: World) -> Call:
    acct, other = w.card(w.pack), w.member()
    return lambda a: CardService(w.core).transfer(a, acct.id, other.id, "转给家人")


@site("pos/card_payout.py", "CardPayoutService.refund_card", Perm.CARD_REFUND)
def _card_refund(w: World) -> Call:
    acct = w.card(w.pack)
    return lambda a: CardPayoutService(w.core).refund_card(a, acct.id, "搬家", method="wechat")


@site("members/record_service.py", "RecordService.add", Perm.BACKDATE)
def _record_past(w: World) -> Call:
    m = w.member()
    return lambda a: RecordService(w.core).add(
        a, member_id=m.id, kind="skin", day=w.today - timedelta(days=3), values={},
        notes="补录上周的皮肤记录",
    )  # fmt: skip


@site("members/service.py", "MemberService.save_tier", Perm.CATALOGUE_EDIT)
def _tier(w: World) -> Call:
    return lambda a: MemberService(w.core).save_tier(a, name=f"金卡{w.n()}", discount_bp=900)


@site("members/card_use_service.py", "CardUseService.use", Perm.SELL)
def _card_use_signed(w: World) -> Call:
    acct = w.card(w.pack)
    return lambda a: CardUseService(w.core).use(
        a, account_id=acct.id, service_id=w.service_id, strokes=[[[1.0, 1.0], [9.0, 9.0]]]
    )


@site("members/privacy_service.py", "MemberPrivacyService.export", Perm.MEMBER_EXPORT)
def _member_export(w: World) -> Call:
    m = w.member()
    return lambda a: MemberPrivacyService(w.core).export(a, m.id)


@site("members/privacy_service.py", "MemberPrivacyService.erase", Perm.MEMBER_ERASE)
def _member_erase(w: World) -> Call:
    m = w.member()
    return lambda a: MemberPrivacyService(w.core).erase(a, m.id, "本人要求删除")


@site("members/import_service.py", "MemberImportService._go", Perm.MEMBER_IMPORT)
def _member_import(w: World) -> Call:
    def call(a: Actor) -> object:
        path = w.tmp / f"members-{w.n()}.csv"
        path.write_text(f"姓名,手机\n导入{w.n()},135{w.n():08d}\n", encoding="utf-8")
        return MemberImportService(w.core).run(a, path)

    return call


@site("members/import_service.py", "MemberImportService._go", Perm.MEMBER_EDIT,
      Perm.MEMBER_IMPORT)  # fmt: skip
def _member_import_rows(w: World) -> Call:
    return _member_import(w)
