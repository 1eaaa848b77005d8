"""The 会员服务卡 tab: a card recorded on the form shows in the list and in the year's counts;
a wrong ID stays on the form with the reason."""

from __future__ import annotations

from unionoffice.core.members.records import create_member
from unionoffice.core.values import dates
from unionoffice.ui.member_card.tab import CardsTab

ID_A = "110105198001010032"


def test_card_recorded_in_the_window_is_counted(qtbot, store):
    create_member(store, {"name": "张三", "id_number": ID_A, "joined_date": "2015-01-01"})
    tab = CardsTab(store)
    qtbot.addWidget(tab)
    form = tab.open_form(None)
    form.widgets["id_number"].setText("110105198001010033")
    assert not form.save() and "校验位" in form.error_label.text()
    today = dates.to_iso(dates.today())
    form.widgets["id_number"].setText(ID_A)
    form.widgets["collected_date"].setText(today)
    form.widgets["made_date"].setText(today)
    form.widgets["card_no"].setText("K001")
    assert form.save()
    assert tab.table.rowCount() == 1 and tab.table.cell_text(0, 5) == "K001"
    assert tab.summary.text() == "今年采集信息 1 人，制卡 1 人；累计采集信息 1 人，制卡 1 人"


def test_a_new_card_for_a_member_who_has_one_asks_before_replacing_it(qtbot, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from unionoffice.core.member_card import records as cards

    member = create_member(store, {"name": "张三", "id_number": ID_A, "joined_date": "2015-01-01"})
    cards.save_card(store, member, {"collected_date": "2020-12-01", "made_date": "2020-12-13", "card_no": "OLD1"})
    tab = CardsTab(store)
    qtbot.addWidget(tab)
    form = tab.open_form(None)
    form.widgets["id_number"].setText(ID_A)
    form.widgets["made_date"].setText("2026-12-01")
    form.widgets["card_no"].setText("NEW2")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k:
                        asked.append(text) or QMessageBox.StandardButton.No)
    assert not form.save()
    assert "张三 已有服务卡 OLD1" in asked[0] and "原有的服务卡保持不变" in form.error_label.text()
    assert cards.card_of_member(store, member)["card_no"] == "OLD1"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert form.save(), form.error_label.text()
    assert cards.card_of_member(store, member)["card_no"] == "NEW2"
