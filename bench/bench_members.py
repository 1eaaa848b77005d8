"""Member roll figures: importing a 50,000-row messy workbook, and search as you type over 100k members.

(a) import: prepare (read with calamine, find the header, map, validate every row, look up the
    existing members) + apply (one transaction, audited) into a fresh copy of a small office,
    beside the floor of the same work: calamine's bare parse of the file plus a bare
    ``executemany`` of the same rows into the indexed members table, measured in the same run
    (the two take turns, five rounds, best of each). Target ≤ 1.5×. Each of our rounds starts
    with the name and birthday caches empty, as a clerk's first import of a roll does.
    Two more lines put the same import beside a floor that also writes the audit row DESIGN §5
    asks for every insert (the row as json_object, one INSERT … SELECT): the bare floor has
    none, so these say how much of the ratio is the audit and how much is our code.
(b) search: p95 of ``members.search_member_ids`` over the shared 100k office for a mix of name
    characters, full pinyin, initials, ID and phone fragments, beside a plain LIKE '%q%' scan of
    the names. Target ≤ 20 ms. Beside it: the slowest query's median, and the first ID/phone
    fragment search after a change (when ``member_digits`` rebuilds its copy of IDs and phones)
    beside the SQL instr() scan that copy replaces.
"""

from __future__ import annotations

import random
import shutil
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from run import Context, Figure, timed

from bench_core import ensure_office
from unionoffice.core.demo import context as demo_context
from unionoffice.core.demo.office import generate_demo
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.members.records import search_member_ids
from unionoffice.core.store.connection import Store

