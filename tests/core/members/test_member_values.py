"""validate_member on the values sheets and forms bring: name dots, join dates in the future."""

import pytest

from unionoffice.core.values import dates
from unionoffice.core.errors import ValueFormatError
from unionoffice.core.members.records import validate_member


@pytest.mark.parametrize("typed", ["买买提·艾力", "买买提•艾力", "买买提・艾力", "买买提.艾力", "买买提．艾力", "买买提 · 艾力"])
def test_every_dot_in_a_name_is_stored_as_the_middle_dot(typed):
    out = validate_member({"name": typed})
    assert out["name"] == "买买提·艾力"
    assert (out["name_pinyin"], out["name_initials"]) == ("maimaitiaili", "mmtal")


def test_a_join_date_after_today_is_refused(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: dates.parse_date("2026-11-24"))
    assert validate_member({"joined_date": "2026-11-24"})["joined_date"] == "2026-11-24"
    with pytest.raises(ValueFormatError, match="入会日期 2062-05-01 晚于今天") as err:
        validate_member({"joined_date": "2062.5.1"})
    assert err.value.field == "joined_date"
