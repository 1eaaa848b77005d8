"""unionoffice standing facility-edit / officer-edit / officer-end / show / import-*: the same core
functions as the window; exit 0 ok, 1 bad input with one Chinese line, 2 usage."""

from __future__ import annotations

import openpyxl
import pytest

from unionoffice.cli import main
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.core.union_standing import records as standing


@pytest.fixture
def db(store):
    org = create_org(store, {"name": "华美科技公司", "workers": 20, "union_mode": "独立建会",
                             "union_founded": "2020-01-01"})
    create_org(store, {"name": "港岛酒店", "workers": 20, "union_mode": "独立建会", "union_founded": "2020-01-01"})
    lifecycle.record_event(store, org, "更名", "2025-03-01", new_value="华美智能公司")
    standing.add_officer(store, org, {"role": "主席", "name": "王五", "since": "2021-01-01"})
    standing.add_facility(store, org, {"kind": "职工书屋", "set_up_date": "2024-05-01"})
    path = str(store.path)
    store.close()
    return path


def _stdout(capsys):
    return capsys.readouterr().out


def test_officer_edit_end_and_show(db, capsys):
    assert main(["standing", "officer-edit", "--db", db, "--org", "华美科技公司", "--name", "王五",
                 "--phone", "13800138000"]) == 0
    assert main(["standing", "officer-end", "--db", db, "--org", "华美智能公司", "--name", "王五",
                 "--date", "2025-06-30"]) == 0
    capsys.readouterr()
    assert main(["standing", "show", "--db", db, "--org", "华美智能公司"]) == 0
    out = _stdout(capsys)
    assert "委员\t主席\t王五\t13800138000\t2021-01-01 至 2025-06-30（已离任）" in out
    assert "阵地\t职工书屋\t职工书屋\t\t2024-05-01" in out


def test_facility_edit_keeps_what_is_not_given(db, capsys):
    assert main(["standing", "facility-edit", "--db", db, "--org", "华美智能公司", "--kind", "书屋",
                 "--new-name", "华美职工书屋", "--level", "区"]) == 0
    capsys.readouterr()
    main(["standing", "show", "--db", db, "--org", "华美智能公司"])
    assert "阵地\t职工书屋\t华美职工书屋\t区级\t2024-05-01" in _stdout(capsys)


@pytest.mark.parametrize("argv, message", [
    (["officer-end", "--org", "华美智能公司", "--name", "李四", "--date", "2025-01-01"], "没有名为“李四”"),
    (["officer-end", "--org", "华美智能公司", "--name", "王五", "--date", "2025-13-01"], "离任日期"),
    (["officer-edit", "--org", "没有的公司", "--name", "王五"], "找不到单位“没有的公司”"),
    (["officer-edit", "--org", "华美智能公司", "--name", "王五", "--new-role", "秘书长"], "职务“秘书长”无法识别"),
    (["facility-edit", "--org", "华美智能公司", "--kind", "职工之家"], "没有登记职工之家"),
])
def test_bad_input_exits_1_with_one_chinese_line(db, capsys, argv, message):
    assert main(["standing", argv[0], "--db", db, *argv[1:]]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_missing_argument_is_usage(db, capsys):
    assert main(["standing", "officer-end", "--db", db, "--org", "华美智能公司", "--name", "王五"]) == 2
    assert "缺少必需的参数：--date" in capsys.readouterr().err


def test_list_imports_from_the_command_line(db, tmp_path, capsys):
    wb = openpyxl.Workbook()
    wb.active.append(["单位名称", "职务", "姓名"])
    wb.active.append(["华美科技公司", "副主席", "赵六"])
    path = tmp_path / "委员.xlsx"
    wb.save(path)
    assert main(["standing", "import-officers", "--db", db, str(path)]) == 0
    out = _stdout(capsys)
    assert "新登记 1 条" in out and "按曾用名匹配：华美科技公司 → 华美智能公司" in out
    assert main(["standing", "import-officers", "--db", db, str(path)]) == 0
    assert "新登记 0 条，更新 0 条，无变化 1 条" in _stdout(capsys)
    wb = openpyxl.Workbook()
    wb.active.append(["类型", "名称", "签订日期", "覆盖单位"])
    wb.active.append(["区域性集体合同", "片区合同", "2025-01-01", "华美智能公司、港岛酒店"])
    wb.save(tmp_path / "合同.xlsx")
    assert main(["standing", "import-regional", "--db", db, str(tmp_path / "合同.xlsx")]) == 0
    wb = openpyxl.Workbook()
    wb.active.append(["单位", "类型", "建立日期"])
    wb.active.append(["港岛酒店", "职工之家", "2099-01-01x"])
    wb.save(tmp_path / "阵地.xlsx")
    assert main(["standing", "import-facilities", "--db", db, str(tmp_path / "阵地.xlsx")]) == 1
    assert "阵地.xlsx 工作表" in capsys.readouterr().err
