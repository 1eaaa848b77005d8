"""What every area's demo step shares: the context they fill in turn (the office file, one seeded
random source, the orgs and members made so far) and plausible names, phones and dates."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..store.connection import Store

COMMUNITIES = ("东湖社区", "桂园社区", "南湖社区", "翠竹社区", "黄贝社区", "湖景社区")
REGIONS = ("440303", "440304", "440305", "110105", "310104", "320104", "330206", "420102",
           "430102", "510104", "360102", "450102", "410102", "350102", "370102", "440883")

# Frequent surnames, with the ones pypinyin misreads (曾 单 解 查 仇 区 朴 尉迟) mixed in.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
            "万钱严覃武戴莫孔向汤单解查仇区朴")
COMPOUND_SURNAMES = ("欧阳", "尉迟", "司马", "上官", "诸葛")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰飞鹏辉婷燕"
         "俊健波宇浩凯亮晨欣怡佳琪雪梅海峰文斌丹慧晶鑫瑞子涵梓轩思源嘉诚雨萱一鸣家豪国藩良镛")


@dataclass
class DemoContext:
    store: Store
    rng: random.Random
    members: int
    today: date
    org_ids: list[int] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)


def person(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"


def day_between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))
