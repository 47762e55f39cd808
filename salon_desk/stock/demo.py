"""Demo data: a display cabinet of about forty products from several brands, testers
beside them, back-bar products in the store, spare lamp bulbs, and opening stock."""

from __future__ import annotations

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.rules import ean13_check_digit
from salon_desk.stock.service import StockService

# brand, Chinese name, English name, spec, price (yuan), member price, on display, in store
CABINET: tuple[tuple[str, tuple[tuple[str, str, str, int, int | None, int, int], ...]], ...] = (
    (
        "娇韵诗",
        (
            ("双萃焕活修护精华露", "Double Serum", "50ml", 880, 792, 4, 6),
            ("花样年华紧致日霜", "Extra-Firming Day Cream", "50ml", 760, 684, 3, 4),
            ("花样年华紧致晚霜", "Extra-Firming Night Cream", "50ml", 800, 720, 3, 3),
            ("温和洁面泡沫", "Gentle Foaming Cleanser", "125ml", 260, 234, 6, 10),
            ("黄水爽肤水", "Toning Lotion", "200ml", 290, 261, 5, 8),
            ("身体调和护理油", "Body Treatment Oil", "100ml", 520, 468, 2, 2),
        ),
    ),
    (
        "雅诗兰黛",
        (
            ("特润修护肌透精华露", "Advanced Night Repair", "50ml", 960, 864, 4, 6),
            ("智妍紧塑精华面霜", "Resilience Multi-Effect Cream", "50ml", 830, None, 2, 3),
            ("眼部精华霜", "Advanced Night Repair Eye", "15ml", 560, 504, 3, 4),
            ("鲜活亮采泡沫洁面乳", "Perfectly Clean Foam", "125ml", 330, 297, 4, 6),
            ("微分子肌底原生露", "Micro Essence Lotion", "200ml", 830, 747, 2, 3),
        ),
    ),
    (
        "资生堂",
        (
            ("红妍肌活精华露", "Ultimune Power Concentrate", "50ml", 790, 711, 4, 6),
            ("悦薇珀翡紧颜亮肤乳", "Benefiance Emulsion", "100ml", 560, 504, 3, 4),
            ("新透白美肌淡斑精华", "White Lucent Serum", "30ml", 920, 828, 2, 2),
            ("安热沙防晒乳", "Anessa Sunscreen Milk", "60ml", 248, 223, 8, 12),
            ("洗颜专科洁面乳", "Senka Perfect Whip", "120g", 58, 52, 10, 20),
        ),
    ),
    (
        "兰蔻",
        (
            ("小黑瓶肌底精华液", "Advanced Génifique", "50ml", 1080, 972, 3, 5),
            ("菁纯臻颜精萃乳霜", "Absolue Soft Cream", "60ml", 2100, None, 1, 0),
            ("粉水清滢柔肤水", "Tonique Confort", "400ml", 520, 468, 3, 4),
            ("发光眼霜", "Advanced Génifique Eye", "15ml", 650, 585, 2, 3),
        ),
    ),
    (
        "自然美",
        (
            ("玻尿酸保湿原液", "Hyaluronic Ampoule", "30ml", 680, 580, 5, 8),
            ("草本舒缓面膜", "Herbal Soothing Mask", "5片", 198, 168, 8, 15),
            ("深层清洁泥膜", "Deep Cleansing Clay Mask", "100g", 268, 228, 4, 6),
            ("焕白精华霜", "Brightening Cream", "50g", 580, 493, 3, 5),
            ("纤体紧致霜", "Slimming Firming Cream", "200ml", 880, 748, 2, 4),
            ("美胸紧实精华", "Bust Firming Serum", "100ml", 980, 833, 2, 3),
        ),
    ),
    (
        "薇诺娜",
        (
            ("舒敏保湿特护霜", "Soothing Repair Cream", "50g", 268, 241, 6, 10),
            ("清透防晒乳", "Clear Sunscreen", "50g", 198, 178, 6, 8),
            ("舒敏保湿修护精华液", "Soothing Repair Serum", "30ml", 298, 268, 4, 6),
            ("透明质酸修护贴敷料", "Hyaluronic Repair Mask", "6片", 198, 178, 6, 12),
        ),
    ),
)

