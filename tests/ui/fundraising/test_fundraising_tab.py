"""The 募捐与特殊会费 tab: a campaign created and a contribution registered in the window, bad
amounts refused on the form, the campaign's total shown."""

from __future__ import annotations

from unionoffice.ui.fundraising.tab import FundraisingTab


def test_campaign_and_contribution_in_the_window(qtbot, store):
    tab = FundraisingTab(store)
    qtbot.addWidget(tab)
    assert not tab.add_button.isEnabled()
    form = tab.new_campaign()
    form.widgets["name"].setText("扶贫济困日募捐")
    assert form.save()
    assert tab.campaigns.rowCount() == 1 and tab.add_button.isEnabled()
    form = tab.add_contribution()
    form.widgets["donor_name"].setText("深圳市华美电子有限公司")
    form.widgets["amount"].setText("0")
    assert not form.save() and "金额应大于 0" in form.error_label.text()
    form.widgets["amount"].setText("1,500")
    form.widgets["receipt_no"].setText("MJ001")
    assert form.save()
    assert tab.gifts.rowCount() == 1 and tab.gifts.cell_text(0, 3) == "1,500.00"
    assert tab.total_label.text() == "本活动捐款 1 笔，合计 1,500.00 元"
    assert tab.campaigns.cell_text(0, 5) == "1,500.00"


def test_deleting_a_campaign_takes_its_contributions_to_the_recycle_bin(qtbot, store, messages):
    from unionoffice.core.fundraising import records as funds

    cid = funds.create_campaign(store, {"name": "特殊会费", "kind": "特殊会费", "start_date": "2026-07-01"})
    funds.add_contribution(store, cid, {"donor_name": "某公司", "amount": "100", "paid_date": "2026-07-02"})
    tab = FundraisingTab(store)
    qtbot.addWidget(tab)
    tab.delete_campaign()
    assert "连同其捐款登记移入回收站" in messages.texts()
    assert tab.campaigns.rowCount() == 0
    assert store.scalar("SELECT count(*) FROM fund_contributions WHERE deleted_at IS NULL") == 0
