"""募集 / 已支出 / 结余: an assistance campaign names the fund it is paid out of; the fund shows what
was raised and what was paid out side by side, each from its own records."""

import pytest

from unionoffice.cli import main
from unionoffice.core.assistance import campaigns
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.fundraising import records as funds
from unionoffice.core.fundraising import spending
from unionoffice.core.values.ids import make_id_number


def _people(n):
    import datetime

    return [{"name": f"困难职工{i}", "id_number": make_id_number("440303", datetime.date(1970 + i, 1, 1), i)}
            for i in range(n)]


@pytest.fixture
def fund(store):
    fid = funds.create_campaign(store, {"name": "扶贫济困日募捐", "kind": "募捐", "start_date": "2026-06-28"})
    funds.add_contribution(store, fid, {"donor_name": "华美公司", "donor_kind": "单位", "amount": "3,000",
                                        "paid_date": "2026-06-28"})
    funds.add_contribution(store, fid, {"donor_name": "热心市民", "amount": "460", "paid_date": "2026-06-29"})
    return fid


def _campaign(store, people=3, standard="500", source="社会捐赠", name="2026年元旦春节送温暖"):
    cid = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-12-20", "name": name,
                                            "funding_source": source, "standard_amount": standard})
    campaigns.add_recipients(store, cid, _people(people))
    return cid


def test_raised_spent_and_balance_side_by_side(store, fund):
    cid = _campaign(store)
    assert spending.fund_position(store, fund)["spent"] == 0
    spending.link_campaign(store, cid, fund)
    pos = spending.fund_position(store, fund)
    assert (pos["raised"], pos["spent_money"], pos["balance"]) == (346000, 150000, 196000)
    assert [c["amount"] for c in pos["campaigns"]] == [150000]
    # the figures keep the money raised apart from assistance paid out
    f = catalogue.compute(store, catalogue.year(2026))
    assert f["fundraising.raised"] == 346000
    spending.link_campaign(store, cid, None)
    assert spending.fund_position(store, fund)["spent"] == 0


def test_a_multi_source_campaign_pays_only_its_donation_share(store, fund):
    cid = _campaign(store, people=2, standard="1000", source="区总")
    campaigns.set_funding(store, cid, [{"source": "区总", "share": "60"}, {"source": "社会捐赠", "share": "40"}])
    spending.link_campaign(store, cid, fund)
    assert spending.fund_position(store, fund)["spent_money"] == 80000


def test_link_refused_when_no_donation_share(store, fund):
    cid = _campaign(store, source="区总")
    campaigns.set_funding(store, cid, [{"source": "区总", "share": "50"}, {"source": "街道总工会", "share": "50"}])
    with pytest.raises(UserError, match="其中没有“社会捐赠”"):
        spending.link_campaign(store, cid, fund)
    with pytest.raises(UserError, match="募集活动不存在"):
        spending.link_campaign(store, _campaign(store, name="第二批"), 999)
    with pytest.raises(UserError, match="找不到编号为 999 的慰问活动"):
        spending.link_campaign(store, 999, fund)
    assert store.scalar("SELECT count(*) FROM campaigns WHERE fund_campaign_id IS NOT NULL") == 0


def test_link_is_audited(store, fund):
    cid = _campaign(store)
    spending.link_campaign(store, cid, fund)
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'campaigns' AND row_id = ? "
                        "AND after LIKE '%fund_campaign_id%'", (cid,)) >= 1


def test_cli_link_and_position(store, fund, capsys):
    cid = _campaign(store)
    db = str(store.path)
    store.close()
    assert main(["fund", "link", "--db", db, "扶贫济困日募捐", "--assistance", str(cid)]) == 0
    assert main(["fund", "show", "--db", db, "扶贫济困日募捐"]) == 0
    out = capsys.readouterr().out
    assert "募集 3,460.00 元" in out and "已支出 1,500.00 元" in out and "结余 1,960.00 元" in out
    assert main(["fund", "link", "--db", db, "扶贫济困日募捐", "--assistance", "999"]) == 1
    assert "找不到编号为 999 的慰问活动" in capsys.readouterr().err
    assert main(["fund", "link", "--db", db, "扶贫济困日募捐", "--assistance", str(cid), "--unlink"]) == 0
