"""The short way through a member roll: rows the general checker would keep without a word.

Most rows of a 50,000-row roll are plain: a name and an ID typed cleanly, a mobile number, the
sex the ID says, and a few columns whose values repeat down the sheet (民族, 政治面貌, 文化程度 …).
For those, ``plain_row_checker`` gives the very same kept values as ``MemberRows``' general way,
with far fewer Python steps: the repeated columns are looked up once per *combination* of their
values rather than once per cell, dates once per distinct value, and the person's own cells go
straight to the rules they need.

Anything else — a blank or unusual cell, a value the rules refuse, a duplicated ID, a zero-width
character — is handed to the general way unchanged, so every problem is still found and worded
there and only there. ``tests/exchange/test_plain_rows.py`` holds the two ways to the same result.
"""

from __future__ import annotations

import datetime
import operator
from typing import Any, Callable, Sequence

from ...core.errors import ValueFormatError
from ...core.members.records import DATE_FIELDS, member_name
from ...core.values import dates
from ...core.values.ids import normalize_id_number
from ...core.values.names import pinyin_keys
from ...core.values.phones import normalize_phone
from .quirks import INVISIBLE

# the person's own columns this way knows; a roll with 会员证号 or 状态原因 goes the general way
PLAIN_OWN = frozenset({"name", "id_number", "phone", "gender", "notes"})
_REFUSED = object()  # a date value the rules refuse, or one that held invisible characters
_UNKNOWN = object()
_ODD = frozenset("13579")
_DATE = datetime.date

RowCheck = Callable[[tuple[str, int], list[Any]], None]


def plain_row_checker(checker, shared: Sequence[tuple[int, str]], owned: Sequence[tuple[int, str]],
                      org_at: int | None, general: RowCheck, Kept: type) -> RowCheck | None:
    """``general`` with a short way in front for plain rows; None when the columns don't suit it.
    ``Kept``: the checker's record of a kept row."""
    at = {key: i for i, key in owned}
    if not {"name", "id_number"} <= at.keys() or not at.keys() <= PLAIN_OWN:
        return None
    combos = _Combos(checker, shared)
    dated = [(i, key, {}) for i, key in shared if key in DATE_FIELDS]
    own_order = [key for _, key in owned]
    name_at, id_at = at["name"], at["id_number"]
    gender_at, phone_at, notes_at = at.get("gender"), at.get("phone"), at.get("notes")
    seen, kept, org = checker.seen, checker.kept, checker._org

    def check_row(where: tuple[str, int], cells: list[Any]) -> None:
        values = combos.values_of(cells)
        if values is None:
            return general(where, cells)
        for i, key, known in dated:
            value = cells[i]
            if value.__class__ is _DATE:  # a date cell: a third of a roll's dates, nearly all distinct
                iso = value.isoformat()
                if key == "joined_date" and iso > dates.today().isoformat():
                    return general(where, cells)
            elif value == "" or value is None:
                del values[key]  # a blank never erases what the office knows: no key at all
                continue
            else:
                iso = known.get(value, _UNKNOWN)
                if iso is _UNKNOWN:
                    iso = known[value] = _date_value(checker, key, value)
                if iso is _REFUSED:
                    return general(where, cells)
            values[key] = iso
        own = _own_values(cells, name_at, id_at, gender_at, phone_at, notes_at)
        if own is None or own[1] in seen:
            return general(where, cells)  # the general way words the problem (a duplicate first)
        text, id18, gender, phone, notes = own
        for key in own_order:  # the order the general way gives them
            if key == "name":
                values["name"] = text
                values["name_pinyin"], values["name_initials"] = pinyin_keys(text)
            elif key == "id_number":
                values["id_number"] = id18
            elif key == "gender":
                if gender is not None:
                    values["gender"] = gender
            elif key == "phone":
                if phone is not None:
                    values["phone"] = phone
            elif notes is not None:
                values["notes"] = notes
        values["gender"] = "男" if id18[16] in _ODD else "女"
        values["birth_date"] = f"{id18[6:10]}-{id18[10:12]}-{id18[12:14]}"
        seen[id18] = where
        org_text = None if org_at is None or (cell := cells[org_at]) == "" or cell is None else cell
        if org_text is not None and org(values, org_text):
            checker.invisible_rows += 1
        kept.append(Kept(where, values))

    return check_row


