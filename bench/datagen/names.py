"""Chinese names and mainland mobile numbers, drawn from a seeded random generator."""

from __future__ import annotations

import random

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "秀英桂兰玉珍凤华丽敏静燕娟艳霞芳红梅琳洁雪颖婷慧莉萍月晶倩佳怡欣悦雅琪涵蕾薇馨璐瑶"
    "晓楠菲露彤妍嘉宁淑琴丹婉清荣素云美玲"
)
PREFIXES = tuple(
    str(p)
    for p in (
        *range(130, 140),
        *(145, 147, 150, 151, 152, 153, 155, 156, 157, 158, 159),
        *(166, 172, 173, 175, 176, 177, 178),
        *range(180, 190),
        *(191, 195, 198, 199),
    )
)
_BLOCK = 10**8


def name(rng: random.Random) -> str:
    """A surname and one or two given characters (most names are three characters)."""
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.8 else "")
    return rng.choice(SURNAMES) + given


def phones(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct valid mobile numbers."""
    picks = rng.sample(range(len(PREFIXES) * _BLOCK), count)
    return [f"{PREFIXES[n // _BLOCK]}{n % _BLOCK:08d}" for n in picks]
