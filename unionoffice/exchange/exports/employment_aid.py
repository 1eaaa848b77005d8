"""Exporting 就业援助: the job fairs, the placements and the trainees, one workbook each. Counting
their rows by date reproduces the employment figures (招聘会 by 日期, 实现就业 by 就业日期, 培训人数
by 开班日期 — one person once)."""

from __future__ import annotations

from pathlib import Path

from ...core.employment_aid import records as aid
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

FAIR_COLUMNS = (Column("招聘会", "text", 30), Column("日期", "date", 12), Column("地点", "text", 20),
                Column("状态", "text", 8), Column("参会企业", "int", 9), Column("岗位数", "int", 9),
                Column("达成意向人数", "int", 12))
PLACEMENT_COLUMNS = (Column("姓名", "text", 10), Column("身份证号", "text", 20), Column("会员", "flag", 6),
                     Column("就业单位", "text", 30), Column("就业日期", "date", 12), Column("途径", "text", 8),
                     Column("备注", "text", 20))
TRAINEE_COLUMNS = (Column("培训", "text", 30), Column("培训对象", "text", 9), Column("开班日期", "date", 12),
                   Column("姓名", "text", 10), Column("身份证号", "text", 20), Column("证书", "text", 20))


def export_fairs(store: Store, out_path: str | Path, *, progress=None) -> int:
    rows = aid.list_fairs(store)
    data = ([f["title"], f["start_date"], f["location"], f["status"], f["employers"], f["positions"], f["intents"]]
            for f in rows)
    return write_table(out_path, title=f"{store.office_name or '工会'}专场招聘会情况", columns=FAIR_COLUMNS, rows=data,
                       personal_data=False, sheet_name="招聘会", n_rows=len(rows), progress=progress)


def export_placements(store: Store, out_path: str | Path, *, progress=None) -> int:
    rows = aid.list_placements(store)
    data = ([p["person_name"], p["id_number"], p["member_id"] is not None, p["employer"], p["placed_date"], p["route"],
             p["notes"]] for p in rows)
    return write_table(out_path, title=f"{store.office_name or '工会'}就业援助实现就业登记", columns=PLACEMENT_COLUMNS,
                       rows=data, sheet_name="实现就业", n_rows=len(rows), progress=progress)


def export_trainees(store: Store, out_path: str | Path, *, progress=None) -> int:
    rows = aid.list_trainees(store)
    data = ([t["title"], t["target"], t["start_date"], t["person_name"], t["id_number"], t["certificate"]]
            for t in rows)
    return write_table(out_path, title=f"{store.office_name or '工会'}就业培训学员名单", columns=TRAINEE_COLUMNS,
                       rows=data, sheet_name="培训学员", n_rows=len(rows), progress=progress)
