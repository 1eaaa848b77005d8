"""Values as street rolls hold them: placeholders for "none", years typed into date cells, quoted IDs."""

from __future__ import annotations

import pytest

from unionoffice.core.values import dates, ids, phones
from unionoffice.core.errors import ValueFormatError

ID = ids.make_id_number("440303", dates.parse_date("1985-03-12"), 123)


@pytest.mark.parametrize("text", ["无", "暂无", "/", "—", "-", " 无 ", "不详"])
def test_none_written_as_a_word_is_no_value(text):
    assert dates.parse_date(text) is None
    assert phones.normalize_phone(text) == ""


@pytest.mark.parametrize(("number", "says"), [(2019, "只有年份"), (2019.5, "看不出是几月"), (2019.1, "2019.10")])
def test_a_year_typed_into_a_general_cell_is_not_a_day_in_1905(number, says):
    with pytest.raises(ValueFormatError, match=says):
        dates.parse_date(number)


def test_real_serials_and_typed_digits_still_read():
    assert dates.to_iso(43586) == "2019-05-01"
    assert dates.to_iso(20190501) == "2019-05-01" and dates.to_iso(201905) == "2019-05-01"
    assert dates.to_iso(1899) == "1905-03-13"  # just outside the year range: a serial as before


@pytest.mark.parametrize("text", ["'" + ID, "‘" + ID, "`" + ID + " ", '"' + ID + '"'])
def test_an_id_behind_excels_text_apostrophe_is_read(text):
    assert ids.normalize_id_number(text) == ID


def test_fifteen_digit_ids_are_upgraded_with_their_date_checked():
    assert ids.normalize_id_number("440303650801123") == "44030319650801123" + ids.id_check_digit("44030319650801123")
    with pytest.raises(ValueFormatError, match="19651301"):
        ids.normalize_id_number("440303651301124")
