"""Demo step: hardship files for ~3 % of the members and a year of assistance campaigns.

Files cover every category, level and status (some reviews overdue, some never reviewed); a few
belong to workers who are not on the roll. Campaigns, all dated on or before the demo's today:
元旦春节送温暖 (printed and signed, with one payment reversed by a correcting entry), 夏送清凉 (goods,
signed), 大病救助 (signed), 金秋助学 (printed, not signed back yet), next year's 元旦春节送温暖 as a
draft, plus single 生病住院慰问 payments. Campaign rows go through the real core functions, so the
demo shows exactly what locking and printing leave behind.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..values import names
from .records import (
    add_single_payment,
    assign_receipt_numbers,
    lock_assistance,
    mark_rows_signed,
    reverse_assistance,
)
from ..store.audit import bulk_insert
from .campaigns import set_funding
from ..store.auth import set_clerk_names
from .campaigns import (
    add_recipient,
    add_recipients,
    create_campaign,
    hardship_candidates,
    mark_printed,
    mark_signed,
)
from ..hardship.records import CAUSES, per_capita_income
from ..values.ids import make_id_number

if TYPE_CHECKING:
    from ..demo.context import DemoContext

SHARE = 0.03
HANDLER = "李红梅"
CHECKER = "陈志强"
BANKS = (("中国工商银行", "深圳东湖支行"), ("中国建设银行", "深圳罗湖支行"), ("中国农业银行", "深圳布心支行"),
         ("中国邮政储蓄银行", "深圳东湖营业所"), ("深圳农村商业银行", "东湖支行"))
HEALTH = ("健康", "健康", "慢性病", "重大疾病", "残疾", "长期患病")
HOUSING = ("自有住房", "租住", "租住", "公租房", "借住", "单位宿舍")
RELATIVES = (("配偶", 30, 60), ("子女", 3, 22), ("父亲", 60, 85), ("母亲", 58, 85))
SCHOOLS = ("东湖小学", "翠竹中学", "罗湖外语学校", "深圳职业技术学院", "桂园幼儿园")
OUTSIDERS = ("东湖菜市场个体摊档", "翠竹路快递驿站", "桂园社区家政服务点", "布心路修车铺")
FILE_COLUMNS = ("file_no", "member_id", "name", "gender", "id_number", "org_id", "org_name", "phone", "category",
                "level", "main_cause", "other_causes", "household_size", "household_income", "per_capita_income",
                "health", "housing", "household", "bank_name", "bank_branch", "bank_account", "filed_by",
                "checked_by", "filed_date", "last_review_date", "status", "status_date", "status_reason",
                "name_pinyin", "name_initials")


def make_hardship_and_assistance(ctx: "DemoContext") -> None:
    _make_files(ctx)
    _make_campaigns(ctx)


# ------------------------------------------------------------------ files


def _people(ctx: "DemoContext", count: int) -> list[dict[str, Any]]:
    """Members on the roll (正常) plus about one in ten workers who are not members."""
    rng = ctx.rng
    members = [dict(r) for r in ctx.store.query(
        "SELECT id AS member_id, name, gender, id_number, org_id, phone, name_pinyin, name_initials "
        "FROM members WHERE status = '正常' AND id_number IS NOT NULL ORDER BY id")]
    chosen = rng.sample(members, min(len(members), count - count // 10))
    used = {m["id_number"] for m in members}
    for i in range(count - len(chosen)):
        birth = date(rng.randint(ctx.today.year - 58, ctx.today.year - 22), rng.randint(1, 12), rng.randint(1, 28))
        id_number = make_id_number("440303", birth, rng.randint(0, 999))
        if id_number in used:
            continue
        used.add(id_number)
        name = rng.choice("王李张刘陈杨黄赵吴周") + rng.choice(("秀兰", "建国", "桂芳", "志明", "玉梅", "德华"))
        pinyin, initials = names.pinyin_keys(name)
        chosen.append({"member_id": None, "name": name, "gender": "男" if int(id_number[16]) % 2 else "女",
                       "id_number": id_number, "org_id": None, "org_name": rng.choice(OUTSIDERS),
                       "phone": f"13{rng.randint(0, 999999999):09d}", "name_pinyin": pinyin, "name_initials": initials})
    return chosen


def _household(rng: random.Random, size: int, today: date) -> list[dict[str, Any]]:
    out = []
    for i in range(size - 1):
        relation, low, high = RELATIVES[min(i, len(RELATIVES) - 1)] if i < 2 else rng.choice(RELATIVES[1:])
        age = rng.randint(low, high)
        school = rng.choice(SCHOOLS) if relation == "子女" and 6 <= age <= 22 else ""
        out.append({"name": rng.choice("王李张刘陈") + rng.choice(("小明", "丽华", "子涵", "秀英", "国强", "雨萱")),
                    "relation": relation, "birth_date": "", "age": age,
                    "occupation": school or rng.choice(("务工", "无业", "退休", "务农", "")),
                    "health": rng.choice(HEALTH)})
    return out


def _file_row(ctx: "DemoContext", n: int, person: dict[str, Any]) -> dict[str, Any]:
    rng, today = ctx.rng, ctx.today
    filed = today - timedelta(days=rng.randint(40, 6 * 365))
    size = rng.choice((1, 2, 3, 3, 4, 4, 5, 6))
    income = size * rng.randint(600, 2600) * 100
    main = rng.choice(CAUSES[:-1])
    others = rng.sample([c for c in CAUSES if c != main], rng.choice((0, 1, 1, 2, 3)))
    roll = rng.random()
    status = "在档" if roll < 0.85 else ("脱困" if roll < 0.95 else "撤档")
    # most reviewed within the year; some overdue; new files not yet due
    since = (today - filed).days
    if since < 365 or rng.random() < 0.06:
        last_review = None
    else:
        last_review = today - timedelta(days=rng.randint(20, 330) if rng.random() < 0.9 else rng.randint(370, 500))
        last_review = max(last_review, filed + timedelta(days=300))
        last_review = min(last_review, today)
    bank = rng.choice(BANKS) if rng.random() < 0.65 else ("", "")
    closed = status != "在档"
    return {
        "file_no": f"{filed.year}-{n:04d}", **{k: person.get(k) for k in ("member_id", "name", "gender", "id_number",
                                                                          "org_id", "phone", "name_pinyin", "name_initials")},
        "org_name": person.get("org_name") or "",
        "category": rng.choices(("深度困难", "相对困难", "意外致困"), (40, 45, 15))[0],
        "level": rng.choices(("市", "区", "街道"), (15, 35, 50))[0],
        "main_cause": main, "other_causes": "、".join(others), "household_size": size,
        "household_income": income, "per_capita_income": per_capita_income(income, size),
        "health": rng.choice(HEALTH), "housing": rng.choice(HOUSING),
        "household": json.dumps(_household(rng, size, today), ensure_ascii=False),
        "bank_name": bank[0], "bank_branch": bank[1],
        "bank_account": f"62{rng.randint(10**15, 10**16 - 1)}" if bank[0] else "",
        "filed_by": HANDLER, "checked_by": CHECKER, "filed_date": filed.isoformat(),
        "last_review_date": last_review.isoformat() if last_review else None, "status": status,
        "status_date": (filed + timedelta(days=rng.randint(30, max(31, since - 1)))).isoformat() if closed else None,
        "status_reason": ("家庭收入提高，已脱困" if status == "脱困" else "迁出本街道") if closed else "",
    }


def _make_files(ctx: "DemoContext") -> None:
    count = max(6, round(len(ctx.member_ids) * SHARE)) if ctx.member_ids else 0
    people = _people(ctx, count)
    rows = [_file_row(ctx, n, p) for n, p in enumerate(people, start=1)]
    if not rows:
        return
    # 档案编号 numbered per filing year in filing order
    rows.sort(key=lambda r: r["filed_date"])
    per_year: dict[str, int] = {}
    for row in rows:
        year = row["filed_date"][:4]
        per_year[year] = per_year.get(year, 0) + 1
        row["file_no"] = f"{year}-{per_year[year]:04d}"
    bulk_insert(ctx.store.conn, "hardship_files", FILE_COLUMNS, [[r[c] for c in FILE_COLUMNS] for r in rows])
    reviews = [(r["id"], r["last_review_date"], CHECKER, "入户复核，家庭情况无明显变化", "无变化")
               for r in ctx.store.query("SELECT id, last_review_date FROM hardship_files WHERE last_review_date IS NOT NULL")]
    bulk_insert(ctx.store.conn, "hardship_reviews", ("file_id", "review_date", "reviewer", "notes", "changes"), reviews)


# ------------------------------------------------------------------ campaigns


def _past(today: date, month: int, day: int) -> date:
    """This year's date if it has come, else last year's."""
    this_year = date(today.year, month, day)
    return this_year if this_year <= today else date(today.year - 1, month, day)


def _campaign(ctx: "DemoContext", kind: str, when: date, source: str, standard: int, budget: int | None,
              name: str | None = None) -> int:
    return create_campaign(ctx.store, {"kind": kind, "name": name or f"{when.year}年{kind}", "campaign_date": when,
                                       "funding_source": source, "standard_amount": standard, "budget": budget,
                                       "handler": HANDLER})


def _print_and_sign(ctx: "DemoContext", campaign_id: int, when: date, *, sign: bool = True,
                    signed_on: date | None = None) -> None:
    mark_printed(ctx.store, campaign_id, allow_duplicates=True)
    if sign:
        mark_signed(ctx.store, campaign_id, signed_on or min(when + timedelta(days=3), ctx.today))


def _new_year(ctx: "DemoContext") -> None:
    when = _past(ctx.today, 1, 15)
    files = hardship_candidates(ctx.store, category=None)
    amounts = {"深度困难": 100000, "相对困难": 60000, "意外致困": 80000}
    cid = _campaign(ctx, "元旦春节送温暖", when, "区总", 60000, len(files) * 90000)
    for person in files:
        goods = ctx.rng.random() < 0.3
        add_recipient(ctx.store, cid, person, amount=amounts.get(person["category"], 60000),
                      goods="大米一袋、食用油一桶" if goods else "", goods_value=15000 if goods else 0)
    _print_and_sign(ctx, cid, when)
    # one payment made twice by mistake and refunded: a correcting entry, printed and signed too
    first = ctx.store.scalar("SELECT id FROM assistance WHERE campaign_id = ? ORDER BY print_seq LIMIT 1", (cid,))
    if first:
        back = min(when + timedelta(days=5), ctx.today)
        reverse_assistance(ctx.store, first, reason="重复发放，本人退回", on=back, handler=HANDLER)
        _print_and_sign(ctx, cid, when, signed_on=back)


def _summer(ctx: "DemoContext") -> None:
    when = _past(ctx.today, 7, 10)
    outdoor = [r[0] for r in ctx.store.query(
        "SELECT m.id FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.status = '正常' AND m.id_number IS NOT NULL "
        "AND o.industry IN ('建筑业', '交通运输') ORDER BY m.id LIMIT 60")]
    if not outdoor:
        return
    cid = _campaign(ctx, "夏送清凉", when, "街道总工会", 0, len(outdoor) * 8000)
    for member_id in outdoor:
        add_recipient(ctx.store, cid, {"member_id": member_id}, amount=0, goods="防暑降温用品（绿豆、凉茶、毛巾）",
                      goods_value=8000)
    _print_and_sign(ctx, cid, when)


def _illness(ctx: "DemoContext") -> None:
    when = _past(ctx.today, 4, 20)
    sick = [p for p in hardship_candidates(ctx.store, category=None) if p["main_cause"] in ("本人大病", "家属大病")]
    if not sick:
        return
    cid = _campaign(ctx, "大病救助", when, "区总", 300000, None)
    set_funding(ctx.store, cid, [{"source": "区总", "share": 60}, {"source": "街道总工会", "share": 40}])
    for person in sick:
        add_recipient(ctx.store, cid, person, amount=ctx.rng.choice((300000, 500000, 800000)))
    _print_and_sign(ctx, cid, when)


def _school(ctx: "DemoContext") -> None:
    when = _past(ctx.today, 8, 20)
    pupils = [r[0] for r in ctx.store.query(
        "SELECT id FROM hardship_files WHERE deleted_at IS NULL AND status = '在档' "
        "AND (main_cause = '子女上学' OR instr(other_causes, '子女上学') > 0) ORDER BY id")]
    if not pupils:
        return
    cid = _campaign(ctx, "金秋助学", when, "市总", 200000, len(pupils) * 200000)
    add_recipients(ctx.store, cid, [{"hardship_file_id": i} for i in pupils])
    _print_and_sign(ctx, cid, when, sign=False)  # printed; the signed sheet has not come back yet


def _draft(ctx: "DemoContext") -> None:
    when = date(ctx.today.year + 1, 1, 15)
    deep = hardship_candidates(ctx.store, category="深度困难")
    cid = _campaign(ctx, "元旦春节送温暖", when, "区总", 100000, len(deep) * 100000 + 500000)
    add_recipients(ctx.store, cid, deep)


def _hospital_visits(ctx: "DemoContext") -> None:
    rng = ctx.rng
    ids = [r[0] for r in ctx.store.query("SELECT id FROM members WHERE status = '正常' AND id_number IS NOT NULL")]
    visits = []
    for member_id in rng.sample(ids, min(8, len(ids))):
        day = ctx.today - timedelta(days=rng.randint(3, 300))
        visits.append(add_single_payment(ctx.store, {"member_id": member_id}, {
            "kind": "生病住院慰问", "paid_date": day, "amount": rng.choice((50000, 80000)),
            "funding_source": "街道总工会", "handler": HANDLER, "notes": "住院探望"}))
    done = visits[:-2]  # the last two visits are still 拟发
    lock_assistance(ctx.store, done)
    assign_receipt_numbers(ctx.store, done)
    mark_rows_signed(ctx.store, done, ctx.today)


def _make_campaigns(ctx: "DemoContext") -> None:
    if not ctx.store.scalar("SELECT count(*) FROM hardship_files"):
        return
    set_clerk_names(ctx.store, [HANDLER, "王建国"])  # the office's clerks, asked for at start
    _illness(ctx)
    _summer(ctx)
    _school(ctx)
    _new_year(ctx)
    _draft(ctx)
    _hospital_visits(ctx)
