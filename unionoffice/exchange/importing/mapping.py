"""Which column holds which field: guessed from the header texts, or remembered from last time.

Headers are spelled every way (姓 名 / 职工姓名, 身份证号码 / 公民身份号码, 职工人数（人）, 其中：女职工),
so each is compared after removing spaces, punctuation and bracketed notes, first exactly against
the labels and aliases declared with the fields (core ``MEMBER_FIELDS`` / ``ORG_FIELDS``), then by
the longest label it contains. A mapping the clerk confirmed is stored under a hash of the
normalised headers, so the next file with the same headers needs no correcting.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Sequence

from ...core.fees.records import TAX_LIST_FIELDS
from ...core.members.records import MEMBER_FIELDS
from ...core.mutual_aid.records import ENROLMENT_FIELDS
from ...core.orgs.records import ORG_FIELDS
from ...core.store.records import Field
from . import reader
from .reader import GROUP_SEP, compact

KINDS = {"members": MEMBER_FIELDS, "orgs": ORG_FIELDS, "tax_list": TAX_LIST_FIELDS, "aid_list": ENROLMENT_FIELDS}
KIND_LABELS = {"members": "会员名册", "orgs": "单位台账", "tax_list": "工会经费税务代收明细", "aid_list": "互助保障参保名单"}
REQUIRED = {"members": ("name", "id_number"), "orgs": ("name",), "tax_list": ("payer_name", "amount", "paid_date"),
            "aid_list": ("name", "id_number")}
# Columns that never hold a field: the row counter and blank spacer columns.
IGNORED_HEADERS = frozenset({"序号", "序", "编号", "No", "NO", "no", "行号"})
# Fields an import never takes from a sheet: derived from other columns or set by the program.
# 出生日期 comes from the 身份证号 (DESIGN §4); a 出生年月 column typed as "85.3" must not cost
# the clerk the whole row when the ID already says the date.
NOT_IMPORTED = {"members": frozenset({"birth_date"}), "orgs": frozenset({"is_federation"}), "tax_list": frozenset(),
                "aid_list": frozenset()}
# Columns an import reads that are no record field: a ledger's 是否建会 beside its 建会方式 is
# checked against it (org_rows.OrgRows), and stands in for it when it is the only such column.
IMPORT_ONLY: dict[str, tuple[Field, ...]] = {
    "members": (),
    "orgs": (Field("has_union", "是否建会", "choice", aliases=("是否已建会", "是否组建工会", "是否建立工会",
                                                         "是否成立工会", "有无工会")),),
    "tax_list": (),
    "aid_list": (),
}
# Headers never mapped: collective contracts are registered one by one with their dates
# (单位 → 集体合同), so a 集体合同 已签/未签 column can't be stored; the CLI says so.
NEVER_MAPPED = {"members": None, "orgs": re.compile("合同"), "tax_list": re.compile("税率|费率|征收率"),
                "aid_list": None}
# A header counting something (单位数, 建会率) is never a name or any other text field.
_COUNT_HEADER = re.compile(r"(数|数量|率|比例)$")

_PUNCT = re.compile(r"[*＊:：、,，。.·•'\"“”‘’/\\\-_]")
_BRACKETS = re.compile(r"[（(\[【<《].*?[）)\]】>》]")


def fields_of(kind: str) -> tuple[Field, ...]:
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    return tuple(f for f in KINDS[kind] if f.name not in NOT_IMPORTED[kind]) + IMPORT_ONLY[kind]


def norm(text: str) -> str:
    return _PUNCT.sub("", compact(text))


def _variants(header: str) -> list[str]:
    """Spellings to try for one header: as is, without bracketed notes, sub label of a group."""
    parts = header.split(GROUP_SEP)
    candidates = [parts[-1], "".join(parts)] if len(parts) > 1 else [header]
    out: list[str] = []
    for text in candidates:
        for variant in (norm(text), norm(_BRACKETS.sub("", compact(text)))):
            if variant and variant not in out:
                out.append(variant)
    return out


@lru_cache(maxsize=None)
def _keys(kind: str) -> dict[str, str]:
    """Normalised label/alias → field name."""
    keys: dict[str, str] = {}
    for f in fields_of(kind):
        for text in (f.label, *f.aliases):
            keys.setdefault(norm(text), f.name)
    return keys


def _exact(kind: str, header: str) -> str | None:
    keys = _keys(kind)
    return next((keys[v] for v in _variants(header) if v in keys), None)


def _contained(kind: str, header: str, taken: set[str]) -> str | None:
    best, best_len = None, 1
    counting = bool(_COUNT_HEADER.search(norm(_BRACKETS.sub("", compact(header)))))
    for variant in _variants(header):
        for key, name in _keys(kind).items():
            if name not in taken and len(key) > best_len and key in variant \
                    and not (counting and _kind_of(kind, name) != "int"):
                best, best_len = name, len(key)
    return best


@lru_cache(maxsize=None)
def _field_kinds(kind: str) -> dict[str, str]:
    return {f.name: f.kind for f in fields_of(kind)}


def _kind_of(kind: str, name: str) -> str:
    return _field_kinds(kind)[name]


def is_ignored(header: str) -> bool:
    return norm(_BRACKETS.sub("", compact(header))) in IGNORED_HEADERS or not compact(header)


def never_mapped(kind: str, header: str) -> bool:
    pattern = NEVER_MAPPED[kind]
    return bool(pattern and pattern.search(compact(header)))


def guess_mapping(kind: str, headers: Sequence[str]) -> dict[int, str | None]:
    """Column index → field name (None: not imported). Each field goes to one column at most."""
    mapping: dict[int, str | None] = {i: None for i in range(len(headers))}
    taken: set[str] = set()
    skip = [is_ignored(h) or never_mapped(kind, h) for h in headers]
    for i, header in enumerate(headers):  # exact spellings win over partial ones
        if skip[i]:
            continue
        name = _exact(kind, header)
        if name and name not in taken:
            mapping[i] = name
            taken.add(name)
    if kind == "orgs":
        _yes_no_beside_mode(mapping, headers)
        taken = {name for name in mapping.values() if name}
    for i, header in enumerate(headers):
        if mapping[i] is None and not skip[i]:
            name = _contained(kind, header, taken)
            if name:
                mapping[i] = name
                taken.add(name)
    if kind == "orgs":
        _chair_phone_beside_chair(mapping, headers)
    return mapping


def _yes_no_beside_mode(mapping: dict[int, str | None], headers: Sequence[str]) -> None:
    """是否建会 beside 建会方式 (either order): 建会方式 says how, so it gets the field, and
    是否建会 is read as the yes/no it is (checked against 建会方式 row by row)."""
    free = [i for i, name in mapping.items() if name in (None, "union_mode")]
    yes_no = [i for i in free if any(v in _yes_no_keys() for v in _variants(headers[i]))]
    how = [i for i in free if i not in yes_no and _exact("orgs", headers[i]) == "union_mode"]
    if yes_no and how:
        for i in free:
            if mapping[i] == "union_mode":
                mapping[i] = None
        mapping[how[0]], mapping[yes_no[0]] = "union_mode", "has_union"


@lru_cache(maxsize=None)
def _yes_no_keys() -> frozenset[str]:
    has_union = IMPORT_ONLY["orgs"][0]
    return frozenset(norm(t) for t in (has_union.label, *has_union.aliases))


def _chair_phone_beside_chair(mapping: dict[int, str | None], headers: Sequence[str]) -> None:
    """工会主席 | 联系电话: the phone is the org's 联系电话 (a 未建会 unit has no chair to call) —
    unless a header says it is the chair's: the phone's own (工会主席 over 姓名 | 联系电话, a
    two-line header) or the chair's (工会主席及联系电话)."""
    names = list(mapping.values())
    if "union_chair_phone" in names or "contact_phone" not in names or "union_chair" not in names:
        return
    phone, chair = names.index("contact_phone"), names.index("union_chair")
    phone_says = "主席" in compact(headers[phone])
    chair_says = abs(phone - chair) == 1 and bool(_CHAIR_WITH_PHONE.search(compact(headers[chair])))
    if phone_says or chair_says:
        mapping[phone] = "union_chair_phone"


