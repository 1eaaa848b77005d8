"""单位台账 (org ledgers) shaped like the ones streets really keep, each with the outcome it must have.

The member-roll shapes are in rollshapes.py; these are the employer ledgers: the district's
基层工会组织情况统计表 with group headers over two and three rows, 建会情况 written every way,
head-counts as '120人' or '约100', credit codes lower case or old 15-digit 注册号, the chair's
phone in the chair's cell, terms as '三年', one sheet per 社区, 集体合同 ticks, category words,
and next year's ledger over this year's. Built with rollbook's Book/Sheet, so every expected
Excel row number is the one actually written.

Runnable by hand for a real CLI run: ``python tests/exchange/ledgershapes.py /tmp/ledgers``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rollbook import FULL_WIDTH, Book, D, Expect, Shape, bad_check, code, pid, write_shapes  # noqa: E402

HUAMEI, JINQIAO, GANGDAO = "深圳市华美科技有限公司", "深圳市金桥商贸有限公司", "深圳市港岛酒店管理有限公司"
XINGHE, LVYUAN = "深圳市星河物业服务有限公司", "深圳市绿源餐饮店（桂园分店）"
CHAOSHI = "深圳市桂园小超市"
DONGHU_FED, GUIYUAN_FED, TOWER_FED = "东湖社区工会联合会", "桂园社区工联会", "科技园楼宇工会联合会"


@dataclass
class LedgerExpect(Expect):
    """What a ledger import must also show: federation links, notes printed, members' orgs."""

    federation_of: dict[str, str | None] = field(default_factory=dict)  # org → its 工联会 (None: none)
    gone: set[str] = field(default_factory=set)  # names no live org may have afterwards
    says: list[str] = field(default_factory=list)  # texts the CLI output must contain
    member_org: dict[str, str] = field(default_factory=dict)  # member → org name (members rolls)


def ledger_book(kind: str = "orgs") -> Book:
    b = Book(kind)
    b.expect = LedgerExpect()
    return b


