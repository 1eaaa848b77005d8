"""会员服务卡: per member the 信息采集 date, the 制卡 date and the card number (see ``records``)."""
