"""Reading the Excel rolls clerks really have: find the sheet, the header row and the data rows.

Sheets come with a merged title above the header, blank rows, an instruction sheet in front, a
group header over two rows (职工人数 → 合计 / 其中女职工), cells merged down a column (one org name
for many members), 小计/合计 rows and a 填表人 line at the bottom. ``read_table`` strips all that
and hands back the header texts and the data rows with their Excel row numbers.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from openpyxl.utils import get_column_letter

from ...core.errors import UserError

HEADER_SCAN_ROWS = 40  # the header is near the top; titles and notes take a few rows at most
TOTAL_WORDS = ("合计", "总计", "小计", "共计", "累计", "总人数")
# 其中：已建会单位 5家 — the breakdown under a 合计 line; no org or person is named 其中…
BREAKDOWN = ("其中",)
# 本页小计, 以上合计：5人, 东湖社区小计, 华美科技小计: a short label before the word, and after it
# nothing or a count. 深圳市总计算机公司 is not one (a character other than a count follows).
_TOTAL_LABEL = re.compile(r"^.{0,14}?(合计|总计|小计|共计|累计)([:：\d人个家户名]|$)")
_TOTAL_COUNT = re.compile(r"^(共|总共|合共|全部)\d+(人|名|户|家|个)")  # 共 35 人
_FOOTER = re.compile(r"^(注|说明|备注|填表|填报|制表|审核|核对|复核|负责人|单位负责人|联系人|联系电话|日期|盖章|"
                     r"经办|分管|主管|统计人|报送|签字|签名)")
# Lines a printed roll carries between or after its records: page numbers and the blank-out note.
_PAGE_NOTE = re.compile(r"^[(（\[【-]*(第\d+页|共\d+页|以下空白|以下无内容|本页以下空白|此页无正文|-?\d+-?$)")
# An 18-character 身份证号 or 信用代码 (or 15 digits): a row holding one is a record, whatever else it says.
_KEY_LIKE = re.compile(r"[0-9A-Za-z]{15,18}")
_SPACES = re.compile(r"\s+")
GROUP_SEP = "·"  # joins a merged group label and its sub label: 职工人数·其中女职工


@dataclass
class Table:
    """One sheet's table: header texts per column and data rows as (Excel row number, cells)."""

    sheet: str
    header_row: int  # 1-based Excel row of the (last) header row
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    skipped_totals: list[int] = field(default_factory=list)  # 合计/小计 rows left out


def compact(value: Any) -> str:
    """Cell text for comparisons: NFKC (full-width → half-width), no whitespace at all."""
    if value is None:
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(value)))


from .. import file_kind  # noqa: E402 - beside the messages that use it


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def open_workbook(path: Path):
    """The calamine workbook, or a UserError naming the file that says why it can't be read."""
    from python_calamine import CalamineWorkbook

    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹，不是 Excel 文件")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of bad file
        error = exc
    content = _sniff(path)
    if content == "excel":
        # an .xlsx renamed .xls (or the other way round): calamine picks the reader by the
        # name; read by what the bytes are instead
        try:
            with path.open("rb") as f:
                return CalamineWorkbook.from_filelike(f)
        except Exception as exc:  # noqa: BLE001 - really damaged: said below
            error = exc
    message = _UNREADABLE.get(content, _DAMAGED)
    raise UserError(message.format(name=path.name, error=error)) from error


_DAMAGED = "无法读取 Excel 文件 {name}：文件已损坏，或不是 Excel 工作簿"

_UNREADABLE = {
    "encrypted": "无法读取 Excel 文件 {name}：文件设置了打开密码。请在 Excel 或 WPS 中打开，取消密码后保存，再导入",
    "html": "无法读取 {name}：它其实是网页格式的表格（一些系统导出的“xls”就是这样）。"
            "请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）后再导入",
    "xml": "无法读取 {name}：它是“XML 表格 2003”格式。请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）后再导入",
    "text": "无法读取 {name}：它是纯文本（CSV/TXT）文件，不是 Excel 工作簿。"
            "请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）后再导入",
    **{kind: "无法读取 {name}：" + what for kind, what in file_kind.OTHER_KINDS.items()},
}