IMPORT_ROWS = 50_000
IMPORT_ROUNDS = 5
HEADERS = ["序号", "职工姓名", "性 别", "公民身份号码", "民族", "政治面貌", "文化程度", "手机号码",
           "工作单位", "入会时间", "是否农民工", "备注"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _messy_date(rng: random.Random, d: date):
    """The date shapes of DESIGN §7, as a clerk's sheet mixes them."""
    pick = rng.random()
    if pick < 0.35:
        return d  # a real date cell
    if pick < 0.5:
        return float((d - date(1899, 12, 30)).days)  # a serial in a General cell
    if pick < 0.65:
        return f"{d.year}.{d.month}.{d.day}"
    if pick < 0.8:
        return f"{d.year}年{d.month}月{d.day}日"
    if pick < 0.9:
        return f"{d.year}/{d.month:02d}"
    return f"{d.year}-{d.month:02d}-{d.day:02d}".translate(FULL_WIDTH)


def _row(rng: random.Random, i: int, orgs: list[str], used: set[str]) -> list:
    name = demo_context.person(rng)
    while True:
        birth = date(1965, 1, 1) + timedelta(days=rng.randint(0, 13000))
        id_number = make_id_number(rng.choice(demo_context.REGIONS), birth, rng.randint(0, 999))
        if id_number not in used:
            used.add(id_number)
            break
    gender = "男" if int(id_number[16]) % 2 else "女"
    if rng.random() < 0.004:
        id_number = float(id_number[:17] + "0")  # Excel stored it as a number: rejected
    elif rng.random() < 0.004:
        id_number = id_number[:17] + ("0" if id_number[17] != "0" else "1")  # wrong check digit
    phone = f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"
    joined = birth + timedelta(days=rng.randint(18 * 366, 40 * 365))
    joined = min(joined, date(2026, 10, 1))
    return [i, (" " + name) if rng.random() < 0.05 else name, gender,
            id_number, rng.choice(("汉族", "汉", "回族", "壮族")), rng.choice(("群众", "中共党员", "共青团员")),
            rng.choice(("高中", "大专", "本科", "初中")), float(phone) if rng.random() < 0.3 else phone,
            rng.choice(orgs), _messy_date(rng, joined), rng.choice(("是", "否", "")), ""]


def write_workbook(path: Path, orgs: list[str], rows: int = IMPORT_ROWS, seed: int = 1) -> None:
    """A messy roll: title, blank row, header variants, 合计 at the end; written once (openpyxl write-only)."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    notes = wb.create_sheet("填表说明")
    notes.append(["填表说明：身份证号请设为文本格式，日期写成 2019-05-01。"])
    ws = wb.create_sheet("会员名册")
    ws.append(["东湖街道工会会员名册（2026年）"])
    ws.append([])
    ws.append(HEADERS)
    used: set[str] = set()
    for i in range(1, rows + 1):
        ws.append(_row(rng, i, orgs, used))
    ws.append(["合计", f"{rows}人"])
    tmp = path.with_suffix(".part.xlsx")
    wb.save(tmp)
    tmp.rename(path)


def _base_office(ctx: Context) -> tuple[Path, list[str]]:
    """A small office (2,000 members) to import into; the workbook names its orgs plus 40 new ones."""
    base = ctx.out / "import-base.db"
    if not base.exists():
        part = base.with_suffix(".part")
        for leftover in part.parent.glob(part.name + "*"):
            leftover.unlink()
        with Store.open(part) as store:
            generate_demo(store, members=2000, seed=ctx.seed, today=date(2026, 11, 24))
        part.rename(base)
    with Store.open(base, lock=False) as store:
        names = [r[0] for r in store.query("SELECT name FROM orgs WHERE is_federation = 0")]
    return base, names + [f"深圳市新建第{i}号商贸有限公司" for i in range(40)]


def import_figure(ctx: Context) -> list[Figure]:
    from python_calamine import CalamineWorkbook

    from unionoffice.exchange.importing.importer import apply_import, prepare_import

    base, orgs = _base_office(ctx)
    book = ctx.out / f"messy-roll-{IMPORT_ROWS}.xlsx"
    if not book.exists():
        write_workbook(book, orgs)

    def bare_parse():
        wb = CalamineWorkbook.from_path(str(book))
        return [wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]

    # ours and the floor take turns, IMPORT_ROUNDS rounds, best of each: on a shared PC a busy
    # moment then slows both sides of the ratio rather than one
    parse = insert = insert_audited = best = best_prepare = best_apply = float("inf")
    plan = result = None
    for attempt in range(IMPORT_ROUNDS):
        parse = min(parse, timed(bare_parse)[0])
        target = ctx.out / f"import-run-{attempt}.db"
        shutil.copyfile(base, target)
        _forget_people()
        with Store.open(target) as store:
            start = time.perf_counter()
            plan = prepare_import(store, book, "members")
            middle = time.perf_counter()
            result = apply_import(store, plan)
            best = min(best, time.perf_counter() - start)
            best_prepare = min(best_prepare, middle - start)
            best_apply = min(best_apply, time.perf_counter() - middle)
        for leftover in target.parent.glob(target.name + "*"):
            leftover.unlink()
        insert = min(insert, _bare_insert(ctx, base, plan))
        insert_audited = min(insert_audited, _bare_insert(ctx, base, plan, audited=True))
    assert result.imported > IMPORT_ROWS * 0.98, plan.summary()
    return [Figure(f"import {IMPORT_ROWS:,}-row messy roll (validated, stored)", best,
                   "bare calamine parse + bare executemany", parse + insert, "≤ 1.5×"),
            Figure("  of which the preview (read, find, map, validate)", best_prepare,
                   "python-calamine bare parse", parse),
            Figure("  of which the write (SQLite, audit, 1 transaction)", best_apply,
                   "bare executemany into the indexed members table", insert),
            # DESIGN §5 asks an audit row (before/after) for every insert: the floor of that too,
            # so the ratio above can be read as what the audit costs and what our code adds
            Figure("  the write beside a bare insert + audit rows", best_apply,
                   "the same executemany + one json_object audit row each", insert_audited),
            Figure("  the import beside parse + insert + audit rows", best,
                   "bare parse + bare insert with audit rows", parse + insert_audited)]


def _forget_people() -> None:
    """Each round is a first import of this roll, as a clerk's is: the caches of the names'
    pinyin and the IDs' birthdays start empty (warm from the round before, they hide ~0.1 s)."""
    from unionoffice.core.values import ids, names

    names.pinyin_keys.cache_clear()
    ids._birth_of.cache_clear()


def _bare_insert(ctx: Context, base: Path, plan, audited: bool = False) -> float:
    """The floor of the write: the same rows into the same indexed table, no audit, no events —
    through the same SQLite the program uses (SQLCipher's build) with the same page cache.
    ``audited``: each row also gets its audit row (the row as json_object) in one INSERT … SELECT,
    as DESIGN §5 asks of every insert — no seal, no who, no member history."""
    from unionoffice.core.store import driver

    target = ctx.out / "import-bare.db"
    shutil.copyfile(base, target)
    Store.open(target).close()  # the same schema as ours (a base made by an older run gets migrated)
    cols = ["name", "gender", "id_number", "birth_date", "ethnicity", "politics", "education", "phone",
            "joined_date", "is_migrant", "name_pinyin", "name_initials"]
    rows = [[r.values.get(c, 0 if c == "is_migrant" else "") for c in cols] for r in plan.new_rows]
    conn = driver.connect(target, isolation_level=None)
    conn.execute(f"PRAGMA cache_size = {driver.CACHE_KIB}")
    conn.execute("DROP TRIGGER audit_members_insert")

    last_id = conn.execute("SELECT coalesce(max(id), 0) FROM members").fetchone()[0]
    pairs = ", ".join(f"'{c}', {c}" for c in cols)
    audit_rows = ("INSERT INTO audit (table_name, row_id, action, after) SELECT 'members', id, 'insert', "
                  f"json_object({pairs}) FROM members WHERE id > ?")

    def insert():
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO members ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", rows)
        if audited:
            conn.execute(audit_rows, (last_id,))
        conn.execute("COMMIT")

    seconds, _ = timed(insert)
    conn.close()
    for leftover in target.parent.glob(target.name + "*"):
        leftover.unlink()
    return seconds


QUERIES = ("王", "李明", "张伟", "欧阳", "曾国", "wang", "zhangw", "liming", "chen", "zgf", "zs", "wjg", "ly",
           "ouyang", "3201041987", "440303", "0425", "1062", "1394", "13800", "88224", "X")


def search_figures(ctx: Context) -> list[Figure]:
    ensure_office(ctx)
    with Store.open(ctx.db_path, lock=False) as store:
        for q in QUERIES:  # warm the page cache (and the ID/phone copy) as the running program would be
            search_member_ids(store, q)
        ours, by_query = [], {q: [] for q in QUERIES}
        for _ in range(5):
            for q in QUERIES:
                t0 = time.perf_counter()
                search_member_ids(store, q)
                seconds = time.perf_counter() - t0
                ours.append(seconds)
                by_query[q].append(seconds)
        plain = []
        for _ in range(5):
            for q in QUERIES:
                t0 = time.perf_counter()
                store.query("SELECT id FROM members WHERE name LIKE ?", (f"%{q}%",))
                plain.append(time.perf_counter() - t0)
        sql_scan, _ = timed(_fragment_by_sql, store, "0425", repeat=3)
    cold = min(_first_fragment_search(ctx) for _ in range(3))
    p95 = lambda xs: statistics.quantiles(xs, n=20)[-1]  # noqa: E731
    slowest = max(QUERIES, key=lambda q: statistics.median(by_query[q]))
    return [Figure(f"search as you type p95 ({len(QUERIES)} queries, {ctx.members:,})", p95(ours),
                   "plain LIKE '%q%' scan of names, p95", p95(plain), "≤ 20 ms"),
            Figure(f"  slowest query ({slowest}), median", statistics.median(by_query[slowest]),
                   "plain LIKE '%q%' scan of names, median", statistics.median(plain)),
            Figure("  first ID/phone fragment after a change", cold,
                   "SQL instr() over every ID and phone", sql_scan)]


def _first_fragment_search(ctx: Context) -> float:
    """A fresh store has no copy of the IDs and phones yet: the cost after any write (rebuild)."""
    with Store.open(ctx.db_path, lock=False) as store:
        search_member_ids(store, "88")  # not a fragment yet: opens the file, builds nothing
        t0 = time.perf_counter()
        search_member_ids(store, "0425")
        return time.perf_counter() - t0


def _fragment_by_sql(store: Store, key: str) -> list:
    """What a fragment search cost before the copy: instr() over the ID index and the phones."""
    return store.query("SELECT m.id FROM members m WHERE m.deleted_at IS NULL AND m.id IN ("
                       "SELECT id FROM members WHERE instr(id_number, ?) > 0 UNION ALL "
                       "SELECT id FROM members WHERE instr(phone, ?) > 0) ORDER BY +m.name_pinyin, m.id", (key, key))


def run(ctx: Context) -> list[Figure]:
    return import_figure(ctx) + search_figures(ctx)
