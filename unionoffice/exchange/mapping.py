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

from ..core.members import MEMBER_FIELDS
from ..core.orgs import ORG_FIELDS
from ..core.records import Field
from . import reader
from .reader import GROUP_SEP, compact

KINDS = {"members": MEMBER_FIELDS, "orgs": ORG_FIELDS}
KIND_LABELS = {"members": "会员名册", "orgs": "单位台账"}
REQUIRED = {"members": ("name", "id_number"), "orgs": ("name",)}
# Columns that never hold a field: the row counter and blank spacer columns.
IGNORED_HEADERS = frozenset({"序号", "序", "编号", "No", "NO", "no", "行号"})
# Fields an import never takes from a sheet: derived from other columns or set by the program.
# 出生日期 comes from the 身份证号 (DESIGN §4); a 出生年月 column typed as "85.3" must not cost
# the clerk the whole row when the ID already says the date.
NOT_IMPORTED = {"members": frozenset({"birth_date"}), "orgs": frozenset({"is_federation"})}

_PUNCT = re.compile(r"[*＊:：、,，。.·•'\"“”‘’/\\\-_]")
_BRACKETS = re.compile(r"[（(\[【<《].*?[）)\]】>》]")


def fields_of(kind: str) -> tuple[Field, ...]:
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    return tuple(f for f in KINDS[kind] if f.name not in NOT_IMPORTED[kind])


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
    for variant in _variants(header):
        for key, name in _keys(kind).items():
            if name not in taken and len(key) > best_len and key in variant:
                best, best_len = name, len(key)
    return best


def is_ignored(header: str) -> bool:
    return norm(_BRACKETS.sub("", compact(header))) in IGNORED_HEADERS or not compact(header)


def guess_mapping(kind: str, headers: Sequence[str]) -> dict[int, str | None]:
    """Column index → field name (None: not imported). Each field goes to one column at most."""
    mapping: dict[int, str | None] = {i: None for i in range(len(headers))}
    taken: set[str] = set()
    for i, header in enumerate(headers):  # exact spellings win over partial ones
        if is_ignored(header):
            continue
        name = _exact(kind, header)
        if name and name not in taken:
            mapping[i] = name
            taken.add(name)
    for i, header in enumerate(headers):
        if mapping[i] is None and not is_ignored(header):
            name = _contained(kind, header, taken)
            if name:
                mapping[i] = name
                taken.add(name)
    return mapping


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
    if kind == "members":
        return reader.has_key(row)
    return sum(1 for v in row if not reader.is_blank(v)) >= 2