def _sniff(path: Path) -> str:
    return file_kind.sniff(path)


def sheet_names(path: str | Path, *, visible_only: bool = True) -> list[str]:
    """Sheets to look for a roll in: visible worksheets, less instruction and example sheets.

    Templates from the district come with a 填表说明 or 填写示例 sheet whose example row
    (张三, with a valid-looking ID) must never become a member; when nothing else is left the
    names are kept (a clerk may have typed her roll into the sheet called 示例).
    """
    wb = open_workbook(Path(path))
    if not visible_only:
        return list(wb.sheet_names)
    visible = [m.name for m in wb.sheets_metadata if str(m.visible).endswith("Visible") and
               str(m.typ).endswith("WorkSheet")] or list(wb.sheet_names)
    return [n for n in visible if not _NOT_A_ROLL.search(n)] or visible


_NOT_A_ROLL = re.compile(r"示例|样例|范例|样表|说明|填表须知|填报要求")


class SheetRows(list):
    """A sheet's rows, remembering which cells hold a copy of a merged area's value.

    ``copies`` maps a row index to {column: row index of the merged area's top-left cell}, so
    the data reader can tell a row the clerk typed from one that only shows merged cells: a
    blank row inside an org name merged down the column, or a section title merged across.
    """

    copies: dict[int, dict[int, int]]
    formulas: bool = False  # cells hold Uncalculated (a formula never calculated)
    date1904: bool = False  # the workbook counts day serials from 1904


def sheet_rows(wb, path: Path, name: str) -> SheetRows:
    """All rows of a sheet from A1 (row index = Excel row − 1), merged areas filled in."""
    try:
        sheet = wb.get_sheet_by_name(name)
        rows = SheetRows(sheet.to_python(skip_empty_area=False))
        merged = sheet.merged_cell_ranges or []
    except Exception as exc:
        raise UserError(f"无法读取 Excel 文件 {path.name} 的工作表“{name}”（{exc}）") from exc
    rows.copies = _fill_merged(rows, merged)
    _mark_quirks(rows, path, name)
    return rows


def _mark_quirks(rows: SheetRows, path: Path, name: str) -> None:
    """The workbook's date system (formulas are looked for beside the import: mark_formulas)."""
    from .quirks import workbook_quirks

    rows.date1904 = workbook_quirks(path, formulas=False).date1904


def mark_formulas(rows: SheetRows, cells: dict[tuple[int, int], str]) -> None:
    """Formula cells without a value become Uncalculated: never taken for an empty cell."""
    from .quirks import Uncalculated

    for (r, c), formula in cells.items():
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        if is_blank(row[c]):
            row[c] = Uncalculated(formula)
            rows.formulas = True


def _fill_merged(rows: list[list[Any]], merged) -> dict[int, dict[int, int]]:
    """A merged area shows its value in every cell it covers, as the clerk sees it on screen.

    Horizontal merges wider than the table's data (a title over all columns) are filled too,
    which is harmless: a title row never matches as header or data. Returns where copies went.
    """
    copies: dict[int, dict[int, int]] = {}
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if is_blank(value):
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if (r, c) != (r0, c0) and is_blank(row[c]):
                    row[c] = value
                    copies.setdefault(r, {})[c] = r0
    return copies


# ------------------------------------------------------------------ the header


def find_header(rows: list[list[Any]], score: Callable[[list[str]], int]) -> tuple[int, int]:
    """(row index, score) of the best header candidate among the top rows; score 0 if none."""
    best, best_score = -1, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = [compact(v) if isinstance(v, str) else "" for v in row]
        if len({t for t in texts if t}) < 2:
            continue  # a title (maybe merged across the columns) or a note, never a header
        s = score(texts)
        if s > best_score:
            best, best_score = index, s
    return best, best_score


