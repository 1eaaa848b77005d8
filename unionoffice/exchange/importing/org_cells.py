"""Cells of a 单位台账 that hold two things, or say something only the sheet around them knows.

'张三 13800138000' in the 工会主席 column is a name and a phone; '联合建会（东湖社区工联会）' is a
mode and a federation; a sheet called 东湖社区 says the 所属社区 of every row on it. These run on
the raw row before core validation (org_rows.OrgRows), raising ValueFormatError naming the field.
"""

from __future__ import annotations

import re
from typing import Any

from ...core.values import dates
from ...core.orgs import values as org_values
from ...core.errors import ValueFormatError

# A phone at the end of a name cell: digits with the separators people type, 7 digits or more.
_PHONE_TAIL = re.compile(r"[+(（]?\d[\d\s\-－—–()（）+/／、,，;；]*$")
_LABEL_TAIL = re.compile(r"[\s/／,，;；:：、(（\-－—]*(?:联系电话|电话|手机号码|手机号|手机|联系方式|tel|TEL|Tel)?"
                         r"[\s/／,，;；:：、(（\-－—]*$")
PEOPLE = (("union_chair", "union_chair_phone", "工会主席", "主席电话"), ("contact", "contact_phone", "联系人", "联系电话"))
_SHEET_COMMUNITY = re.compile(r"(社区|村|居委会|社区工作站)$")


def prepare(raw: dict[str, Any], federation: Any, sheet: str) -> Any:
    """Split the two-in-one cells of one row in place; returns the 所属工联会 text (maybe from 建会方式)."""
    for person, phone, person_label, phone_label in PEOPLE:
        split_person_phone(raw, person, phone, person_label, phone_label)
    if "community" not in raw and _SHEET_COMMUNITY.search(sheet.strip()):
        raw["community"] = sheet.strip()  # one sheet per 社区, no 所属社区 column
    if isinstance(raw.get("union_mode"), str):
        mode, named = org_values.mode_and_federation(raw["union_mode"])
        if named:
            raw["union_mode"] = mode
            if federation is None or reader_blank(federation):
                return named
            if org_values.compact(federation) != org_values.compact(named):
                raise ValueFormatError(f"建会方式中写的工联会“{named}”与所属工联会“{str(federation).strip()}”不同，"
                                       "请核对", field="federation_id")
    return federation


def reader_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def split_person_phone(raw: dict[str, Any], person: str, phone: str, person_label: str, phone_label: str) -> None:
    """'张三 13800138000', '李四（13900139000）', '王五/0755-88881234' → name and phone fields."""
    value = raw.get(person)
    if not isinstance(value, str):
        return
    text = value.strip()
    match = _PHONE_TAIL.search(text)
    if not match or sum(c.isdigit() for c in match.group()) < 7:
        return
    number = match.group().strip().strip("()（）").strip()
    raw[person] = _LABEL_TAIL.sub("", text[: match.start()]).strip()
    given = raw.get(phone)
    if reader_blank(given):
        raw[phone] = number
    elif _digits(given) != _digits(number):
        raise ValueFormatError(f"{person_label}一格里的电话 {number} 与{phone_label}“{str(given).strip()}”不同，"
                               "请只留一个", field=phone)


def _digits(value: Any) -> str:
    text = str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return re.sub(r"\D", "", org_values.compact(text)).removeprefix("86")


def derive_expiry(values: dict[str, Any]) -> None:
    """换届到期日 = 本届开始 + 届期, as the org form fills it, when the sheet leaves it out."""
    start, years = values.get("term_start"), values.get("term_years")
    if start and years and not values.get("term_expiry"):
        values["term_expiry"] = dates.add_years(dates.parse_date(start), years).isoformat()