_CHAIR_WITH_PHONE = re.compile(r"主席.*(电话|手机|联系方式)")


def header_score(kind: str, texts: Sequence[str], *, strict: bool = True) -> int:
    """How much a row looks like this kind's header: exact matches count double.

    Strictly, a row scores only when it maps at least two columns and all required fields, so
    a title, an instruction line or another kind's roll never passes for the header. When the
    clerk maps the columns herself, any row that maps a column will do.
    """
    mapping = guess_mapping(kind, texts)
    mapped = {name for name in mapping.values() if name}
    if not mapped or strict and (len(mapped) < 2 or not all(r in mapped for r in REQUIRED[kind])):
        return 0
    exact = sum(1 for t in texts if t and _exact(kind, t))
    return 2 * exact + (len(mapped) - exact)


def subheader_score(kind: str, texts: Sequence[str]) -> int:
    """Known labels in a possible second header line (其中女职工, 合计 …)."""
    return sum(1 for t in texts if t and (_exact(kind, t) or _contained(kind, t, set())))


def unimported_notes(kind: str, headers: Sequence[str], mapping: dict[int, str | None]) -> list[str]:
    """What the import can't take from columns that do carry records' data (集体合同 已签/未签)."""
    unread = [h.replace(GROUP_SEP, "/") for i, h in enumerate(headers)
              if not mapping.get(i) and h and never_mapped(kind, h)]
    if not unread:
        return []
    return [f"“{'”“'.join(unread)}”列没有导入：集体合同要逐份登记签订日期、到期日和覆盖职工人数，"
            "请在“单位”页该单位的“集体合同”中录入"]


