"""Reading a district's form as it comes — labels with blank cells beside them, no markers.

Three layouts are recognised, tried in this order on every sheet:

- **vertical** (纵表): a header row with 指标名称/项目 and 数值/本期数 (and often 序号, 计量单位),
  possibly several such blocks side by side; each row below is one figure, its value cell in the
  value column;
- **horizontal** (横表): a header row (or two, with merged group headings) whose cells name
  figures; the street fills the one row under it (街道名称 in its own column);
- **labels**: anything else — a cell naming a figure with an empty cell to its right.

What comes out is a :class:`FormPlan`: every value cell the form asks for (a :class:`Slot`, with
its label, the unit the form wants and, where found, the figure), the header fields (填报单位,
统计时段, 填报日期) and the form's own instructions (金额以万元为单位，保留两位小数). Nothing here
writes a file or needs the office's data; ``district.py`` fills a plan.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ...core.figures import catalogue as F
from ...core.figures import labels as L

LABEL_HEADS = {"指标名称", "指标", "项目", "项目名称", "统计指标", "指标项目", "内容", "统计项目", "指标名"}
VALUE_HEADS = ("数值", "数量", "本期数", "本期", "填报数", "完成数", "实际完成", "数据", "本年累计", "累计数", "累计",
               "合计", "本年", "全年", "年末数", "期末数", "统计数", "完成情况", "本期完成", "本年完成", "填报数据", "实绩")
UNIT_HEADS = {"计量单位", "单位", "单位名称计量"}
SKIP_HEADS = ("序号", "备注", "填报人", "联系电话", "审核人", "负责人", "说明", "编号", "行次", "栏次")
STREET_HEADS = ("街道名称", "街道", "单位名称", "填报单位", "街道(乡镇)", "街镇", "街道(镇)", "乡镇街道", "街道总工会")
FIELD_NAMES = {"填报单位": "office", "报送单位": "office", "统计时段": "period", "统计期间": "period",
               "统计时间": "period", "报告期": "period", "所属期间": "period", "填报日期": "date",
               "报送日期": "date", "填表日期": "date", "填报时间": "date"}
_NAMES = "|".join(FIELD_NAMES)
# 填报单位（盖章）：____  统计时段：   填报日期：    年  月  日 — a field whose blank is empty,
# underscores or an empty 年月日; one already filled in (统计时段：2026年上半年) is left as it is.
_FIELD_RE = re.compile(rf"({_NAMES})(\s*(?:[（(][^）)]*[）)])?\s*)[:：]"
                       rf"([\s_　]*(?:年[\s_　]*月[\s_　]*日[\s_　]*)?)(?=$|{_NAMES}|[（(]|[^\s_　：:]{{1,8}}[：:])")
_NUMBER_ROW = re.compile(r"^(?:[甲乙丙丁]|[A-Z]|\d{1,2}|栏次)$")


@dataclass
class Slot:
    """One value cell the form asks for."""

    sheet: str
    cell: str  # the value cell, e.g. "D7"
    label: str  # the label as the form writes it
    unit: str | None = None  # labels.MONEY_WAN / MONEY_YUAN / PERCENT / NUMBER, when the form says
    key: str | None = None  # the figure, when found
    parent: str | None = None  # the figure of the row this is 其中 of
    source: str = "auto"  # auto / remembered / assigned
    blank: int | None = None  # a blank (____) inside a sentence: which one of its cell, from 0
    last_cell: str | None = None  # the same row's cell in a 上年数 / 上年同期 column, filled with last year's
    last_head: str = ""  # that column's heading, as the form writes it

    @property
    def core(self) -> str:
        return L.normalise(self.label)

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" + (f"（第{self.blank + 1}空）" if self.blank is not None else "")

    @property
    def last_where(self) -> str:
        return f"{self.sheet}!{self.last_cell}"


@dataclass
class HeaderField:
    sheet: str
    cell: str
    kind: str  # office / period / date / street
    inline: bool  # the value goes after the colon in the same cell


@dataclass
class FormPlan:
    layout: str  # vertical / horizontal / labels / markers / none
    slots: list[Slot] = field(default_factory=list)
    fields: list[HeaderField] = field(default_factory=list)
    hints: dict[str, Any] = field(default_factory=dict)  # from the form's instructions
    data_rows: dict[str, int] = field(default_factory=dict)  # horizontal: sheet → the street's row

    @property
    def signature(self) -> str:
        """The form's identity for remembering its mapping: its labels, whatever their cells."""
        labels = sorted({s.core for s in self.slots})
        return hashlib.sha1("\n".join(labels).encode("utf-8")).hexdigest()[:16]

    @property
    def placed(self) -> list[Slot]:
        return [s for s in self.slots if s.key]

    @property
    def unplaced(self) -> list[Slot]:
        return [s for s in self.slots if not s.key]


