"""募捐 / 特殊会费: campaigns and the contributions received (see ``records``)."""
