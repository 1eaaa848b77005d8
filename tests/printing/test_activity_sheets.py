"""Activity printouts: the 签到表 and the month's 活动安排表, as a clerk reads them on paper."""

import datetime
import re
import shutil
import subprocess

import pytest

from unionoffice.cli import main
from unionoffice.core.activities import records as act
from unionoffice.core.values import dates
from unionoffice.core.errors import UserError
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.members.records import create_member
from unionoffice.core.orgs.records import create_org
from unionoffice.printing import activity_sheets as sheets

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, encoding="utf-8", check=True).stdout


@pytest.fixture
def office(store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 11, 24))
    org = create_org(store, {"name": "深圳市华美科技有限公司", "union_mode": "独立建会", "workers": 80})
    people = [create_member(store, {"name": name, "org_id": org, "phone": f"1380013{i:04d}",
                                    "id_number": make_id_number("440303", datetime.date(1985, 3, 1), i)})
              for i, name in enumerate(("张三", "李四", "王五"))]
    listed = act.create_activity(store, {"title": "职工安全生产知识培训", "kind": "培训", "start_date": "2026-11-21",
                                         "start_time": "14:00", "end_time": "17:00", "location": "街道办三楼会议室",
                                         "status": "已举办", "planned_headcount": 60}, attendance=people,
                                 partner_ids=[org])
    open_event = act.create_activity(store, {"title": "冬季职工长跑", "kind": "文体", "start_date": "2026-12-12",
                                             "location": "东湖绿道", "planned_headcount": 60})
    return store, listed, open_event


@needs_pdftotext
def test_signin_sheet_prints_the_list_with_masked_phones_and_blank_rows(office, tmp_path):
    store, listed, _ = office
    result = sheets.write_signin_sheet(store, listed, tmp_path / "签到表.pdf")
    text = pdf_text(result.path)
    assert "职工安全生产知识培训签到表" in text and "测试街道总工会" in text
    assert "2026年11月21日 14:00–17:00" in text and "街道办三楼会议室" in text
    assert "合作单位：深圳市华美科技有限公司" in text
    for header in ("序号", "姓名", "单位", "联系电话", "签名"):
        assert header in text
    assert re.search(r"1\s+张三\s+深圳市华美科技有限公司\s+138\*\*\*\*0000", text)
    assert "13800130000" not in text  # never the full phone on paper
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s", text, re.M)]
    assert numbers[:4] == [1, 2, 3, 4] and numbers[-1] >= 3 + sheets.MIN_BLANK_ROWS
    assert result.rows == 3 and result.pages == 1
    assert re.search(r"第\s*1\s*页\s*共\s*1\s*页", text) and "应到：60 人次" in text


@needs_pdftotext
def test_an_open_event_gets_numbered_blank_rows_for_its_planned_headcount(office, tmp_path):
    store, _, open_event = office
    result = sheets.write_signin_sheet(store, open_event, tmp_path / "长跑.pdf")
    text = pdf_text(result.path)
    sheet = sheets.build_signin(store, open_event)
    assert sheet.listed == 0 and len(sheet.rows) >= 60 and all(r[1] == "" for r in sheet.rows)
    assert result.pages == len(re.findall(r"第\s*\d+\s*页", text)) >= 2
    assert re.search(rf"共\s*{result.pages}\s*页", text)
    assert "张三" not in text


def test_blank_rows_can_be_chosen_and_a_full_last_page_gets_no_empty_page(office, tmp_path):
    store, listed, _ = office
    sheet = sheets.build_signin(store, listed, blank_rows=0)
    assert [r[1] for r in sheet.rows] == ["张三", "李四", "王五"]
    for rows in range(1, 120, 7):
        assert sheets._full_pages(rows) >= rows
    result = sheets.write_signin_sheet(store, listed, tmp_path / "满页.pdf")
    assert result.pages == 1


def test_no_sheet_for_a_cancelled_or_missing_activity(office, tmp_path):
    store, _, open_event = office
    act.update_activity(store, open_event, {"status": "取消"})
    with pytest.raises(UserError, match="已取消"):
        sheets.write_signin_sheet(store, open_event, tmp_path / "x.pdf")
    with pytest.raises(UserError, match="不存在"):
        sheets.write_signin_sheet(store, 9999, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@needs_pdftotext
def test_a_busy_month_fits_on_one_page(office, tmp_path):
    store, _, _ = office
    for day in range(1, 31):
        act.create_activity(store, {"title": f"十一月第{day}项活动", "kind": "讲座", "start_date": f"2026-11-{day:02d}",
                                    "start_time": "09:00", "end_time": "10:00", "location": "职工之家",
                                    "status": "计划" if day > 24 else "已举办", "headcount": 10})
    result = sheets.write_month_schedule(store, 2026, 11, tmp_path / "十一月.pdf")
    text = pdf_text(result.path)
    assert result.pages == 1 and result.rows == 31
    assert "测试街道总工会2026年11月活动安排表" in text
    assert "十一月第1项活动" in text and "十一月第30项活动" in text
    assert "本月共 31 项活动：已举办 25 项，共 243 人次；计划 6 项" in text


@needs_pdftotext
def test_month_schedule_marks_cancelled_and_planned_and_says_when_empty(office, tmp_path):
    store, _, open_event = office
    act.create_activity(store, {"title": "元旦迎新联欢会", "kind": "文体", "start_date": "2026-12-26", "status": "取消"})
    text = pdf_text(sheets.write_month_schedule(store, 2026, 12, tmp_path / "十二月.pdf").path)
    assert re.search(r"冬季职工长跑.*\(60\)\s+计划", text)
    assert re.search(r"元旦迎新联欢会.*取消", text)
    assert "计划 1 项；取消 1 项" in text
    empty = pdf_text(sheets.write_month_schedule(store, 2026, 2, tmp_path / "二月.pdf").path)
    assert "本月没有安排活动" in empty


def test_the_pdf_embeds_its_chinese_font(office, tmp_path):
    store, listed, _ = office
    data = sheets.write_signin_sheet(store, listed, tmp_path / "a.pdf").path.read_bytes()
    assert b"FontFile2" in data and b"STSong" not in data


# ------------------------------------------------------------------- CLI


def test_cli_prints_signin_and_month(office, db_path, tmp_path, capsys):
    store, listed, _ = office
    store.close()
    out = tmp_path / "签到.pdf"
    assert main(["print-activity", "signin", "--db", str(db_path), "--activity", str(listed), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "预印名单 3 人" in capsys.readouterr().out
    month = tmp_path / "月.pdf"
    assert main(["print-activity", "month", "--db", str(db_path), "--month", "2026-11", "--out", str(month)]) == 0
    assert month.exists() and "2026年11月活动安排表（1 项活动，1 页）" in capsys.readouterr().out


def test_cli_bad_input_is_one_chinese_line(office, db_path, tmp_path, capsys):
    office[0].close()
    assert main(["print-activity", "month", "--db", str(db_path), "--month", "2026-13", "--out", str(tmp_path / "m.pdf")]) == 1
    assert "没有 13 月" in capsys.readouterr().err
    assert main(["print-activity", "signin", "--db", str(db_path), "--activity", "777", "--out", str(tmp_path / "s.pdf")]) == 1
    assert "活动编号 777 不存在" in capsys.readouterr().err
    assert main(["print-activity", "signin", "--db", str(db_path), "--out", str(tmp_path / "s.pdf")]) == 2
    assert "--activity" in capsys.readouterr().err
    assert main(["print-activity", "month", "--db", str(db_path), "--month", "2026-11", "--out", str(tmp_path / "m.txt")]) == 1