def text_of(cell) -> str:
    v = cell.value
    return v.strip() if isinstance(v, str) else ""


def recognise(book, index: dict[str, list[F.Candidate]], *, filled: bool = False, street: str = "") -> FormPlan:
    """The plan of every sheet of an openpyxl workbook. ``filled``: the form is a filled copy
    (its value cells hold numbers), as when a district sums the streets' returns. ``street``: a
    horizontal form listing every street gets this street's row."""
    plan = FormPlan("none")
    layouts = []
    for ws in book.worksheets:
        found = _vertical(ws, index) or _horizontal(ws, index, plan, street) or _labels(ws, index, filled)
        if found:
            layouts.append(found[0])
            plan.slots += found[1]
        used = {s.cell for s in plan.slots if s.sheet == ws.title}
        blanks = _inline(ws, used, index)
        if blanks:
            layouts.append("inline")
            plan.slots += blanks
        plan.fields += _header_fields(ws, used)
        plan.hints.update(_hints(ws))
    if layouts:
        plan.layout = layouts[0] if len(set(layouts)) == 1 else "+".join(dict.fromkeys(layouts))
    return plan


# ------------------------------------------------------------------ vertical


_NOT_VALUE = ("序号", "备注", "代码", "编号", "行次", "栏次", "上年", "同期", "同比", "增减", "比上年", "说明")


_LAST_HEADS = ("上年", "去年", "同期")
_CHANGE_WORDS = ("增减", "同比", "比上年", "比去年", "增长", "%", "％", "幅度")


def _head_kind(text: str) -> str | None:
    """label / unit / value / last (上年数, 上年同期) / skip / other (a heading such as 2026年上半年)."""
    t = L.flat(text)
    if t in LABEL_HEADS:
        return "label"
    if t in UNIT_HEADS:
        return "unit"
    if t.startswith(_LAST_HEADS) and not any(w in t for w in _CHANGE_WORDS):
        return "last"
    if any(w in t for w in _NOT_VALUE):
        return "skip"
    if any(t == h or (t.startswith(h) and len(t) <= len(h) + 6) for h in VALUE_HEADS):
        return "value"
    return "other" if len(t) <= 12 else None


def _vertical(ws, index) -> tuple[str, list[Slot]] | None:
    """Every header row with 指标名称/项目 … (a sheet may hold several tables one under another)."""
    heads = []
    for row in ws.iter_rows(max_row=min(ws.max_row, 400)):
        kinds = [(c.column, _head_kind(text_of(c))) for c in row if text_of(c)]
        if any(k == "label" for _c, k in kinds):
            blocks = _blocks([(col, k) for col, k in kinds if k])
            if blocks:
                heads.append((row[0].row, blocks))
    slots: list[Slot] = []
    for i, (head_row, blocks) in enumerate(heads):
        last = heads[i + 1][0] - 1 if i + 1 < len(heads) else ws.max_row
        for label_col, unit_col, value_col, last_col in blocks:
            found = _vertical_rows(ws, head_row, label_col, unit_col, value_col, index, last)
            if last_col is not None:
                _beside_last_year(ws, head_row, last_col, found)
            slots += found
    return ("vertical", slots) if slots else None