def _is_subheader(top: list[Any], below: list[Any], score: Callable[[list[str]], int]) -> bool:
    """The row under the header is the second line of a two-row header (merged group labels).

    It then has text under a column the first line leaves empty, names at least one known
    field (其中女职工), and holds no digits at all: a data row nearly always has an ID, a phone,
    a date or a count in it, so a real first record is never swallowed.
    """
    if not below or any(not is_blank(v) and re.search(r"\d", compact(v)) for v in below):
        return False
    # under a merged group label: the label's cell is blank, or repeats its left neighbour's
    # label once merged areas are filled in
    gaps = [i for i in range(min(len(top), len(below)))
            if not is_blank(below[i]) and compact(below[i]) != compact(top[i])
            and (is_blank(top[i]) or (i > 0 and compact(top[i]) == compact(top[i - 1])))]
    return bool(gaps) and score([compact(v) if isinstance(v, str) else "" for v in below]) > 0


def header_texts(rows: list[list[Any]], index: int, width: int,
                 score: Callable[[list[str]], int]) -> tuple[list[str], int]:
    """Header texts per column and the index of the last header row (group rows merged in).

    Up to three lines make one header: a group line above the found row (基本情况 / 职工人数 /
    工会组建 over the field names), the found row, and a sub line under it (合计 / 其中女职工).
    Blank headers at the right end are left out: a stray note far to the right of one sheet
    must not make its header differ from the other 社区 sheets of the same roll.
    """
    headers, last = _header_texts(rows, index, width, score)
    while headers and not headers[-1]:
        headers.pop()
    return headers, last


def _header_texts(rows: list[list[Any]], index: int, width: int,
                  score: Callable[[list[str]], int]) -> tuple[list[str], int]:
    line, last = _texts(rows[index], width), index
    if index > 0 and _is_group_row(rows[index - 1], rows[index], width, score):
        line = _combine(_texts(rows[index - 1], width), line)
    below = rows[index + 1] if index + 1 < len(rows) else []
    if _is_subheader(rows[index], below, score):
        line, last = _combine(line, _texts(below, width)), index + 1
    return line, last


def _texts(row: list[Any], width: int) -> list[str]:
    cells = list(row) + [""] * (width - len(row))
    return [str(v).strip() if not is_blank(v) else "" for v in cells]


def _combine(top: list[str], below: list[str]) -> list[str]:
    """Two header lines as one: 职工人数·其中女职工; a label merged down both lines stays single."""
    headers, group = [], ""
    for top_text, sub_text in zip(top, below):
        group = top_text or group  # a merged group label covers the empty cells to its right
        if not sub_text:
            headers.append(top_text)
        elif top_text and top_text.split(GROUP_SEP)[-1] != sub_text:
            headers.append(f"{top_text}{GROUP_SEP}{sub_text}")  # mapping tries the sub label, then all
        elif top_text:
            headers.append(top_text)
        else:
            headers.append(f"{group}{GROUP_SEP}{sub_text}" if group else sub_text)
    return headers


def _is_group_row(upper: list[Any], row: list[Any], width: int, score: Callable[[list[str]], int]) -> bool:
    """The line above the found header groups its columns (基本情况 over 单位名称 … 所属社区).

    Group labels are words: at least two different ones, no digits or colons (a title is one
    text merged across, a 填报单位：… 截至2024年 line has both), laid out over the header as
    a sub line would be — and taking them in must let more columns be recognised (工会主席,
    经费税务代收 typed only on the upper line; 合计 under 职工人数), or they stay out.
    """
    if any(not is_blank(v) and not isinstance(v, str) for v in upper):
        return False
    texts = {compact(v) for v in upper if not is_blank(v)}
    if len(texts) < 2 or any(re.search(r"[\d:]", t) for t in texts):
        return False
    if not _is_subheader(upper, row, score):
        return False
    alone = _texts(row, width)
    both = _combine(_texts(upper, width), alone)
    return score([compact(t) for t in both]) > score([compact(t) for t in alone])


