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


def _seeded(store):
    from unionoffice.core.fundraising import records as funds

    cid = funds.create_campaign(store, {"name": "扶贫济困日募捐", "kind": "募捐", "start_date": "2026-06-28"})
    funds.add_contribution(store, cid, {"donor_name": "华美公司", "donor_kind": "单位", "amount": "3,000",
                                        "paid_date": "2026-06-28", "receipt_no": "MJ001"})
    funds.add_contribution(store, cid, {"donor_name": "李四", "amount": "460", "paid_date": "2026-06-29",
                                        "receipt_no": "MJ002"})
    return cid


def test_a_contribution_corrected_in_the_window(qtbot, store):
    _seeded(store)
    tab = FundraisingTab(store)
    qtbot.addWidget(tab)
    assert tab.edit_contribution() is None  # nothing chosen
    tab.gifts.selectRow(1)
    form = tab.edit_contribution()
    assert form.widgets["amount"].text() == "460.00" and form.widgets["receipt_no"].text() == "MJ002"
    form.widgets["receipt_no"].setText("MJ001")
    assert not form.save() and "收据号 MJ001 已登记过" in form.error_label.text()
    assert tab.gifts.cell_text(1, 4) == "MJ002"
    form.widgets["receipt_no"].setText("MJ003")
    form.widgets["amount"].setText("500")
    assert form.save()
    assert tab.total_label.text() == "本活动捐款 2 笔，合计 3,500.00 元"
    assert tab.gifts.cell_text(1, 4) == "MJ003"


def test_receipts_printed_from_the_window(qtbot, store, tmp_path, messages):
    _seeded(store)
    tab = FundraisingTab(store)
    qtbot.addWidget(tab)
    tab.gifts.selectRow(0)
    op = tab.print_receipts(tmp_path / "收据.pdf")
    qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
    assert op.state == "succeeded", op.error
    assert (tmp_path / "收据.pdf").stat().st_size > 1000
    assert "已生成收据 1 张" in messages.of("information")[-1][2]


def test_a_campaign_paid_out_of_the_fund_shows_apart(qtbot, store):
    import datetime

    from unionoffice.core.assistance import campaigns
    from unionoffice.core.values.ids import make_id_number

    _seeded(store)
    aid = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-12-20",
                                            "funding_source": "社会捐赠", "standard_amount": "500"})
    campaigns.add_recipients(store, aid, [{"name": "困难职工", "id_number": make_id_number(
        "440303", datetime.date(1970, 1, 1), 1)}])
    tab = FundraisingTab(store)
    qtbot.addWidget(tab)
    assert tab.position_label.text().startswith("募集 3,460.00 元　｜　已支出 0.00 元　｜　结余 3,460.00 元")
    form = tab.link_assistance()
    assert form.widgets["campaign"].currentData() == aid
    assert form.save()
    text = tab.position_label.text()
    assert "募集 3,460.00 元　｜　已支出 500.00 元　｜　结余 2,960.00 元" in text and "元旦春节送温暖" in text
    assert "（草稿，尚未发放）" in text  # the list is not printed yet: the clerk sees the money is not out
    assert tab.total_label.text() == "本活动捐款 2 笔，合计 3,460.00 元"  # what was raised, untouched
    form = tab.link_assistance()
    form.set_value("action", "unlink")
    assert form.save() and "已支出 0.00 元" in tab.position_label.text()
