"""Demo step: a year of activities ("every month has an activity") for the demo office.

The calendar year of the demo's ``today``: activities before today are 已举办 — most with an
attendance list drawn from the members (人次 = the list), open events with a typed head-count —
later ones are 计划, and a couple are 取消. Festival and campaign events are flagged 每年举办 so
"生成明年计划" has something to copy.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from . import festivals
from ..store.audit import bulk_insert

if TYPE_CHECKING:
    from ..demo.context import DemoContext

# month 0: on the day of the lunar festival named in the title, whatever year the demo is made in
# (month, day, title, kind, days, start, end, place, planned 人次, attendance list?, cost yuan, funding, recurring)
CALENDAR = (
    (1, 10, "元旦春节送温暖走访慰问", "慰问走访", 3, "09:00", "17:00", "辖区各企业", 60, True, 30000, "区总", 1),
    (1, 24, "新春职工游园会", "文体", 1, "14:00", "17:00", "东湖公园", 400, False, 18000, "街道总工会", 1),
    (0, 0, "元宵节猜灯谜", "文体", 1, "19:00", "21:00", "街道职工之家", 120, True, 3000, "街道总工会", 1),
    (3, 7, "三八妇女节插花沙龙", "文体", 1, "14:30", "16:30", "街道职工之家", 40, True, 4000, "街道总工会", 1),
    (3, 19, "女职工权益保护专题讲座", "讲座", 1, "09:30", "11:30", "街道办三楼会议室", 80, True, 1500, "区总", 0),
    (4, 11, "春季职工健步走", "文体", 1, "08:30", "11:00", "东湖绿道", 300, False, 9000, "街道总工会", 1),
    (4, 23, "职工安全生产知识培训", "培训", 1, "14:00", "17:00", "街道办三楼会议室", 90, True, 2000, "企业", 0),
    (5, 8, "五一劳动节先进表彰大会", "会议", 1, "09:00", "11:30", "街道文化中心礼堂", 200, True, 12000, "区总", 1),
    (5, 22, "职工技能大赛（电工组）", "技能竞赛", 2, "08:30", "17:30", "鹏基技能实训基地", 60, True, 25000, "市总", 1),
    (6, 13, "端午节包粽子比赛", "文体", 1, "15:00", "17:00", "街道职工之家", 50, True, 3500, "街道总工会", 1),
    (7, 9, "夏送清凉高温慰问", "慰问走访", 5, "09:00", "12:00", "辖区建筑工地", 500, False, 40000, "区总", 1),
    (7, 25, "职工心理健康讲座", "讲座", 1, "14:30", "16:30", "街道办三楼会议室", 60, True, 1800, "街道总工会", 0),
    (8, 15, "金秋助学座谈会", "会议", 1, "09:30", "11:30", "街道办二楼会议室", 30, True, 0, "", 1),
    (8, 27, "户外拓展训练", "文体", 1, "08:00", "17:00", "梧桐山", 60, True, 8000, "企业", 0),
    (9, 17, "职工篮球赛", "文体", 3, "19:00", "21:30", "东湖体育馆", 150, False, 15000, "街道总工会", 1),
    (9, 26, "中秋读书分享会", "文体", 1, "19:00", "21:00", "街道职工书屋", 35, True, 1200, "街道总工会", 1),
    (10, 24, "职工趣味运动会", "文体", 2, "08:30", "17:00", "东湖中学操场", 400, False, 30000, "街道总工会", 1),
    (10, 30, "劳动法律法规培训", "培训", 1, "14:00", "16:30", "街道办三楼会议室", 70, True, 1000, "区总", 0),
    (11, 14, "志愿服务进社区", "志愿服务", 1, "09:00", "11:30", "桂园社区广场", 40, True, 1500, "街道总工会", 1),
    (11, 21, "消防安全演练培训", "培训", 1, "14:30", "16:30", "金融大厦广场", 120, True, 2500, "企业", 0),
    (11, 28, "职工之家读书会", "文体", 1, "19:00", "21:00", "街道职工书屋", 30, True, 800, "街道总工会", 0),
    (12, 5, "工会干部业务培训", "培训", 1, "09:00", "17:00", "区职工服务中心", 45, True, 3000, "区总", 1),
    (12, 12, "冬季职工长跑", "文体", 1, "08:30", "11:00", "东湖绿道", 250, False, 8000, "街道总工会", 0),
    (12, 19, "年终工会工作总结会", "会议", 1, "14:30", "17:00", "街道办二楼会议室", 60, True, 0, "", 1),
    (12, 26, "元旦迎新联欢会", "文体", 1, "18:30", "21:00", "街道文化中心礼堂", 300, False, 20000, "街道总工会", 1),
    (1, 17, "新春送春联进企业", "志愿服务", 1, "09:30", "11:30", "辖区各企业", 30, True, 1500, "街道总工会", 1),
    (2, 26, "工会经费管理培训", "培训", 1, "14:30", "16:30", "街道办三楼会议室", 50, True, 800, "区总", 0),
    (3, 28, "职工羽毛球赛", "文体", 1, "09:00", "17:00", "东湖体育馆", 80, True, 6000, "街道总工会", 1),
    (4, 25, "世界读书日好书交换", "文体", 1, "14:00", "16:00", "街道职工书屋", 60, False, 600, "街道总工会", 1),
    (6, 20, "安全生产月应急救护讲座", "讲座", 1, "14:30", "16:30", "街道办三楼会议室", 70, True, 1200, "企业", 1),
    (7, 1, "党建带工建工作座谈会", "会议", 1, "09:30", "11:30", "街道办二楼会议室", 25, True, 0, "", 1),
    (8, 8, "全民健身日职工跳绳比赛", "文体", 1, "08:30", "11:30", "东湖中学操场", 120, False, 2500, "街道总工会", 1),
    (9, 10, "教师节慰问辖区教职工", "慰问走访", 1, "09:00", "12:00", "辖区各学校", 40, True, 8000, "区总", 1),
    (10, 14, "重阳节走访退休职工", "慰问走访", 1, "09:00", "12:00", "东湖、桂园社区", 30, True, 6000, "街道总工会", 1),
    (10, 17, "职工书法摄影作品展", "文体", 7, "09:00", "17:00", "街道文化中心展厅", 600, False, 5000, "街道总工会", 0),
    (11, 7, "职工法律援助咨询日", "志愿服务", 1, "09:00", "12:00", "东湖社区广场", 50, False, 500, "区总", 1),
    (12, 9, "职工互助保障政策宣讲", "其他", 1, "14:30", "16:30", "街道办三楼会议室", 80, True, 600, "区总", 0),
)
# Titles cancelled in the demo year: one past (bad weather), one ahead (venue lost).
CANCELLED = {"户外拓展训练": "因台风预警取消。", "冬季职工长跑": "场地改建，本年度取消。"}
ORGANISERS = ("街道总工会", "街道总工会女职工委员会", "街道总工会", "东湖社区工会联合会")

COLUMNS = ("title", "kind", "start_date", "start_time", "end_date", "end_time", "location", "organiser", "status",
           "planned_headcount", "headcount", "cost", "funding_source", "description", "recurring", "festival", "walk_ins")


WALK_INS = 15


def make_activities(ctx: "DemoContext") -> None:
    rng = random.Random(ctx.rng.getrandbits(64))  # own stream: other steps' data don't shift
    year = ctx.today.year
    members = [r[0] for r in ctx.store.query("SELECT id FROM members WHERE status = '正常' ORDER BY id")]
    rows, lists = [], []
    for entry in sorted(CALENDAR):  # ids in calendar order
        row, listed = _activity(rng, year, ctx.today, entry, members)
        rows.append(row)
        lists.append(listed)
    order = sorted(range(len(rows)), key=lambda i: rows[i]["start_date"])  # ids in calendar order
    rows, lists = [rows[i] for i in order], [lists[i] for i in order]
    conn = ctx.store.conn
    first = conn.execute("SELECT coalesce(max(id), 0) FROM activities").fetchone()[0] + 1
    bulk_insert(conn, "activities", COLUMNS, [[r[c] for c in COLUMNS] for r in rows])
    attendance = [(first + i, m) for i, listed in enumerate(lists) for m in listed]
    bulk_insert(conn, "activity_attendance", ("activity_id", "member_id"), attendance)
    partners = [(first + i, org) for i in range(len(rows)) if ctx.org_ids and rng.random() < 0.4
                for org in rng.sample(ctx.org_ids, min(len(ctx.org_ids), rng.randint(1, 2)))]
    bulk_insert(conn, "activity_partners", ("activity_id", "org_id"), partners)


def _activity(rng: random.Random, year: int, today: date, entry: tuple, members: list[int]) -> tuple[dict, list[int]]:
    month, day, title, kind, days, start_t, end_t, place, planned, listed, cost, funding, recurring = entry
    festival = festivals.festival_of(title) if month == 0 else None
    start = festivals.festival_date(festival, year) if festival else date(year, month, day)
    end = start + timedelta(days=days - 1)
    status = "取消" if title in CANCELLED else ("已举办" if start <= today else "计划")
    attendance: list[int] = []
    headcount = None
    if status == "已举办":
        actual = max(1, int(planned * rng.uniform(0.75, 1.1)))
        if listed and members:
            attendance = rng.sample(members, min(len(members), actual))
            headcount = len(attendance)
        else:
            headcount = actual
    # people off the roll signed the blank rows of the 元宵 sheet: 实际人次 = the list + them
    walk_ins = WALK_INS if festival and attendance else 0
    if walk_ins:
        headcount += walk_ins
    row = {
        "title": title, "walk_ins": walk_ins,
        "kind": kind, "start_date": start.isoformat(), "start_time": start_t, "end_date": end.isoformat(),
        "end_time": end_t, "location": place, "organiser": rng.choice(ORGANISERS), "status": status,
        "planned_headcount": planned, "headcount": headcount,
        "cost": cost * 100 if status == "已举办" else 0, "funding_source": funding,
        "description": CANCELLED.get(title, ""), "recurring": recurring, "festival": festival or "",
    }
    return row, attendance
