"""A campaign paid out of a fundraising campaign keeps its 社会捐赠 source while the link stands:
removing it would count nothing spent from the fund, so it is refused with the fund named; other
changes of the lines, and removing it after unlinking, go through."""

import pytest

from unionoffice.core.assistance import campaigns
from unionoffice.core.errors import UserError
from unionoffice.core.fundraising import records as funds
from unionoffice.core.fundraising import spending
from unionoffice.core.values.ids import make_id_number


@pytest.fixture
def linked(store):
    import datetime

    fid = funds.create_campaign(store, {"name": "扶贫济困日募捐", "kind": "募捐", "start_date": "2026-06-28"})
    funds.add_contribution(store, fid, {"donor_name": "华美公司", "donor_kind": "单位", "amount": "3,000",
                                        "paid_date": "2026-06-28"})
    cid = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-12-20", "name": "送温暖",
                                            "funding_source": "区总", "standard_amount": "1000"})
    campaigns.add_recipients(store, cid, [{"name": f"困难职工{i}", "id_number": make_id_number(
        "440303", datetime.date(1970 + i, 1, 1), i)} for i in range(2)])
    campaigns.set_funding(store, cid, [{"source": "区总", "share": "60"}, {"source": "社会捐赠", "share": "40"}])
    spending.link_campaign(store, cid, fid)
    return fid, cid


def test_removing_the_donation_line_while_linked_is_refused(store, linked):
    fid, cid = linked
    assert spending.fund_position(store, fid)["spent_money"] == 80000
    for lines in ([{"source": "区总", "share": "50"}, {"source": "街道总工会", "share": "50"}],
                  [{"source": "区总", "share": "100"}], []):
        with pytest.raises(UserError, match="由募集活动“扶贫济困日募捐”支出，不能去掉“社会捐赠”"):
            campaigns.set_funding(store, cid, lines)
    assert spending.fund_position(store, fid)["spent_money"] == 80000  # nothing changed
    campaigns.set_funding(store, cid, [{"source": "区总", "share": "70"}, {"source": "社会捐赠", "share": "30"}])
    assert spending.fund_position(store, fid)["spent_money"] == 60000
    campaigns.set_funding(store, cid, [{"source": "社会捐赠", "share": "100"}])  # one source: the fund pays all
    assert spending.fund_position(store, fid)["spent_money"] == 200000


def test_after_unlinking_the_line_may_go(store, linked):
    fid, cid = linked
    spending.link_campaign(store, cid, None)
    campaigns.set_funding(store, cid, [{"source": "区总", "share": "50"}, {"source": "街道总工会", "share": "50"}])
    assert spending.fund_position(store, fid)["spent"] == 0


def test_a_one_source_campaign_is_linked_only_when_its_source_is_donations(store, linked):
    fid, _cid = linked
    other = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-12-21", "name": "区总送温暖",
                                              "funding_source": "区总", "standard_amount": "500"})
    with pytest.raises(UserError, match="资金来源是“区总”：从募集活动支出的活动，资金来源应为“社会捐赠”"):
        spending.link_campaign(store, other, fid)
    gift = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-12-22", "name": "捐赠送温暖",
                                             "funding_source": "社会捐赠", "standard_amount": "500"})
    spending.link_campaign(store, gift, fid)
    with pytest.raises(UserError, match="由募集活动“扶贫济困日募捐”支出"):
        campaigns.update_campaign(store, gift, {"funding_source": "街道总工会"})
    assert campaigns.get_campaign(store, gift)["funding_source"] == "社会捐赠"
    campaigns.update_campaign(store, gift, {"standard_amount": "600"})  # other changes go through