def l01_district_stats() -> Shape:
    """The district's 基层工会组织情况统计表: groups 基本情况 / 职工人数 / 工会组建 over a second header line."""
    b = ledger_book()
    s = b.sheet("统计表")
    s.skip(["东湖街道基层工会组织情况统计表"] + [None] * 15)
    s.merge("A1:P1")
    s.skip(["填报单位（盖章）：东湖街道总工会"] + [None] * 11 + ["统计时间：2024年12月31日", None, None, None])
    s.skip(["序号", "基本情况", None, None, None, "职工人数", None, None, "工会组建", None, None, None,
            "工会主席", "联系电话", "经费税务代收", "备注"])
    s.skip([None, "单位名称", "统一社会信用代码", "单位类别", "所属社区", "合计", "女", "农民工", "是否建会",
            "建会方式", "建会时间", "所属工联会", None, None, None, None])
    for ref in ("A3:A4", "B3:E3", "F3:H3", "I3:L3", "M3:M4", "N3:N4", "O3:O4", "P3:P4"):
        s.merge(ref)
    rows = [
        ([HUAMEI, code(11), "私营企业", "东湖社区", 120, 40, 30, "是", "独立建会", "2015.6", None, "任飞",
          "13800138011", "是", None], None),
        ([JINQIAO, code(12), "民营", "东湖社区", 12, 5, 2, "是", "联合建会", "2018年3月", DONGHU_FED, None, None,
          "否", None], None),
        ([DONGHU_FED, None, "社会组织", "东湖社区", 3, 2, 0, "是", "独立建会", D(2010, 5, 1), None, "李会",
          "0755-88881111", "否", "社区工联会"], None),
        ([GANGDAO, code(13), "港资", "桂园社区", 60, 30, 10, "否", None, None, None, None, None, None, None], None),
        ([LVYUAN, None, "个体户", "桂园社区", 8, 5, 6, "否", None, None, None, None, None, None, "无营业执照号"], None),
        ([XINGHE, code(15), "私营", "桂园社区", 45, 20, 15, "是", None, "2019.10", None, "钱主席", "13900139000",
          "√", None], None),
        ([CHAOSHI, None, "个体", "桂园社区", 5, 2, 1, "是", None, None, GUIYUAN_FED, None, None, None, None], None),
        (["深圳市矛盾贸易有限公司", code(18), "私营", "桂园社区", 10, 3, 1, "否", "独立建会", "2020-01-01", None,
          None, None, None, None], "建会方式"),
        (["深圳市女多服装厂", code(19), "私营", "桂园社区", 5, 9, 1, "否", None, None, None, None, None, None, None],
         "女职工人数"),
    ]
    for n, (cells, reject) in enumerate(rows, 1):
        s.add([n] + cells, reject=reject, good=not reject, name=cells[0])
    s.skip(["合计", "9家", None, None, None, 268, 121, 66] + [None] * 8)
    s.skip([None, "其中：已建会单位", "5家", None, None, 185, 79, 49] + [None] * 8)
    s.skip([None, "建会率：71.4%"] + [None] * 14)
    s.skip(["填表人：王芳", None, None, "审核人：", None, None, None, None, "联系电话：0755-88880000"] + [None] * 7)
    e = b.expect
    e.orgs_created = 1  # 桂园社区工联会: named, not a row
    e.stored = {
        HUAMEI: {"workers": 120, "women_workers": 40, "migrant_workers": 30, "category": "私营", "union_mode": "独立建会",
                 "union_founded": "2015-06-01", "union_chair": "任飞", "contact_phone": "13800138011",
                 "union_chair_phone": "",
                 "fee_by_tax": 1, "community": "东湖社区"},
        JINQIAO: {"union_mode": "联合建会", "union_founded": "2018-03-01", "fee_by_tax": 0, "category": "私营"},
        DONGHU_FED: {"is_federation": 1, "federation_kind": "社区", "union_mode": "独立建会"},
        GANGDAO: {"union_mode": "未建会", "category": "港澳台"},
        LVYUAN: {"category": "个体", "union_mode": "未建会", "credit_code": None},
        XINGHE: {"union_mode": "独立建会", "union_founded": "2019-10-01", "fee_by_tax": 1},
        CHAOSHI: {"union_mode": "联合建会"},
        GUIYUAN_FED: {"is_federation": 1},
    }
    e.federation_of = {JINQIAO: DONGHU_FED, CHAOSHI: GUIYUAN_FED, HUAMEI: None, XINGHE: None}
    return Shape("district_stats", "区总的基层工会组织情况统计表：基本情况/职工人数/工会组建三组两行表头、是否建会＋建会方式、"
                 "合计、“其中已建会”、建会率、填表人", "orgs", "L01-组织情况统计表.xlsx", b)


def l02_three_row_header() -> Shape:
    """A header over three rows: 职工情况 → 职工总数 / 其中 → 女职工·农民工; 工会组建情况 → its columns."""
    b = ledger_book()
    s = b.sheet("Sheet1")
    s.skip(["2024年度东湖街道企业工会情况登记表"] + [None] * 11)
    s.merge("A1:L1")
    s.skip(["序号", "单位名称", "统一社会信用代码", "职工情况", None, None, None, "工会组建情况", None, None, None, "备注"])
    s.skip([None, None, None, "职工总数", "其中", None, "会员人数", "建会时间", "工会主席", "主席电话", "换届时间", None])
    s.skip([None, None, None, None, "女职工", "农民工", None, None, None, None, None, None])
    for ref in ("A2:A4", "B2:B4", "C2:C4", "D2:G2", "H2:K2", "L2:L4", "D3:D4", "E3:F3", "G3:G4", "H3:H4", "I3:I4",
                "J3:J4", "K3:K4"):
        s.merge(ref)
    good = [
        [HUAMEI, code(21), 200, 80, 50, 150, "2012-07-01", "任飞", "13800138021", "2026年7月", None],
        [JINQIAO, code(22), 35, 10, 8, 30, "2016.5.4", "黄敏", "13800138022", "2026-05-03", None],
        [GANGDAO, code(23), 88, 40, 20, 60, 42156, "陈港", "13800138023", "2025/06/30", "酒店"],
        [XINGHE, code(24), 45, 20, 15, None, None, None, None, None, "未建会"],
    ]
    for n, cells in enumerate(good, 1):
        s.add([n] + cells, good=True, name=cells[0])
    s.add([5, "深圳市年份公司", code(25), 20, 5, 5, 10, "2015年", "周年", None, None, None], reject="建会日期")
    s.skip([None, "合计", None, 388, 155, 98, 250, None, None, None, None, None])
    e = b.expect
    e.orgs_created = 0
    e.stored = {HUAMEI: {"workers": 200, "women_workers": 80, "migrant_workers": 50, "union_founded": "2012-07-01",
                         "union_chair_phone": "13800138021", "term_expiry": "2026-07-01"},
                GANGDAO: {"union_founded": "2015-06-01", "notes": "酒店", "term_expiry": "2025-06-30"},
                XINGHE: {"workers": 45, "union_founded": None, "notes": "未建会"}}
    return Shape("three_row_header", "三行表头：职工情况→职工总数/其中→女职工·农民工；工会组建情况→建会时间、主席、电话、换届",
                 "orgs", "L02-三行表头.xlsx", b)