def _beside_last_year(ws, head_row: int, last_col: int, slots: list[Slot]) -> None:
    """Each row's cell in the 上年数 column, when it is empty (a formula or a number is the form's)."""
    head = text_of(ws.cell(head_row, last_col))
    for slot in slots:
        cell = ws.cell(ws[slot.cell].row, last_col)
        if cell.value is None:
            slot.last_cell, slot.last_head = cell.coordinate, head


def _blocks(heads: list[tuple[int, str]]) -> list[tuple[int, int | None, int, int | None]]:
    """(label column, unit column, value column, 上年数 column or None) of each block in a header row."""
    out = []
    for i, (col, kind) in enumerate(heads):
        if kind != "label":
            continue
        rest = []
        for c, k in heads[i + 1:]:
            if k == "label":
                break
            rest.append((c, k))
        unit = next((c for c, k in rest if k == "unit"), None)
        value = next((c for c, k in rest if k == "value"), None) or next((c for c, k in rest if k == "other"), None)
        last = next((c for c, k in rest if k == "last"), None)
        if value is not None:
            out.append((col, unit, value, last))
    return out


def _vertical_rows(ws, head_row: int, label_col: int, unit_col: int | None, value_col: int,
                   index, last_row: int) -> list[Slot]:
    slots: list[Slot] = []
    parent: str | None = None
    blanks = 0
    for r in range(head_row + 1, last_row + 1):
        label_cell = ws.cell(r, label_col)
        label = text_of(label_cell)
        if not label:
            blanks += 1
            if blanks >= 3:
                break
            continue
        blanks = 0
        if _NUMBER_ROW.match(L.flat(label)) or L.flat(label) in LABEL_HEADS:
            continue
        value_cell = ws.cell(r, value_col)
        if isinstance(value_cell.value, str) and value_cell.value.startswith("="):
            continue  # the form computes this one itself
        unit_text = text_of(ws.cell(r, unit_col)) if unit_col else ""
        unit = L.unit_in(unit_text)
        number = L.flat(text_of(ws.cell(r, label_col - 1))) if label_col > 1 else ""
        if _is_heading(label, unit, value_cell, number, index):
            parent = None
            continue
        child = _is_child(label, label_cell)
        slot = Slot(ws.title, value_cell.coordinate, label, unit or L.unit_in(label),
                    parent=parent if child else None)
        slot.key = F.match_label(label, unit=slot.unit, parent=slot.parent, index=index, unit_text=unit_text)
        if not child:
            parent = slot.key
        slots.append(slot)
    return slots


def _is_heading(label: str, unit: str | None, value_cell, number: str, index) -> bool:
    """一、组织建设 (or 组织建设 beside 序号 一) — a section title: no unit, not a figure."""
    t = L.flat(label)
    if unit is not None or L.unit_in(t) or value_cell.value is not None or len(L.normalise(t)) > 10:
        return False
    if F.match_label(label, index=index) or _ends_like_figure(L.normalise(t)):
        return False
    return bool(re.match(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|表[一二三四五六七八九十\d]|第[一二三四五六七八九十]+部分)", t)
                or re.fullmatch(r"[一二三四五六七八九十]+[、.]?", number)
                or t.endswith(("工作", "建设", "情况")))


def _ends_like_figure(core: str) -> bool:
    return core.endswith(("数", "率", "额", "金", "人次", "次"))


def _is_child(label: str, cell) -> bool:
    raw = str(cell.value)
    indent = getattr(cell.alignment, "indent", 0) or 0
    return L.flat(label).startswith(("其中", "含:", "内:")) or raw[:1] in (" ", "　") or indent > 0


# ------------------------------------------------------------------ horizontal


