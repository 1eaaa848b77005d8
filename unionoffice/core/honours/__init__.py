"""评先评优: the register of honours to persons and to orgs/unions (see ``records``)."""