def l03_mode_words() -> Shape:
    """建会情况 written every way a clerk writes it, with and without a 所属工联会 beside it."""
    b = ledger_book()
    s = b.sheet("建会情况")
    s.skip(["单位名称", "所属社区", "建会情况", "所属工联会"])
    cases = [
        ("是", None, "独立建会", None), ("否", None, "未建会", None), ("已建", None, "独立建会", None),
        ("未建", None, "未建会", None), ("单独建会", None, "独立建会", None), ("联合", DONGHU_FED, "联合建会", DONGHU_FED),
        ("区域性联合", DONGHU_FED, "联合建会", DONGHU_FED), ("已建（联合）", DONGHU_FED, "联合建会", DONGHU_FED),
        ("√", None, "独立建会", None), ("×", None, "未建会", None), ("独立组建", None, "独立建会", None),
        ("联合组建", TOWER_FED, "联合建会", TOWER_FED), (None, DONGHU_FED, "联合建会", DONGHU_FED),
        (None, None, "未建会", None), ("是", DONGHU_FED, "联合建会", DONGHU_FED), ("已建会", TOWER_FED, "联合建会", TOWER_FED),
        (f"联合建会（{DONGHU_FED}）", None, "联合建会", DONGHU_FED), ("筹建中", None, "未建会", None),
        (" 独 立 建 会 ", None, "独立建会", None),
    ]
    for k, (word, fed, mode, linked) in enumerate(cases):
        name = f"深圳市建会{k:02d}有限公司"
        s.add([name, "东湖社区", word, fed], good=True, name=name, stored={"union_mode": mode})
        b.expect.federation_of[name] = linked
    s.add(["深圳市不详公司", "东湖社区", "不详", None], reject="建会方式")
    s.add([DONGHU_FED, "东湖社区", "是", None], good=True, name=DONGHU_FED,
          stored={"is_federation": 1, "union_mode": "独立建会"})
    b.expect.orgs_created = 1  # 科技园楼宇工会联合会
    b.expect.stored[TOWER_FED] = {"is_federation": 1, "federation_kind": "楼宇"}
    return Shape("mode_words", "建会情况：是/否/已建/未建/单独建会/联合/区域性联合/√/×/空、“联合建会（某工联会）”一格、"
                 "工联会在表的下方", "orgs", "L03-建会情况写法.xlsx", b)


def l04_worker_counts() -> Shape:
    """职工人数 typed as '120人', '约100', full-width digits, 120.0, blanks; women or migrants over the total."""
    b = ledger_book()
    s = b.sheet("职工人数")
    s.skip(["单位名称", "职工人数", "其中女职工", "其中农民工"])
    ok = [
        ("120人", "40人", 30, 120, 40), ("约100", "约30", None, 100, 30), ("１２０", "４０", "１０", 120, 40),
        (120.0, 40.0, 10.0, 120, 40), (None, None, None, 0, 0), ("100余人", 20, 10, 100, 20),
        ("1,200", "600", "300", 1200, 600), (" 80 人 ", "/", "—", 80, 0), ("60左右", "无", "无", 60, 0),
        (35, "35", 0, 35, 35),
    ]
    for k, (workers, women, migrant, w, f) in enumerate(ok):
        name = f"深圳市人数{k:02d}有限公司"
        s.add([name, workers, women, migrant], good=True, name=name, stored={"workers": w, "women_workers": f})
    bad = [(5, 9, 1, "女职工人数"), (5, 1, 9, "农民工人数"), ("-5", None, None, "职工人数"), ("12.5", None, None, "职工人数"),
           ("100-120", None, None, "职工人数"), ("一百", None, None, "职工人数"),
           (None, 10, None, "女职工人数")]  # women but no total: 10 women of 0 workers
    for k, (workers, women, migrant, label) in enumerate(bad):
        s.add([f"深圳市错数{k:02d}有限公司", workers, women, migrant], reject=label)
    b.expect.orgs_created = 0
    return Shape("worker_counts", "职工人数：“120人”“约100”“100余人”全角数字、120.0、空、“/”“无”；女职工或农民工多于职工",
                 "orgs", "L04-职工人数写法.xlsx", b)