def _horizontal(ws, index, plan: FormPlan, street: str = "") -> tuple[str, list[Slot]] | None:
    best, best_row = 0, None
    for row in ws.iter_rows(max_row=min(ws.max_row, 30)):
        found = [c for c in row if text_of(c) and F.match_label(text_of(c), index=index)]
        beside_blank = sum(1 for c in found if c.column < ws.max_column and ws.cell(c.row, c.column + 1).value is None)
        hits = len(found) if beside_blank * 2 <= len(found) else 0  # labels with blanks beside: not a header
        if hits > best:
            best, best_row = hits, row[0].row
    if best < 2:
        return None
    top, bottom = _header_block(ws, best_row)
    data_row = bottom + 1
    while data_row <= ws.max_row and _is_number_row(ws, data_row):
        data_row += 1
    data_row = _own_row(ws, top, bottom, data_row, street)
    plan.data_rows[ws.title] = data_row
    slots: list[Slot] = []
    for col in range(1, ws.max_column + 1):
        label, parent_text = _column_label(ws, col, top, bottom)
        if not label:
            continue
        flat = L.flat(label)
        target = ws.cell(data_row, col)
        if flat in STREET_HEADS or (flat.startswith(("街道名称", "单位名称", "填报单位"))):
            plan.fields.append(HeaderField(ws.title, target.coordinate, "street", False))
            continue
        if any(flat.startswith(h) for h in SKIP_HEADS):
            continue
        parent = F.match_label(parent_text, index=index) if parent_text else None
        unit = L.unit_in(label) or (L.unit_in(parent_text) if parent_text else None)
        slot = Slot(ws.title, target.coordinate, label, unit, parent=parent)
        slot.key = F.match_label(label, unit=unit, parent=parent, index=index)
        slots.append(slot)
    return ("horizontal", slots) if slots else None


def _own_row(ws, top: int, bottom: int, data_row: int, street: str) -> int:
    """The street's own row when the form lists every street (东湖街道 in the 街道名称 column)."""
    core = re.sub(r"(街道|总工会|工会|办事处)$", "", street or "")
    if len(core) < 2:
        return data_row
    for col in range(1, ws.max_column + 1):
        head = L.flat(_column_label(ws, col, top, bottom)[0])
        if head in STREET_HEADS or head.startswith(("街道名称", "单位名称")):
            for r in range(data_row, ws.max_row + 1):
                if core in L.flat(text_of(ws.cell(r, col))):
                    return r
    return data_row


def _header_block(ws, row: int) -> tuple[int, int]:
    """The header rows around ``row``: up through merged group headings, down through sub-headings."""
    top = row
    while top > 1 and _merged_across(ws, top - 1):
        top -= 1
    bottom = row
    while bottom < ws.max_row and _is_subheader(ws, bottom + 1):
        bottom += 1
    return top, bottom


def _merged_across(ws, row: int) -> bool:
    return any(r.min_row <= row <= r.max_row and r.max_col > r.min_col and r.max_row < ws.max_row
               for r in ws.merged_cells.ranges) and any(text_of(c) for c in ws[row])


def _is_subheader(ws, row: int) -> bool:
    texts = [text_of(c) for c in ws[row] if text_of(c)]
    return len(texts) >= 2 and not _is_number_row(ws, row) and not any(
        isinstance(c.value, (int, float)) for c in ws[row]) and _merged_across(ws, row - 1)


def _is_number_row(ws, row: int) -> bool:
    values = [L.flat(str(c.value)) for c in ws[row] if c.value is not None and str(c.value).strip()]
    return len(values) >= 2 and all(_NUMBER_ROW.match(v) for v in values)


def _column_label(ws, col: int, top: int, bottom: int) -> tuple[str, str]:
    """The lowest header text over this column, and the group heading above it (if any)."""
    texts = []
    for r in range(top, bottom + 1):
        t = _merged_text(ws, r, col)
        if t and (not texts or texts[-1] != t):
            texts.append(t)
    if not texts:
        return "", ""
    return texts[-1], (texts[-2] if len(texts) > 1 else "")