def unread_columns(kind: str, headers: Sequence[str], mapping: dict[int, str | None]) -> list[str]:
    """Headed columns the import reads into no field (微信号, 爱好): the wizard's mapping page shows
    them as （不导入）, the CLI names them. 序号 and unheaded columns aside; 集体合同 and the like
    have their own note (``unimported_notes``)."""
    return [h.replace(GROUP_SEP, "/") for i, h in enumerate(headers)
            if not mapping.get(i) and not is_ignored(h) and not never_mapped(kind, h)
            and _exact(kind, h) is None]  # a second 姓名 column has its own note (repeated_required)


def missing_required(kind: str, mapping: dict[int, str | None]) -> list[str]:
    mapped = set(mapping.values())
    labels = {f.name: f.label for f in fields_of(kind)}
    return [labels[r] for r in REQUIRED[kind] if r not in mapped]


def headers_key(kind: str, headers: Sequence[str]) -> str:
    """The key a confirmed mapping is remembered under: a hash of the normalised headers."""
    text = kind + "\x1f" + "\x1f".join(norm(h) for h in headers)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def clean_mapping(kind: str, mapping: dict, width: int) -> dict[int, str | None]:
    """A mapping from the GUI or the settings table, checked: known fields, each used once."""
    names = {f.name for f in fields_of(kind)}
    out: dict[int, str | None] = {i: None for i in range(width)}
    used: set[str] = set()
    for key, name in mapping.items():
        index = int(key)
        if 0 <= index < width and name in names and name not in used:
            out[index] = name
            used.add(name)
    return out


# ------------------------------------------------------------------ what was left out


def repeated_required(kind: str, headers: Sequence[str]) -> list[str]:
    """Required fields (姓名, 身份证号) heading more than one column: only the first is imported.

    A roll printed in two halves side by side (序号 姓名 身份证号 | 序号 姓名 身份证号) looks like
    this; the right half would be left out without a word.
    """
    labels = {f.name: f.label for f in fields_of(kind)}
    return [labels[name] for name in REQUIRED[kind]
            if sum(1 for h in headers if not is_ignored(h) and _exact(kind, h) == name) > 1]


def other_roll_sheets(path, kind: str, used: Sequence[str]) -> list[str]:
    """Visible sheets not imported that still look like this kind of roll: a header naming the
    required fields and at least one record under it (a 社区 sheet whose header differs)."""
    from pathlib import Path

    path = Path(path)
    wb = reader.open_workbook(path)
    out = []
    for name in reader.sheet_names(path):
        if name in used:
            continue
        rows = reader.sheet_rows(wb, path, name)
        index, score = reader.find_header(rows, lambda texts: header_score(kind, texts))
        if score and any(_looks_like_record(kind, row) for row in rows[index + 1:]):
            out.append(name)
    return out


def _looks_like_record(kind: str, row: list) -> bool:
    if kind in ("members", "aid_list"):
        return reader.has_key(row)
    return sum(1 for v in row if not reader.is_blank(v)) >= 2