def l05_credit_codes() -> Shape:
    """统一社会信用代码 lower case, spaced, full-width, 无; old 15-digit 注册号 and 组织机构代码; bad and twice."""
    b = ledger_book()
    s = b.sheet("单位")
    s.skip(["序号", "企业名称", "统一社会信用代码（注册号）", "经济类型"])
    spaced = code(33)
    good = [
        ("小写", code(31).lower(), code(31)), ("空格", f"{spaced[:6]} {spaced[6:12]} {spaced[12:]}", spaced),
        ("全角", code(34).translate(FULL_WIDTH), code(34)), ("撇号", "'" + code(35), code(35)),
        ("写无", "无", None), ("斜杠", "/", None), ("暂无", "暂无", None), ("横杠", "—", None),
    ]
    for k, (tag, text, stored) in enumerate(good, 1):
        name = f"深圳市{tag}代码有限公司"
        s.add([k, name, text, "私营"], good=True, name=name, stored={"credit_code": stored})
    bad = [("旧注册号", "440301103456789"), ("组织机构代码", "MA5D1234-5"), ("机构代码二", "123456789"),
           ("校验位", bad_check(code(36))), ("重复", code(31)), ("字母O", code(37)[:10] + "O" + code(37)[11:]),
           ("十七位", code(38)[:17])]
    for k, (tag, text) in enumerate(bad, len(good) + 1):
        s.add([k, f"深圳市{tag}有限公司", text, "私营"], reject="统一社会信用代码")
    s.add([len(good) + len(bad) + 1, "深圳市小写代码有限公司", None, "私营"], reject="单位名称")  # same name again
    b.expect.orgs_created = 0
    return Shape("credit_codes", "信用代码：小写、空格、全角、撇号、写“无”；15位旧注册号、9位组织机构代码、错校验位、重复",
                 "orgs", "L05-信用代码写法.xlsx", b)


def l06_chair_and_phone() -> Shape:
    """工会主席 and his phone in one cell, 联系人 likewise; a second phone column that agrees or not."""
    b = ledger_book()
    s = b.sheet("主席")
    s.skip(["单位名称", "工会主席及联系电话", "联系人", "联系电话"])
    good = [
        ("张三 13800138000", None, None, "张三", "13800138000", "", ""),
        ("李四（13900139000）", None, None, "李四", "13900139000", "", ""),
        ("王五/0755-88881234", None, None, "王五", "0755-88881234", "", ""),
        ("赵六", None, None, "赵六", "", "", ""),
        ("钱七\n13700137000", None, None, "钱七", "13700137000", "", ""),
        ("周九13600136000", None, None, "周九", "13600136000", "", ""),
        ("欧阳娜娜 电话：13500135000", None, None, "欧阳娜娜", "13500135000", "", ""),
        (None, "郑一 13300133000", None, "", "", "郑一", "13300133000"),
        (None, "郑二 13300133001", "13300133001", "", "", "郑二", "13300133001"),
        ("买买提·艾力", "刘主任", "0755-88885555", "买买提·艾力", "", "刘主任", "0755-88885555"),
    ]
    for k, (chair, contact, phone, c, cp, p, pp) in enumerate(good):
        name = f"深圳市主席{k:02d}有限公司"
        s.add([name, chair, contact, phone], good=True, name=name,
              stored={"union_chair": c, "union_chair_phone": cp, "contact": p, "contact_phone": pp})
    s.add(["深圳市短号有限公司", "孙八 1380013800", None, None], reject="主席电话")
    s.add(["深圳市两号有限公司", "吴十 13800138000 13900139000", None, None], reject="主席电话")
    s.add(["深圳市不符有限公司", None, "郑三 13300133002", "0755-88882222"], reject="联系电话")
    b.expect.orgs_created = 0
    return Shape("chair_and_phone", "工会主席和电话写在一格（空格、括号、斜杠、换行、无分隔）、联系人同样；号码不对或与电话列不符",
                 "orgs", "L06-主席与电话同格.xlsx", b)