def _merged_text(ws, row: int, col: int) -> str:
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            return text_of(ws.cell(rng.min_row, rng.min_col))
    return text_of(ws.cell(row, col))


# ------------------------------------------------------------------ labels beside blanks


def _labels(ws, index, filled: bool = False) -> tuple[str, list[Slot]] | None:
    candidates = []
    for row in ws.iter_rows():
        for c in row:
            label = text_of(c)
            if not label or len(L.normalise(label)) > 30 or label.startswith("{{") or _is_unit_word(label):
                continue
            target, unit = _value_beside(ws, c, filled)
            if target is not None:
                slot = Slot(ws.title, target.coordinate, label, unit or L.unit_in(label))
                slot.key = F.match_label(label, unit=slot.unit, index=index,
                                         unit_text=text_of(ws.cell(c.row, c.column + 1)))
                candidates.append(slot)
    label_cols = {_col(s.cell) for s in candidates if s.key}
    by_cell: dict[str, Slot] = {}
    for s in candidates:
        if (s.key or _col(s.cell) in label_cols) and not (by_cell.get(s.cell) and by_cell[s.cell].key):
            by_cell[s.cell] = s
    slots = list(by_cell.values())
    return ("labels", slots) if label_cols else None


def _is_unit_word(text: str) -> bool:
    return len(L.flat(text)) <= 4 and L.unit_in(text) is not None and not L.normalise(text).endswith("率") \
        and L.flat(text).strip("()（）") in ("万元", "元", "%", "个", "家", "人", "人次", "户", "件", "份", "次", "场",
                                             "场次", "名", "项", "户次", "期", "所", "处", "支", "百分比")


def _col(ref: str) -> str:
    return re.sub(r"\d", "", ref)


def _value_beside(ws, cell, filled: bool = False) -> tuple[Any, str | None]:
    """The empty cell right of a label (past a unit cell such as 人 or 万元), or None; a label merged
    across columns looks right of its merge."""
    right = next((r.max_col for r in ws.merged_cells.ranges if cell.coordinate in r), cell.column)
    nxt = ws.cell(cell.row, right + 1)
    unit = None
    if text_of(nxt) and L.unit_in(text_of(nxt)) and len(L.flat(text_of(nxt))) <= 4:
        unit, nxt = L.unit_in(text_of(nxt)), ws.cell(cell.row, nxt.column + 1)
    empty = nxt.value is None or (filled and isinstance(nxt.value, (int, float)))
    if empty and not _in_merge_with(ws, cell, nxt):
        return nxt, unit
    return None, None


def _in_merge_with(ws, a, b) -> bool:
    return any(a.coordinate in r and b.coordinate in r for r in ws.merged_cells.ranges)


# ------------------------------------------------------------------ blanks inside sentences

BLANK = re.compile(r"[_＿]{2,}")
_BLANK_UNIT = re.compile(r"^\s*(万元|元|人次|户次|家|个|人|户|件|份|次|场次|场|名|项|%|％)")
_LEAD = ("其中", "共有", "现有", "共计", "合计", "累计", "共", "有", "达", "计", "为", "和", "及", "与")


def _inline(ws, used: set[str], index) -> list[Slot]:
    """辖区共有单位____家，其中已建会____家，建会率____% — a blank after each label in a sentence."""
    slots: list[Slot] = []
    for row in ws.iter_rows():
        for c in row:
            t = text_of(c)
            if not t or c.coordinate in used or not BLANK.search(t) or _FIELD_RE.search(t):
                continue
            found = []
            for n, m in enumerate(BLANK.finditer(t)):
                label = _words_before(t[:m.start()])
                unit_m = _BLANK_UNIT.match(t[m.end():])
                unit_text = unit_m.group(1) if unit_m else ""
                slot = Slot(ws.title, c.coordinate, label, L.unit_in(unit_text) if unit_text else L.unit_in(label),
                            blank=n)
                slot.key = F.match_label(label, unit=slot.unit, index=index, unit_text=unit_text) if label else None
                found.append(slot)
            if any(s.key for s in found):
                slots += found
    return slots


