"""Text that must survive a Windows ANSI code page (cp1252, cp936): Chinese never goes through
strftime, which encodes its format in the locale's code page there and raises on 年/月/日."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from unionoffice.core.store.backup import BackupInfo

PACKAGE = Path(__file__).resolve().parents[2] / "unionoffice"
# {value:%Y年%m月} in an f-string, or strftime("…年…")
FORMAT_SPEC = re.compile(r"\{[^{}:]+:[^{}]*%[^{}]*[^\x00-\x7f][^{}]*\}")
STRFTIME = re.compile(r"strftime\(\s*[rRfF]?([\"'])[^\"']*[^\x00-\x7f]")


class CodePageDatetime(datetime):
    """A datetime that formats like Windows Python under cp1252: only ASCII formats work."""

    def strftime(self, fmt: str) -> str:
        fmt.encode("cp1252")  # UnicodeEncodeError for 年, as on an English Windows
        return super().strftime(fmt)

    def __format__(self, fmt: str) -> str:
        return self.strftime(fmt) if fmt else str(self)


def test_no_chinese_goes_through_strftime_anywhere():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FORMAT_SPEC.search(line) or STRFTIME.search(line):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not found, "Chinese inside a date format:\n" + "\n".join(found)


def test_the_code_page_stand_in_fails_like_windows():
    with pytest.raises(UnicodeEncodeError):
        f"{CodePageDatetime(2026, 3, 5, 14, 30):%Y年%m月}"


def test_damaged_file_text_names_the_backup_date_under_a_windows_code_page(tmp_path):
    from unionoffice.ui.shell.dialogs import damaged_text

    backup = BackupInfo(path=tmp_path / "备份.db", made_at=CodePageDatetime(2026, 3, 5, 14, 30),
                        schema_version=1, members=1200, orgs=35, ok=True)
    text = damaged_text("文件已损坏。", backup)
    assert "最近一个完好的备份：2026年3月5日 14:30（会员 1,200 人，单位 35 个）" in text