def l07_terms_and_dates() -> Shape:
    """成立时间/换届时间 in messy forms, 任期 as '三年', '3年', 5, '五年一届'; 换届 derived from start + term."""
    b = ledger_book()
    s = b.sheet("换届")
    s.skip(["单位名称", "工会成立时间", "任期", "本届选举时间", "换届时间"])
    good = [
        ("2015.6", "三年", "2021.6", None, "2015-06-01", 3, "2021-06-01", "2024-06-01"),
        ("2015年6月", "3年", "2022年5月20日", "2027年5月", "2015-06-01", 3, "2022-05-20", "2027-05-01"),
        (42156, 5, None, "2026/6/30", "2015-06-01", 5, None, "2026-06-30"),
        ("2018-3-8", "五年一届", "2023.3", None, "2018-03-08", 5, "2023-03-01", "2028-03-01"),
        ("20190301", "3年一届", "2019-03-01", "暂无", "2019-03-01", 3, "2019-03-01", "2022-03-01"),
        (D(2020, 1, 15), 5.0, D(2020, 1, 15), D(2025, 1, 14), "2020-01-15", 5, "2020-01-15", "2025-01-14"),
        ("２０２１年１月", "五年", None, None, "2021-01-01", 5, None, None),
    ]
    for k, (founded, term, start, expiry, f, y, st, ex) in enumerate(good):
        name = f"深圳市届期{k:02d}有限公司"
        s.add([name, founded, term, start, expiry], good=True, name=name,
              stored={"union_founded": f, "term_years": y, "term_start": st, "term_expiry": ex})
    bad = [("2015年", None, None, None, "建会日期"), (2015.6, None, None, None, "建会日期"),
           ("二〇一五年六月", None, None, None, "建会日期"), ("2015-06-01", "12", None, None, "届期（年）"),
           ("2015-06-01", "三至五年", None, None, "届期（年）"), ("2015-06-01", 3, None, "2025年换届", "换届到期日"),
           ("2015-06-01", 3, "2023-01-01", "2022-01-01", "换届到期日")]
    for k, (founded, term, start, expiry, label) in enumerate(bad):
        s.add([f"深圳市错期{k:02d}有限公司", founded, term, start, expiry], reject=label)
    b.expect.orgs_created = 0
    return Shape("terms_and_dates", "成立时间/换届时间：2015.6、2015年6月、序列号、全角；任期“三年”“3年”“五年一届”；"
                 "只写年份、存成数字、12年、换届早于本届开始", "orgs", "L07-届期与日期.xlsx", b)