TESTERS = (
    ("娇韵诗", "双萃精华 试用装", "Double Serum tester", "50ml", 1),
    ("雅诗兰黛", "小棕瓶 试用装", "ANR tester", "50ml", 1),
    ("资生堂", "红腰子 试用装", "Ultimune tester", "50ml", 1),
    ("兰蔻", "小黑瓶 试用装", "Génifique tester", "50ml", 1),
)

BACK_BAR = (
    ("自然美", "院装按摩膏", "Salon Massage Cream", "1000g", 380, 6, 2),
    ("自然美", "院装补水面膜粉", "Salon Hydrating Mask Powder", "500g", 260, 8, 3),
    ("娇韵诗", "院装身体护理油", "Salon Body Oil", "500ml", 1200, 3, 1),
    ("欧舒丹", "院装乳木果身体乳", "Salon Shea Body Lotion", "1000ml", 680, 4, 1),
)

CONSUMABLES = (
    ("欧普", "陈列柜射灯灯泡", "Cabinet Spotlight Bulb", "MR16 5W 暖白", 25, 6, 4),
    ("欧普", "前台筒灯灯泡", "Counter Downlight Bulb", "E27 9W", 18, 2, 2),
    ("丽丽贝尔", "一次性洁面棉", "Cotton Pads", "180片/包", 22, 20, 10),
)


def _barcode(n: int) -> str:
    first12 = f"2008800{n:05d}"
    return first12 + str(ean13_check_digit(first12))


def seed(core: Core, owner: Actor) -> None:
    stock = StockService(core)
    n = 0
    for shelf, (brand, products) in enumerate(CABINET, start=1):
        for position, (zh, en, spec, price, member, display, store) in enumerate(products, 1):
            n += 1
            p = stock.create_product(
                owner,
                ProductFields(
                    brand=brand,
                    name_zh=zh,
                    name_en=en,
                    spec=spec,
                    barcode=_barcode(n),
                    category="retail",
                    cost=Money.yuan(price * 45 // 100),
                    price=Money.yuan(price),
                    member_price=None if member is None else Money.yuan(member),
                    reorder_level=2,
                    cabinet="A" if shelf <= 3 else "B",
                    shelf=shelf if shelf <= 3 else shelf - 3,
                    position=position,
                ),
            )
            for location, qty in (("display", display), ("store", store)):
                if qty:
                    stock.opening_stock(owner, p.id, location=location, qty=qty)
    for i, (brand, zh, en, spec, display) in enumerate(TESTERS, start=1):
        n += 1
        p = stock.create_product(
            owner,
            ProductFields(
                brand=brand,
                name_zh=zh,
                name_en=en,
                spec=spec,
                barcode=_barcode(n),
                category="tester",
                price=Money(0),
                cabinet="C",
                shelf=1,
                position=i,
            ),
        )
        stock.opening_stock(owner, p.id, location="display", qty=display)
    for brand, zh, en, spec, cost, store, level in BACK_BAR:
        n += 1
        p = stock.create_product(
            owner,
            ProductFields(
                brand=brand,
                name_zh=zh,
                name_en=en,
                spec=spec,
                barcode=_barcode(n),
                category="professional",
                cost=Money.yuan(cost),
                price=Money.yuan(cost * 2),
                reorder_level=level,
            ),
        )
        stock.opening_stock(owner, p.id, location="store", qty=store)
    for brand, zh, en, spec, cost, store, level in CONSUMABLES:
        n += 1
        p = stock.create_product(
            owner,
            ProductFields(
                brand=brand,
                name_zh=zh,
                name_en=en,
                spec=spec,
                barcode=_barcode(n),
                category="consumable",
                cost=Money.yuan(cost),
                price=Money.yuan(cost),
                reorder_level=level,
            ),
        )
        stock.opening_stock(owner, p.id, location="store", qty=store)