def _words_before(text: str) -> str:
    """The label of a blank: the words since the last punctuation, without 共有/其中 and the like."""
    words = re.split(r"[，,；;。：:、（）()\s]", text)[-1]
    changed = True
    while changed:
        stripped = L.without_qualifiers(words)
        changed = stripped != words
        words = stripped
        for lead in _LEAD:
            if words.startswith(lead) and len(words) > len(lead) + 1:
                words, changed = words[len(lead):], True
    return words


def fill_blanks(text: str, values: dict[int, str]) -> str:
    """The sentence with blank number n replaced by values[n]; blanks without a value stay."""
    counter = iter(range(10_000))

    def repl(m: re.Match) -> str:
        n = next(counter)
        return values[n] if n in values else m.group(0)
    return BLANK.sub(repl, text)


# ------------------------------------------------------------------ header fields and notes


def _header_fields(ws, slot_cells: set[str]) -> list[HeaderField]:
    out = []
    for row in ws.iter_rows():
        for c in row:
            t = text_of(c)
            if not t or c.coordinate in slot_cells:
                continue
            if _FIELD_RE.search(t):
                for m in _FIELD_RE.finditer(t):
                    kind = FIELD_NAMES[m.group(1)]
                    beside = ws.cell(c.row, c.column + 1)
                    if not t[m.end():].strip() and not m.group(3).strip(" _　") and beside.value is None \
                            and not _in_merge_with(ws, c, beside) and len(_FIELD_RE.findall(t)) == 1:
                        out.append(HeaderField(ws.title, beside.coordinate, kind, False))
                    else:
                        out.append(HeaderField(ws.title, c.coordinate, kind, True))
            elif L.flat(t) in ("填报日期", "报送日期", "填表日期") and ws.cell(c.row, c.column + 1).value is None:
                out.append(HeaderField(ws.title, ws.cell(c.row, c.column + 1).coordinate, "date", False))
    return out


def _hints(ws) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in ws.iter_rows():
        for c in row:
            t = text_of(c)
            if len(t) >= 6 and ("单位" in t or "小数" in t or "%" in t or "百分" in t):
                out.update(L.instructions(t))
            m = re.search(r"单位[:：](万元|元)", L.flat(t))
            if m:
                out.setdefault("money", L.MONEY_WAN if m.group(1) == "万元" else L.MONEY_YUAN)
    return out


def fill_fields(text: str, values: dict[str, str]) -> str:
    """``填报单位：____ 填报日期：`` with the values after each colon."""
    def repl(m: re.Match) -> str:
        return f"{m.group(1)}{m.group(2)}：{values.get(FIELD_NAMES[m.group(1)], '')}  "
    return _FIELD_RE.sub(repl, text).rstrip()


# ------------------------------------------------------------------ remembered mappings

MEMORY_PREFIX = "return_form:"


def remembered(get_setting, plan: FormPlan) -> dict[str, str]:
    raw = get_setting(MEMORY_PREFIX + plan.signature)
    try:
        return json.loads(raw) if raw else {}
    except ValueError:
        return {}


def memory_value(plan: FormPlan) -> str:
    """The confirmed mapping; a label left blank is remembered only when the clerk chose so (留空),
    so that one not recognised today can still be recognised by a later version."""
    return json.dumps({s.core: s.key or "" for s in plan.slots if s.key or s.source != "auto"},
                      ensure_ascii=False, sort_keys=True)


def apply_memory(plan: FormPlan, memory: dict[str, str]) -> None:
    for s in plan.slots:
        if s.core in memory:
            key = memory[s.core] or None
            if key != s.key:
                s.key, s.source = key, "remembered"