# ------------------------------------------------------------------ the data


def _filled(cells: list[Any]) -> list[Any]:
    return [v for v in cells if v != "" and v is not None and not (isinstance(v, str) and v.isspace())]


def has_key(row: list[Any]) -> bool:
    """The row holds something shaped like a 身份证号 or 信用代码 (text, or a long number)."""
    for value in row:
        if isinstance(value, str):
            if _KEY_LIKE.search(compact(value)):
                return True
        elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e14:
            return True
    return False


def _is_total_label(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    text = "".join(value.split())
    if text.startswith(TOTAL_WORDS) or text.startswith(BREAKDOWN):
        return True
    if "计" in text:
        return bool(_TOTAL_LABEL.match(text))
    return text[:1] in "共总合全" and bool(_TOTAL_COUNT.match(text))


def is_total_row(row: list[Any]) -> bool:
    """合计/总计/小计 rows (in the first three filled cells) are sums, never records.

    The label may have a prefix (本页小计, 以上合计：5人, 东湖社区小计). A row that holds an
    ID or credit code is a record whatever its name says (李小计 is a person).
    """
    seen = 0
    for value in row:
        if value == "" or value is None:
            continue
        if _is_total_label(value):
            return not has_key(row)
        seen += 1
        if seen == 3:
            return False
    return False


def is_footer_row(row: list[Any]) -> bool:
    """A note under or between the records, never a record itself.

    One cell: 填表人：…, 注：…, 制表日期 …, 第 1 页 共 4 页, 以下空白. Several cells, the first
    a sign-off label (填表人：王芳 … 审核人：李明 … 2024年12月) and no ID anywhere in the row.
    Runs on every row of a big roll, so an ordinary record is let through on its first character.
    """
    first = next((v for v in row if v != "" and v is not None and not (isinstance(v, str) and v.isspace())), None)
    if not isinstance(first, str):
        return False
    head = first.lstrip()[:1]
    if head not in _NOTE_FIRST and ":" not in first and "：" not in first:
        return False
    text = _NOTE_EDGE.sub("", compact(first))
    if text.strip("()[]【】:") in _EXAMPLE:
        return True  # the template's example row: 示例 | 张三 | 男 | 110101…
    if _FOOTER.match(text):
        return len(_filled(row)) == 1 or not has_key(row)
    # NFKC made a full-width colon ':'
    return (bool(_PAGE_NOTE.match(text)) or ":" in text) and len(_filled(row)) == 1


# A heading typed (not merged) on a row of its own: numbered (一、 （二） 第三部分), or a bare 社区/村
# name with nothing else on a row of a table that has other columns to fill (东湖社区小计 is a total).
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十]+[)]|第[一二三四五六七八九十]+部分)")
_BARE_COMMUNITY = re.compile(r"^[^\d]{2,10}(社区|村)([(][^)]{0,8}[)])?$")


def _is_heading(text: str, columns: int) -> bool:
    return bool(_NUMBERED.match(text) or columns >= 2 and _BARE_COMMUNITY.match(text))


_NOTE_FIRST = frozenset("注说备填制审核复负单联日盖经分主统报签第共以本此示例样范(（[【-—*＊")
_EXAMPLE = frozenset({"示例", "例", "样例", "范例", "填写示例", "填表示例", "举例", "例子"})
_NOTE_EDGE = re.compile(r"^[*＊、。.]+")
_MAYBE_FIRST = _NOTE_FIRST | frozenset("合总小累全其")


def _maybe_note(cells: list[Any]) -> bool:
    """Cheap first look (one loop, no regex) whether a row could be a total or a note at all.

    Looks at the first three filled cells as is_total_row does; an ordinary record passes
    here, so a 50,000-row roll pays for the careful checks only on the few rows that need them.
    """
    seen = 0
    for value in cells:
        if value == "" or value is None:
            continue
        if value.__class__ is str:
            head = value[:1]
            if head.isspace():
                head = value.lstrip()[:1]
            if head in _MAYBE_FIRST or "计" in value or "：" in value or ":" in value:
                return True
        seen += 1
        if seen == 3:
            return False
    return False


