"""A 慰问活动 names, on its own form, the fundraising campaign it is paid out of; the fund then shows
the campaign's payments as 已支出 beside what it raised. A multi-source campaign without a
社会捐赠 share is refused on the form, with nothing saved."""

from __future__ import annotations

from unionoffice.core.assistance import campaigns
from unionoffice.core.fundraising import records as funds
from unionoffice.core.fundraising import spending
from unionoffice.ui.assistance.campaign_dialog import CampaignDialog


def _fund(store):
    fid = funds.create_campaign(store, {"name": "扶贫济困日募捐", "kind": "募捐", "start_date": "2026-06-28"})
    funds.add_contribution(store, fid, {"donor_name": "华美公司", "donor_kind": "单位", "amount": "3,000",
                                        "paid_date": "2026-06-28"})
    return fid


def test_campaign_form_names_its_fund(qtbot, store):
    fid = _fund(store)
    dialog = CampaignDialog(store)
    qtbot.addWidget(dialog)
    dialog.source_combo.setCurrentText("社会捐赠")
    dialog.fund_combo.setCurrentIndex(dialog.fund_combo.findData(fid))
    assert dialog.submit()
    cid = campaigns.list_campaigns(store)[0]["id"]
    assert campaigns.get_campaign(store, cid)["fund_campaign_id"] == fid
    assert [c["id"] for c in spending.fund_position(store, fid)["campaigns"]] == [cid]
    again = CampaignDialog(store, cid)
    qtbot.addWidget(again)
    assert again.fund_combo.currentData() == fid
    again.fund_combo.setCurrentIndex(0)
    assert again.submit()
    assert campaigns.get_campaign(store, cid)["fund_campaign_id"] is None


def test_a_fund_without_a_donation_share_is_refused_on_the_form(qtbot, store):
    fid = _fund(store)
    dialog = CampaignDialog(store)
    qtbot.addWidget(dialog)
    dialog.funding_edit.setText("区总 60%、街道总工会 40%")
    dialog.fund_combo.setCurrentIndex(dialog.fund_combo.findData(fid))
    assert not dialog.submit()
    assert "其中没有“社会捐赠”" in dialog.general.text()
    assert campaigns.list_campaigns(store) == []


def test_dropping_the_donation_share_of_a_linked_campaign_is_refused_on_the_form(qtbot, store):
    fid = _fund(store)
    dialog = CampaignDialog(store)
    qtbot.addWidget(dialog)
    dialog.funding_edit.setText("区总 60%、社会捐赠 40%")
    dialog.fund_combo.setCurrentIndex(dialog.fund_combo.findData(fid))
    assert dialog.submit()
    cid = campaigns.list_campaigns(store)[0]["id"]
    again = CampaignDialog(store, cid)
    qtbot.addWidget(again)
    again.funding_edit.setText("区总 60%、街道总工会 40%")
    assert not again.submit()
    assert "由募集活动“扶贫济困日募捐”支出" in again.messages.text("funding")
    assert [line["source"] for line in campaigns.funding_lines(store, cid)] == ["区总", "社会捐赠"]
    # unlinking on the same form lets the line go
    again.fund_combo.setCurrentIndex(0)
    assert again.submit()
    assert [line["source"] for line in campaigns.funding_lines(store, cid)] == ["区总", "街道总工会"]
    assert campaigns.get_campaign(store, cid)["fund_campaign_id"] is None