def l08_community_sheets() -> Shape:
    """One sheet per 社区 (no 所属社区 column: the sheet says it), 小计 on each, a 汇总 sheet to leave alone."""
    b = ledger_book()
    notes = b.sheet("填表说明")
    notes.skip(["填表说明"])
    notes.skip(["1. 每个社区一张表；2. 建会方式填：独立建会、联合建会、未建会"])
    header = ["序号", "单位名称", "统一社会信用代码", "职工人数", "建会方式", "所属工联会"]
    plan = {
        "东湖社区": [(DONGHU_FED, None, 2, "独立建会", None), (HUAMEI, code(41), 120, "独立建会", None),
                   (JINQIAO, code(42), 12, "联合建会", DONGHU_FED)],
        "桂园社区": [(GANGDAO, code(43), 60, "未建会", None), (CHAOSHI, None, 5, "联合建会", GUIYUAN_FED),
                   (GUIYUAN_FED, None, 1, "独立建会", None)],
        "翠竹社区": [("深圳市翠竹花店", None, 3, "联合建会", "翠竹社区工会联合会"), (HUAMEI, code(41), 120, "独立建会", None)],
    }
    for community, orgs in plan.items():
        s = b.sheet(community)
        s.skip([f"{community}单位台账"] + [None] * (len(header) - 1))
        s.merge(f"A1:{chr(64 + len(header))}1")
        s.skip(header + (["备注"] if community == "桂园社区" else []))
        for k, (name, credit, workers, mode, fed) in enumerate(orgs, 1):
            cells = [k, name, credit, workers, mode, fed] + (["新登记"] if community == "桂园社区" else [])
            if community == "翠竹社区" and name == HUAMEI:
                s.add(cells, reject="统一社会信用代码")  # already on the 东湖社区 sheet (same code)
                continue
            s.add(cells, good=True, name=name)
            b.expect.stored[name] = {"community": community}
            b.expect.federation_of[name] = fed
        s.skip([None, "小计", f"{len(orgs)}家", sum(o[2] for o in orgs), None, None])
    b.sheets[-1].skip(["合计", None, "8家", 201, None, None])
    summary = b.sheet("汇总")
    summary.skip(["社区", "单位数", "已建会", "职工人数", "建会率"])
    summary.skip(["东湖社区", 3, 3, 134, "100%"])
    summary.skip(["桂园社区", 3, 2, 66, "66.7%"])
    b.expect.orgs_created = 1  # 翠竹社区工会联合会
    b.expect.stored[GUIYUAN_FED].update(is_federation=1)
    b.expect.stored[CHAOSHI].update(union_mode="联合建会")
    b.expect.stored[GANGDAO].update(notes="新登记")
    return Shape("community_sheets", "每个社区一张表（没有所属社区列，按工作表名）、每表小计、填表说明和汇总表、同一单位出现在两个社区",
                 "orgs", "L08-各社区分表.xlsx", b)


def l09_fee_and_contracts() -> Shape:
    """An old .xls from a 系统导出: 经费税务代收 as 是/否/√/×/blank, 集体合同/专项合同 as 已签/未签 ticks."""
    b = ledger_book()
    s = b.sheet("Sheet1")
    s.skip(["单位名称", "职工人数", "经费税务代收", "集体合同", "工资专项集体合同", "女职工专项集体合同"])
    cases = [("是", 1), ("否", 0), ("√", 1), ("×", 0), (None, 0), ("已代收", 1), ("未代收", 0), ("自缴", 0),
             ("税务代收", 1), ("Y", 1)]
    for k, (word, flag) in enumerate(cases):
        name = f"深圳市经费{k:02d}有限公司"
        signed = ("已签", "未签", None)[k % 3]
        s.add([name, 100.0 + k, word, signed, signed, "未签"], good=True, name=name,
              stored={"fee_by_tax": flag, "workers": 100 + k})
    s.add(["深圳市待定有限公司", 10.0, "待定", "已签", None, None], reject="经费税务代收")
    b.expect.orgs_created = 0
    b.expect.says = ["“集体合同”", "没有导入"]
    return Shape("fee_and_contracts", "旧版 .xls：经费税务代收 是/否/√/×/空/已代收/自缴；集体合同、工资专项、女职工专项 已签/未签",
                 "orgs", "L09-经费与合同.xls", b, writer="xls")


def l10_categories() -> Shape:
    """单位类别 as ledgers write it: 民营, 国企, 个体户, 民办非企业单位, 协会; 机关事业 and 其他 can't be told."""
    b = ledger_book()
    s = b.sheet("类别")
    s.skip(["单位名称", "单位性质"])
    words = [("民营", "私营"), ("民营企业", "私营"), ("私营（民营）", "私营"), ("股份有限公司", "私营"), ("个人独资企业", "私营"),
             ("合伙企业", "私营"), ("国企", "国有"), ("国有独资", "国有"), ("全民所有制", "国有"), ("集体所有制", "集体"),
             ("外商独资企业", "外资"), ("中外合资经营企业", "外资"), ("台资企业", "港澳台"), ("港澳台商投资企业", "港澳台"),
             ("个体户", "个体"), ("个体工商户", "个体"), ("民办非企业单位", "社会组织"), ("社会团体", "社会组织"),
             ("行业协会", "社会组织"), ("商会", "社会组织"), ("事业单位", "事业"), ("行政机关", "机关"), ("机关单位", "机关"),
             (" 私 营 ", "私营"), ("非公有制企业", "私营")]
    for k, (word, category) in enumerate(words):
        name = f"深圳市类别{k:02d}单位"
        s.add([name, word], good=True, name=name, stored={"category": category})
    for k, word in enumerate(("机关事业", "其他", "皮包公司")):
        s.add([f"深圳市难分{k}单位", word], reject="单位类别")
    b.expect.orgs_created = 0
    return Shape("categories", "单位类别：民营/国企/个体户/民办非企业单位/协会/商会等写法；“机关事业”“其他”分不出", "orgs",
                 "L10-单位类别写法.xlsx", b)