def _two_filled(a: Any, b: Any) -> bool:
    """The first two columns that count both hold something, the first more than spaces: the
    row is neither blank nor a lone heading, and the careful look at every cell is not needed
    (most rows of a roll: a name and an ID)."""
    return a != "" and a is not None and b != "" and b is not None and not (a.__class__ is str and a.isspace())


def data_rows(rows: list[list[Any]], header_index: int, headers: list[str], ignore: set[int]):
    """(Excel row number, cells) after the header; blank rows, repeated headers and notes skipped.

    ``ignore`` holds columns whose content does not make a row a record (序号): a row with only
    a serial number in it is blank. This runs for every row of a 50,000-row roll, so the common
    case (an ordinary record) is decided with as few Python steps as possible.
    """
    width = len(headers)
    keep = [i for i in range(width) if i not in ignore]
    header_key = [compact(h) for h in headers]
    first_header = next((i for i, h in enumerate(header_key) if h), 0)
    # a number or date (the 序号 of every record) always reads as ASCII: it can be the header
    # repeated only under an ASCII header, so most rows skip compact()
    ascii_header = header_key[first_header].isascii()
    copies = getattr(rows, "copies", None) or {}
    totals: list[int] = []
    out: list[tuple[int, list[Any]]] = []
    first, second = (keep + [None, None])[:2]
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        cells = row[:width] if len(row) >= width else list(row) + [""] * (width - len(row))
        lone = None  # the text of a row with one filled cell: perhaps a heading
        if second is None or not _two_filled(cells[first], cells[second]):
            filled = [v for i in keep if (v := cells[i]) != "" and v is not None]
            if not filled or (isinstance(filled[0], str) and filled[0].isspace()
                              and all(isinstance(v, str) and v.isspace() for v in filled)):
                continue  # blank, or spaces only (the all() runs only when the first cell is spaces)
            if len(filled) == 1 and filled[0].__class__ is str:
                lone = filled[0]
        if _maybe_note(cells):
            if is_total_row(cells):
                totals.append(index + 1)
                continue
            if is_footer_row(cells):
                continue  # a 填表人 line, a page number
        if index in copies and _only_merged(index, cells, keep, copies[index]):
            continue
        if lone is not None and _is_heading(compact(lone), len(keep)):
            continue  # 一、东湖社区 / （二）退休会员 / 翠竹社区 alone on its row: a heading, not a record
        head = cells[first_header]
        if (ascii_header or head.__class__ not in _ASCII_CELLS) and compact(head) == header_key[first_header] \
                and [compact(v) for v in cells] == header_key:
            continue  # the header repeated on each printed page
        out.append((index + 1, cells))
    return out, totals


# cell values whose text (str()) is always ASCII
_ASCII_CELLS = frozenset({int, float, bool, datetime.date, datetime.datetime, datetime.time, datetime.timedelta})


def _only_merged(index: int, cells: list[Any], keep: list[int], copied: dict[int, int]) -> bool:
    """Nothing typed on this row but merged cells: not a record.

    Either every filled cell is a copy (a blank row inside an org name merged down the
    column), or the one typed cell is a text merged across the row (a section title such as
    二、退休会员, a 注 paragraph, the title repeated on a printed page).
    """
    typed = [i for i in keep if not is_blank(cells[i]) and i not in copied]
    if not typed:
        return True
    across = any(anchor == index for anchor in copied.values())
    return len(typed) == 1 and across and isinstance(cells[typed[0]], str) and not has_key(cells)


def display_headers(headers: list[str]) -> list[str]:
    """Header texts as the report and the preview show them; unnamed columns by position (第C列)."""
    out = []
    for i, h in enumerate(headers):
        text = h.replace(GROUP_SEP, "/") if h else f"第{get_column_letter(i + 1)}列"
        while text in out:
            text += "′"
        out.append(text)
    return out