class _Combos:
    """The repeated columns' validated values, once per combination of their cells.

    A roll's 民族 × 政治面貌 × 文化程度 × 是否农民工 make a few hundred combinations over 50,000
    rows. Each combination's dict holds the date columns' keys too, in column order, so that a
    row's values come out in the order the general way gives them."""

    def __init__(self, checker, shared: Sequence[tuple[int, str]]):
        self.checker, self.shared = checker, list(shared)
        self.known: dict[tuple, dict[str, Any] | None] = {}
        keys = [i for i, key in shared if key not in DATE_FIELDS]
        # itemgetter of two or more columns hands back their tuple, in C
        self.key_of = operator.itemgetter(*keys) if len(keys) > 1 else \
            (lambda cells: (cells[keys[0]],)) if keys else (lambda cells: ())

    def values_of(self, cells: list[Any]) -> dict[str, Any] | None:
        """A fresh dict of this row's repeated values (dates still to fill), or None: general way."""
        key = self.key_of(cells)
        hit = self.known.get(key, False)
        if hit is False:
            hit = self.known[key] = self._combine(key)
        return None if hit is None else hit.copy()

    def _combine(self, key: tuple) -> dict[str, Any] | None:
        checker = self.checker
        merged: dict[str, Any] = {}
        values = iter(key)
        for _, name in self.shared:
            if name in DATE_FIELDS:
                merged[name] = None  # filled (or dropped when blank) row by row
                continue
            value = next(values)
            if value == "" or value is None:
                continue
            hit = _clean(checker, name, value)
            if hit is None:
                return None
            merged.update(hit)
        return merged


def _clean(checker, name: str, value: Any) -> dict[str, Any] | None:
    """The checker's validated value(s) of a repeated cell (worked out once per distinct value),
    or None when the rules refuse it or it held invisible characters: the general way then."""
    hit = checker._cached(name, value)
    return hit if hit.__class__ is dict and (name, value) not in checker.dirty else None


def _date_value(checker, key: str, value: Any) -> Any:
    hit = _clean(checker, key, value)
    return _REFUSED if hit is None else hit[key]


def _own_values(cells: list[Any], name_at: int, id_at: int, gender_at: int | None, phone_at: int | None,
                notes_at: int | None) -> tuple[str, str, str | None, str | None, str | None] | None:
    """(name, ID, sex as written, phone, 备注) of a plain row; None sends the row the general way."""
    id_cell, name = cells[id_at], cells[name_at]
    if id_cell.__class__ is str and not id_cell.isascii():
        return None  # full-width digits, or a zero-width character to count: the general way
    try:
        id18 = normalize_id_number(id_cell)
        if name.__class__ is not str or not name.isascii() and not INVISIBLE.isdisjoint(name):
            return None
        text = member_name(name)
    except ValueFormatError:
        return None
    gender = None if gender_at is None else _blank_or(cells[gender_at])
    if gender is not None and gender != ("男" if id18[16] in _ODD else "女"):
        return None  # a synonym (男性, M) or a sex the ID contradicts: the general way
    phone = None if phone_at is None else _blank_or(cells[phone_at])
    if phone is not None:
        if phone.__class__ is str and ("." in phone or not phone.isascii() and not INVISIBLE.isdisjoint(phone)):
            return None
        try:
            phone = normalize_phone(phone)
        except ValueFormatError:
            return None
    notes = None if notes_at is None else _blank_or(cells[notes_at])
    if notes is not None:
        if notes.__class__ is not str or not notes.isascii() and not INVISIBLE.isdisjoint(notes):
            return None
        notes = notes.strip()
    return text, id18, gender, phone, notes


def _blank_or(value: Any) -> Any:
    return None if value == "" or value is None else value