def l11_second_year() -> Shape:
    """Next year's ledger over L01: head-counts changed, a 换届 done, renamed with and without a credit code."""
    base = l01_district_stats()
    b = ledger_book()
    s = b.sheet("2025年台账")
    s.skip(["单位名称", "统一社会信用代码", "单位类别", "所属社区", "职工人数", "女职工", "建会方式", "所属工联会", "工会主席",
            "主席电话", "换届时间"])
    s.add([HUAMEI, code(11), "私营", "东湖社区", 130, 42, "独立建会", None, "任飞", "13800138011", "2026年6月"],
          update=True, name=HUAMEI, stored={"workers": 130, "women_workers": 42, "term_expiry": "2026-06-01"})
    s.add([JINQIAO, code(12).lower(), "民营企业", "东湖社区", 12, 5, "联合建会", DONGHU_FED, None, None, None],
          same=True, name=JINQIAO)
    # last year's 联系电话 beside the chair was the org's; this year's column says 主席电话
    s.add([DONGHU_FED, None, "社会组织", "东湖社区", 3, 2, "独立建会", None, "李会", "0755-88881111", None],
          update=True, name=DONGHU_FED, stored={"union_chair_phone": "0755-88881111", "contact_phone": "0755-88881111"})
    renamed = "深圳市港岛国际酒店管理有限公司"
    s.add([renamed, code(13), "港资", "桂园社区", 62, 30, "未建会", None, None, None, None], update=True, name=renamed,
          stored={"workers": 62, "credit_code": code(13)})
    s.add([XINGHE, code(15), "私营", "桂园社区", 45, 20, "独立建会", None, "孙新", "13900139999", "2029年10月"],
          update=True, name=XINGHE, stored={"union_chair": "孙新", "union_chair_phone": "13900139999",
                                             "term_expiry": "2029-10-01"})
    lvyuan_new = "深圳市绿源餐饮管理有限公司"  # was 绿源餐饮店（桂园分店）, no credit code: can't be told
    s.add([lvyuan_new, None, "私营", "桂园社区", 9, 5, "未建会", None, None, None, None], good=True, name=lvyuan_new)
    s.add([CHAOSHI, None, "个体", "桂园社区", 5, 2, "联合建会", GUIYUAN_FED, None, None, None], same=True, name=CHAOSHI)
    s.add(["深圳市新开科技有限公司", code(30), "私营", "东湖社区", 20, 8, "联合建会", DONGHU_FED, None, None, None],
          good=True, name="深圳市新开科技有限公司")
    s.add(["深圳市错码公司", bad_check(code(31)), "私营", "东湖社区", 5, 1, "未建会", None, None, None, None],
          reject="统一社会信用代码")
    b.expect.orgs_created = 0
    b.expect.names.add(LVYUAN)  # the old 绿源 stays: nothing ties it to the new name
    b.expect.gone = {GANGDAO}  # renamed through its credit code
    b.expect.federation_of = {"深圳市新开科技有限公司": DONGHU_FED}
    b.expect.says = ["系统中已有、本次台账没有列出", LVYUAN]
    return Shape("second_year", "次年台账覆盖上年：人数变了、已换届、有信用代码的改名、没有信用代码的改名、新单位、错码",
                 "orgs", "L11-次年台账.xlsx", b, before=[base])


def l12_members_after_ledger() -> Shape:
    """A member roll after L01: org names with spaces, full-width brackets or a trailing full-width space."""
    base = l01_district_stats()
    b = ledger_book("members")
    s = b.sheet("会员")
    s.skip(["姓名", "身份证号", "工作单位"])
    written = [("深圳市 华美科技有限公司", HUAMEI), (f"{JINQIAO}\u3000", JINQIAO), ("深圳市绿源餐饮店(桂园分店)", LVYUAN),
               ("东湖社区工会联合会 ", DONGHU_FED), ("深圳市港岛酒店\n管理有限公司", GANGDAO),
               ("深圳市星河物业服务有限公司", XINGHE), ("桂园社区工联会", GUIYUAN_FED)]
    for k, (text, org) in enumerate(written):
        name = f"冯{'一二三四五六七'[k]}"
        s.add([name, pid(700 + k), text], good=True, name=name)
        b.expect.member_org[name] = org
    b.expect.orgs_created = 0
    return Shape("members_after_ledger", "台账之后导入会员：单位名称带空格、半角括号、全角空格也对上已有单位", "members",
                 "L12-台账后的会员.xlsx", b, before=[base])


def l13_sections_and_spellings() -> Shape:
    """Typed (unmerged) section headings per 社区, a 工联会 written short and long, a federation naming its parent."""
    b = ledger_book()
    s = b.sheet("台账")
    s.skip(["东湖街道单位建会情况一览表", None, None, None, None])
    s.skip(["序号", "单位名称", "职工人数", "建会方式", "所属工联会"])
    s.skip([None, "一、东湖社区", None, None, None])
    s.add([1, "深圳市甲贸易有限公司", 10, "联合建会", "东湖社区工联会"], good=True, name="深圳市甲贸易有限公司")
    s.add([2, "深圳市乙餐饮有限公司", 8, None, "东湖社区工会联合会"], good=True, name="深圳市乙餐饮有限公司")
    s.add([3, DONGHU_FED, 2, "联合建会", "东湖街道总工会"], good=True, name=DONGHU_FED,
          stored={"is_federation": 1, "union_mode": "独立建会", "federation_kind": "社区"})
    s.skip([None, "（二）桂园社区", None, None, None])
    s.add([4, "深圳市丙科技有限公司", 30, "联合", "桂园社区 联合工会"], good=True, name="深圳市丙科技有限公司")
    s.add([5, "深圳市丁商行", 3, "联合建会", "桂园社区工联会"], good=True, name="深圳市丁商行")
    s.skip([None, "翠竹社区", None, None, None])
    s.add([6, "深圳市戊花店", 2, "未建会", None], good=True, name="深圳市戊花店")
    s.add([7, "深圳市己公司", None, "联合建会", "深圳市己公司"], reject="所属工联会")  # names itself
    e = b.expect
    e.orgs_created = 1  # 桂园社区联合工会 (the first spelling met); 东湖街道总工会 is not created
    e.federation_of = {"深圳市甲贸易有限公司": DONGHU_FED, "深圳市乙餐饮有限公司": DONGHU_FED, DONGHU_FED: None,
                       "深圳市丙科技有限公司": "桂园社区联合工会", "深圳市丁商行": "桂园社区联合工会"}
    e.gone = {"一、东湖社区", "（二）桂园社区", "翠竹社区", "东湖社区工联会", "桂园社区工联会", "东湖街道总工会"}
    return Shape("sections_and_spellings", "社区分段标题没有合并（一、东湖社区 / （二）桂园社区 / 翠竹社区）、"
                 "工联会与工会联合会两种写法、工联会自己那行写了所属的街道总工会、单位把自己写成工联会", "orgs",
                 "L13-分段与工联会写法.xlsx", b)


SHAPES: list[Callable[[], Shape]] = [
    l01_district_stats, l02_three_row_header, l03_mode_words, l04_worker_counts, l05_credit_codes, l06_chair_and_phone,
    l07_terms_and_dates, l08_community_sheets, l09_fee_and_contracts, l10_categories, l11_second_year,
    l12_members_after_ledger, l13_sections_and_spellings,
]


def all_shapes() -> list[Shape]:
    return [make() for make in SHAPES]


if __name__ == "__main__":
    write_shapes(all_shapes(), "ledgers")
